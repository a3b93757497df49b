"""The report (report.md/html) and the deck (deck.pptx) of a results folder, a study's
report and deck, and what they contain.
"""
