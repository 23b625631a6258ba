"""Entry point of the frozen app: the same as the ``proposal-editor`` command."""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
