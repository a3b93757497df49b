"""A tiny experiment (300 members, 40 days): real runs in a fraction of a second."""

TINY = """\
[experiment]
name = "tiny"
description = "Push vs value content on a tiny platform"
steps = 40
replicates = 3
seed = 11
checkpoints = [10, 20]
reference = "push"

[base]
population.members = 300

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""
