"""The phases of the model's day (docs/model.md, section 3): what members are shown,
how they react, who joins, and the category's shopping. Each takes the ``World``.
"""
