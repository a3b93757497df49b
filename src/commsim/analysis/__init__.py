"""Analysis of results: replicate statistics, arm comparison, crossovers and findings."""
