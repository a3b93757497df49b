"""Running an experiment: one run (``simulate``), the executors and their worker
processes, each replicate's world, the runner on one results folder and the
evaluators the studies share.
"""
