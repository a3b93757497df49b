"""``python -m commsim``: the same command as ``commsim``."""

from commsim.cli import main

# Guarded: spawned worker processes import this module again as ``__mp_main__``.
if __name__ == "__main__":
    main()
