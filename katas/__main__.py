"""`python -m katas VERB [N]`: the runner behind the Makefile (katas/_runner/cli.py)."""

import sys

from katas._runner.cli import entry

if __name__ == "__main__":
    sys.exit(entry())
