"""Entry point of the frozen app: the same as the ``proposal-editor`` command."""

from editor.cli import run

if __name__ == "__main__":
    run()
