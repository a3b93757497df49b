"""``python -m commsim.cli``: the same command as ``commsim``."""

from commsim.cli.app import main

# Guarded: spawned worker processes import this module again as ``__mp_main__``.
if __name__ == "__main__":
    main()
