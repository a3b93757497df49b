"""A brand in business terms: the experiment file's ``[brand_profile]`` table, read from
page-insights and LINE exports, turned into the model's parameters (with pilot runs
for a follower trend).
"""
