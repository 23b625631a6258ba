"""Entry point of the frozen app: the same as the ``proposal-editor`` command."""

import multiprocessing

from editor.cli import run

if __name__ == "__main__":
    # The class review's worker processes start this executable again (spawn): let them run.
    multiprocessing.freeze_support()
    run()
