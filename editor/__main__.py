"""``python -m editor``: the same as the ``proposal-editor`` command."""

from editor.cli import run

run()
