"""The interactive explorer: a Mesa SolaraViz page to tune a strategy and watch the community.

Importing this package needs nothing beyond commsim itself; the page (``commsim.ui.page``)
needs the ``explore`` extra (solara), which the ``commsim explore`` command checks for.
"""
