"""`python -m katas VERB [N]`: the runner behind the Makefile (katas/_runner/cli.py)."""

import sys

if __name__ == "__main__":
    try:
        from katas._runner.cli import entry
    except KeyboardInterrupt:  # Ctrl-C while the runner starts
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(entry())
