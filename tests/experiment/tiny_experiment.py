"""A tiny experiment (300 members, 40 days after a short market history): real runs in a
fraction of a second."""

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
population.market_size = 30000
population.market_history_days = 60

[arms.push]
brand.value_share = 0.1

[arms.value]
brand.value_share = 0.9
"""
