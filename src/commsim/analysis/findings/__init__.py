"""Headline sentences: of an experiment, its crossovers, its incremental answer (the
executive summary), and of sweeps, sensitivity and discovery. Charts take their
titles from here.
"""
