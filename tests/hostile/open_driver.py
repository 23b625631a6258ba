"""The app's open path on one file, without a window: ``python -m tests.hostile.open_driver FILE``.

What opening a proposal in the app reads: the core reader, the document the widgets work on, the
diagram's thumbnail (section 5) and the pictures the preview loads. Exit 0 when opened, 2 (one line
on stderr) when refused; anything else is a failure of the test that runs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from editor.core.formats import FormatError
    from editor.core.io import open_proposal

    path = Path(argv[0])
    try:
        result = open_proposal(path)
    except FormatError as exc:
        print(f"open: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from editor.app.document import ProposalDocument
    from editor.app.widgets.diagram import load_thumbnail, resolve_diagram

    app = QApplication.instance() or QApplication([])
    document = ProposalDocument(result.proposal, path)
    diagram = resolve_diagram(document)
    if diagram is not None:
        load_thumbnail(diagram)
    from editor.app.widgets.preview import PreviewPanel

    PreviewPanel(document).html()  # the preview reads the pictures it shows, as the app does
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
