"""The one question before an export uses images from outside the proposal's folder.

A proposal received from someone else can name any picture of the disk of the person who opens
it (``/home/me/private.png``, ``../../photo.png``); a DOCX or a PDF made from it would carry that
picture back to its author. Before a save or an export would read such images, one dialog names
them: "Use them" or "Leave them out". The answer holds for the document in this session
(:class:`editor.core.images.ImageConsent`); a proposal opened from a DOCX is never asked about
(its image paths are data of the document) and leaves them out. What was left out is said.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.images import ImagePolicy, image_references
from editor.i18n import _, ngettext

if TYPE_CHECKING:
    from editor.app.document import ProposalDocument

MAX_NAMED = 12


def export_policy(doc: "ProposalDocument", parent: QWidget | None, target: Path, prose: bool) -> ImagePolicy:
    """The image policy for writing ``doc`` to ``target`` (a question, if any, over ``parent``).

    ``prose``: the output embeds the pictures of the text too (DOCX, PDF), not only the
    diagram (a Markdown copy). Asks about images from elsewhere nobody answered for yet.
    """
    consent = doc.image_consent
    policy = consent.policy(doc.path, doc.proposal.diagram.path)
    if not prose and doc.path is not None and doc.path.parent.resolve() == target.parent.resolve():
        return policy  # a Markdown file saved where it lives reads no image
    base_dir = doc.path.parent if doc.path else target.parent
    pending = consent.to_ask(policy, image_references(doc.proposal, prose=prose), base_dir)
    if pending:
        consent.answer([real for _written, real in pending], ask_outside_images(parent, [real for _w, real in pending]))
        policy = consent.policy(doc.path, doc.proposal.diagram.path)
    return policy


def ask_outside_images(parent: QWidget | None, paths: list[Path]) -> bool:
    """True when the user chose to use these images from outside the proposal's folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Images from outside the proposal's folder"))
    box.setText(ngettext(
        "This proposal uses an image from outside its folder:",
        "This proposal uses {count} images from outside its folder:", len(paths)).format(count=len(paths)))
    shown = "\n".join(f"• {path}" for path in paths[:MAX_NAMED])
    if len(paths) > MAX_NAMED:
        shown += "\n" + _("and {count} more").format(count=len(paths) - MAX_NAMED)
    box.setInformativeText(shown + "\n\n" + _(
        "A file received from someone else can point at your own pictures this way, and the exported "
        "file would carry them. Use them only if you put them in this proposal."))
    use = box.addButton(_("Use them"), QMessageBox.ButtonRole.AcceptRole)
    leave = box.addButton(_("Leave them out"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(leave)
    box.setEscapeButton(leave)
    box.exec()
    return box.clickedButton() is use
