"""``python -m commsim``: the same command as ``commsim``."""

# Guarded: spawned worker processes import this module again as ``__mp_main__``.
if __name__ == "__main__":
    try:
        from commsim.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the command is still being imported
        import sys

        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    main()
