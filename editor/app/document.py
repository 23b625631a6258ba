"""The open proposal as a Qt object: one model, one undo stack, change signals.

``ProposalDocument`` is the single adapter between the core ``Proposal`` and the
widgets. Widgets read ``document.proposal`` freely but never assign to it: every
edit goes through a method below, which pushes a ``QUndoCommand`` on the
document's one ``QUndoStack`` (so undo/redo covers the whole document and the
dirty state is the stack's clean state).

Public API
----------
Construction and state
    ``ProposalDocument(proposal=None, path=None, parent=None)``
        ``proposal`` defaults to ``Proposal.new(language)`` in the UI language.
    ``proposal``            the live ``Proposal`` (read it, do not mutate it).
    ``path``                ``Path | None`` of the file on disk (None = untitled).
    ``set_path(path)``      after Save As; emits ``pathChanged``.
    ``undo_stack``          the document's ``QUndoStack``.
    ``is_dirty()``          True when the stack is not at its clean index.
    ``set_clean()``         mark as saved (call after a successful save).
    ``display_name()``      file name, or "Untitled" in the UI language.
    ``language``            the document language ("fr"/"en"; exported headings).
    ``revision``            int bumped on every change (cheap "did it change?" for autosave).
    ``snapshot()``          a deep copy of the proposal, safe to hand to another thread.
    ``image_consent``       the user's answers about images from outside the file's folder
                            (:class:`editor.core.images.ImageConsent`, new for each opened file).

Edits (each one an undo step; raise ``ValueError`` if the value is invalid, nothing changed)
    ``set_section_text(section_id, text)``  typing: consecutive edits of one section
        merge into one step per word (and break after a pause of ``MERGE_PAUSE_S``).
    ``set_title(text)``, ``set_authors(list[str])``, ``set_language(lang)``
    ``set_spell_language(lang | None)``, ``ignore_word(word)``  spelling settings, in ``metadata.extra``
    ``set_poc_url(url)``
    ``set_objectives(list[Objective])``, ``set_risks(list[Risk])``, ``set_kpis(list[Kpi])``,
    ``set_data_sources(list[DataSource])``, ``set_resources(list[Resource])``,
    ``set_diagram(Diagram)``, ``set_architecture(Architecture, message=None, **fields)``
    ``set_part(name, value, message=None, merge_key=None, **fields)``  the generic form: ``name`` is a
        Proposal field; lists/models are deep-copied before and after, so later
        mutation by the caller cannot leak into the undo history. Edits sharing a
        ``merge_key`` within the pause merge (use for a line edit typed key by key).

Signals
    ``changed(str)``          what changed: a section id ("summary", ...), or a part name
                              ("title", "authors", "language", "extra", "poc_url", "objectives",
                              "risks", "kpis", "data_sources", "resources", "diagram", "architecture"),
                              or "all" after ``replace_proposal``.
    ``dirtyChanged(bool)``    dirty state flipped (also on undo back to the saved state).
    ``pathChanged(object)``   new ``Path | None``.
    ``languageChanged(str)``  the document language changed (also emitted as ``changed("language")``).

Whole-document
    ``replace_proposal(proposal, path=None)``  load another proposal (clears undo history,
        marks clean), emits ``changed("all")``, ``languageChanged`` and ``pathChanged``.
    ``apply_proposal_undoably(proposal, message, **fields)``  show another version (a backup,
        a recovery file, the file changed on disk) as one undo step named ``message``.

Keystroke path: ``set_section_text`` does a string comparison and a dict store; no I/O,
no validation of the whole model, no formatting.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.core.model import (
    LANGUAGES,
    SECTION_IDS,
    DataSource,
    Diagram,
    Kpi,
    Objective,
    Proposal,
    Resource,
    Risk,
    normalize_newlines,
)
from editor.i18n import N_, _, current_language, translate_message

# Typing after this many seconds of pause starts a new undo step.
MERGE_PAUSE_S = 2.0

_SECTION_CMD_ID = 1001
_LABELS: dict[tuple[str, str], str] = {}
_PART_CMD_ID = 1002

# Parts stored on the metadata; "extra" holds front-matter keys such as the spelling settings.
_METADATA_PARTS = ("title", "authors", "language", "extra")
_PART_NAMES = {
    "objectives",
    "risks",
    "kpis",
    "data_sources",
    "resources",
    "diagram",
    "architecture",
    "poc_url",
}


def _copy(value: Any) -> Any:
    """A deep, independent copy of a part value (models, lists of models, strings)."""
    if isinstance(value, BaseModel):
        return value.model_copy(deep=True)
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _common_prefix_len(a: str, b: str) -> int:
    """Length of the common prefix, by binary search on C-speed slice compares."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _inserted_text(before: str, after: str) -> str:
    """The text a single edit inserted (empty for a pure deletion)."""
    start = _common_prefix_len(before, after)
    # Common suffix, not overlapping the prefix.
    limit = min(len(before), len(after)) - start
    ra, rb = before[::-1], after[::-1]
    end = min(_common_prefix_len(ra, rb), limit)
    return after[start : len(after) - end]


class _SectionTextCommand(QUndoCommand):
    def __init__(self, doc: "ProposalDocument", section_id: str, before: str, after: str) -> None:
        super().__init__()
        self._doc = doc
        self.section_id = section_id
        self.before = before
        self.after = after
        self.stamp = time.monotonic()
        self.inserted = inserted = _inserted_text(before, after)
        # A word ends when whitespace is typed; the next letter starts a new step.
        self.ends_word = bool(inserted) and inserted[-1].isspace()
        self.retranslate()

    def retranslate(self) -> None:
        """The step's name in the current UI language (also after a language switch)."""
        self.setText(_("Typing in {section}").format(section=self._doc.section_label(self.section_id)))

    def id(self) -> int:  # noqa: A003 - Qt API
        return _SECTION_CMD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, _SectionTextCommand) or other.section_id != self.section_id:
            return False
        if other.stamp - self.stamp > MERGE_PAUSE_S:
            return False
        inserted = other.inserted
        if self.ends_word and inserted and not inserted[0].isspace():
            return False
        self.after = other.after
        self.stamp = other.stamp
        self.ends_word = other.ends_word or (self.ends_word and not inserted)
        return True

    def redo(self) -> None:
        self._doc._apply_section(self.section_id, self.after)

    def undo(self) -> None:
        self._doc._apply_section(self.section_id, self.before)


class _PartCommand(QUndoCommand):
    def __init__(self, doc: "ProposalDocument", name: str, before: Any, after: Any, message: str,
                 merge_key: str | None, fields: dict[str, Any]):
        super().__init__()
        self._doc = doc
        self.name = name
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.stamp = time.monotonic()
        self._message, self._fields = message, fields
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(translate_message(self._message, self._fields))

    def id(self) -> int:  # noqa: A003 - Qt API
        return _PART_CMD_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, _PartCommand) or not self.merge_key or other.merge_key != self.merge_key:
            return False
        if other.stamp - self.stamp > MERGE_PAUSE_S:
            return False
        self.after = other.after
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        self._doc._apply_part(self.name, _copy(self.after))

    def undo(self) -> None:
        self._doc._apply_part(self.name, _copy(self.before))


class ProposalDocument(QObject):
    """A proposal being edited: the model, its file, its undo history."""

    changed = Signal(str)
    dirtyChanged = Signal(bool)
    pathChanged = Signal(object)
    languageChanged = Signal(str)

    def __init__(self, proposal: Proposal | None = None, path: Path | str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        # Without a proposal, the new empty one is made when first asked for: at start-up that is
        # after the first paint, so the model's validators are built then (see editor/core/model.py).
        self._proposal_or_none = proposal
        self._new_proposal_args = (current_language(), dt.datetime.now().astimezone())
        self._path = Path(path) if path else None
        if self._path is not None:
            from editor.core.io import anchor_diagram

            anchor_diagram(self._proposal, self._path.parent)  # absolute in memory (see editor/core/io.py)
        # Made when first asked for (its URL rules are not needed to paint), from these answers.
        self._image_consent = None
        self._consent_for = (self._path, proposal.diagram.path if proposal is not None else "")
        self.revision = 0
        self.undo_stack = QUndoStack(self)
        # Named groups of edits (named_group): stack index -> (msgid, fields, text shown).
        self._groups: dict[int, tuple[str, dict[str, Any], str]] = {}
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirtyChanged.emit(not clean)

    # -- state -------------------------------------------------------------
    @property
    def _proposal(self) -> Proposal:
        if self._proposal_or_none is None:
            language, now = self._new_proposal_args
            self._proposal_or_none = Proposal.new(language, now)
        return self._proposal_or_none

    @_proposal.setter
    def _proposal(self, proposal: Proposal) -> None:
        self._proposal_or_none = proposal

    @property
    def proposal(self) -> Proposal:
        return self._proposal

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: Path | str | None) -> None:
        new = Path(path) if path else None
        if new != self._path:
            self._path = new
            self.pathChanged.emit(new)

    @property
    def language(self) -> str:
        if self._proposal_or_none is None:
            return self._new_proposal_args[0]
        return self._proposal.metadata.language

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def set_clean(self) -> None:
        self.undo_stack.setClean()

    @property
    def image_consent(self):
        """The user's answers about images from outside the file's folder (``editor.core.images.ImageConsent``)."""
        if self._image_consent is None:
            from editor.core.images import ImageConsent

            self._image_consent = ImageConsent(*self._consent_for)
        return self._image_consent

    def display_name(self) -> str:
        return self._path.name if self._path else _("Untitled")

    def section_label(self, section_id: str) -> str:
        from editor.core.guide import section_title

        key = (section_id, current_language())
        label = _LABELS.get(key)  # asked on every keystroke (the undo step's text)
        if label is None:
            try:
                label = section_title(*key)
            except Exception:  # the guide data is validated elsewhere; a label is never fatal
                return section_id
            _LABELS[key] = label
        return label

    def snapshot(self) -> Proposal:
        return self._proposal.model_copy(deep=True)

    def replace_proposal(self, proposal: Proposal, path: Path | str | None = None) -> None:
        """Show another proposal in this document; history is cleared and it is clean."""
        old_lang = self.language
        if path:
            from editor.core.io import anchor_diagram

            anchor_diagram(proposal, Path(path).parent)  # absolute in memory (see editor/core/io.py)
        self._proposal = proposal
        # Images from outside the file's folder: asked again for another document (editor/core/images.py).
        self._image_consent = None
        self._consent_for = (path, proposal.diagram.path)
        self.undo_stack.clear()
        self._groups.clear()
        self.undo_stack.setClean()
        self.revision += 1
        self.set_path(path)
        self.changed.emit("all")
        if proposal.metadata.language != old_lang:
            self.languageChanged.emit(proposal.metadata.language)
        self.dirtyChanged.emit(False)

    def apply_proposal_undoably(self, proposal: Proposal, message: str, **fields) -> None:
        """Show ``proposal``, as one undo step named ``message`` (an ``N_``-marked msgid
        formatted with ``fields``, named anew on a language switch)."""
        if self.path is not None:
            from editor.core.io import anchor_diagram

            anchor_diagram(proposal, self.path.parent)  # read from the document's file or its backup
        with self.named_group(message, **fields):
            if proposal.metadata.language != self.language:
                self.set_language(proposal.metadata.language)
            self.set_title(proposal.metadata.title)
            self.set_authors(list(proposal.metadata.authors))
            for sid in SECTION_IDS:
                self.set_section_text(sid, proposal.sections.get(sid, ""))
            self.set_objectives(proposal.objectives)
            self.set_risks(proposal.risks)
            self.set_kpis(proposal.kpis)
            self.set_data_sources(proposal.data_sources)
            self.set_resources(proposal.resources)
            self.set_diagram(proposal.diagram)
            self.set_poc_url(proposal.poc_url)
        # Parts no editor changes (unknown front matter, unmapped text) follow along.
        self._proposal.metadata.extra = dict(proposal.metadata.extra)
        self._proposal.unmapped = proposal.unmapped

    # -- edits ---------------------------------------------------------------
    def set_section_text(self, section_id: str, text: str) -> None:
        if section_id not in SECTION_IDS:
            raise ValueError(f"unknown section id {section_id!r}")
        text = normalize_newlines(text)
        before = self._proposal.sections.get(section_id, "")
        if text == before:
            return
        self.undo_stack.push(_SectionTextCommand(self, section_id, before, text))

    def set_title(self, text: str) -> None:
        self.set_part("title", text, N_("Edit title"), merge_key="title")

    def set_authors(self, authors: list[str]) -> None:
        self.set_part("authors", list(authors), N_("Edit authors"), merge_key="authors")

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.set_part("language", language, N_("Change document language"))

    def title(self) -> str:
        """The proposal's title ("" for the new empty one)."""
        return self._proposal.metadata.title if self._proposal_or_none is not None else ""

    def spell_language_choice(self) -> str:
        """The spelling language the document stores ("fr" or "en"), "" when it follows its own language."""
        from editor.core.spelling_prefs import chosen_language

        if self._proposal_or_none is None:  # the new empty one, not made yet, stores none
            return ""
        return chosen_language(self._proposal)

    @property
    def spell_language(self) -> str:
        """The language the text is spell-checked in (its own setting, else the document language)."""
        from editor.core.spelling_prefs import spelling_language

        return spelling_language(self._proposal)

    def set_spell_language(self, language: str | None) -> None:
        """Spell-check in ``language`` ("fr"/"en"), or None: follow the document language."""
        from editor.core.spelling_prefs import with_language

        self.set_part("extra", with_language(self._proposal.metadata.extra, language), N_("Change spelling language"))

    def ignore_word(self, word: str) -> None:
        """Never flag ``word`` in this proposal (kept in its front matter)."""
        from editor.core.spelling_prefs import with_ignored

        self.set_part("extra", with_ignored(self._proposal.metadata.extra, word), N_("Ignore “{word}”"), word=word)

    def set_poc_url(self, url: str) -> None:
        self.set_part("poc_url", url, N_("Edit POC URL"), merge_key="poc_url")

    def set_objectives(self, objectives: list[Objective]) -> None:
        self.set_part("objectives", objectives, N_("Edit objectives"))

    def set_risks(self, risks: list[Risk]) -> None:
        self.set_part("risks", risks, N_("Edit risks"))

    def set_kpis(self, kpis: list[Kpi]) -> None:
        self.set_part("kpis", kpis, N_("Edit KPIs"))

    def set_data_sources(self, sources: list[DataSource]) -> None:
        self.set_part("data_sources", sources, N_("Edit data sources"))

    def set_resources(self, resources: list[Resource]) -> None:
        self.set_part("resources", resources, N_("Edit resources"))

    def set_diagram(self, diagram: Diagram) -> None:
        self.set_part("diagram", diagram, N_("Edit diagram"))

    def set_architecture(self, architecture, message: str | None = None, **fields: Any) -> None:
        """The builder's diagram (section 5), as one undo step named ``message``."""
        self.set_part("architecture", architecture, message or N_("Edit the architecture diagram"), **fields)

    def set_part(self, name: str, value: Any, message: str | None = None, merge_key: str | None = None,
                 **fields: Any) -> None:
        """Replace one structured part as an undoable step (validated first), named
        ``message`` (an ``N_``-marked msgid formatted with ``fields``; a callable field
        is asked when the name is shown), so the name follows a language switch."""
        before = _copy(self._get_part(name))
        after = _copy(value)
        self._validate_part(name, after)
        if self._same(before, after):
            return
        if message is None:
            message, fields = N_("Edit {part}"), {"part": name}
        self.undo_stack.push(_PartCommand(self, name, before, after, message, merge_key, fields))

    @contextmanager
    def named_group(self, message: str, **fields: Any) -> Iterator[None]:
        """``with document.named_group(msgid, **fields):`` the edits inside are undone as
        one step named like ``set_part`` names its steps (and renamed on a language switch)."""
        stack = self.undo_stack
        stack.beginMacro(translate_message(message, fields))
        try:
            yield
        finally:
            stack.endMacro()
            if stack.index() > 0:  # the group is the step just before the current index
                index = stack.index() - 1
                self._groups[index] = (message, fields, stack.command(index).text())

    def retranslate_history(self) -> None:
        """Undo step names in the current UI language (the Edit menu shows them)."""
        stack = self.undo_stack
        for index in range(stack.count()):
            command = stack.command(index)
            if hasattr(command, "retranslate"):
                command.retranslate()
            elif index in self._groups:
                message, fields, shown = self._groups[index]
                if command.text() == shown:  # still that group, not a later step in its place
                    text = translate_message(message, fields)
                    command.setText(text)
                    self._groups[index] = (message, fields, text)

    # -- internals (used by the commands) -----------------------------------
    def _get_part(self, name: str) -> Any:
        if name in _METADATA_PARTS:
            return getattr(self._proposal.metadata, name)
        if name in _PART_NAMES:
            return getattr(self._proposal, name)
        raise ValueError(f"unknown part {name!r}")

    def _validate_part(self, name: str, value: Any) -> None:
        target = self._proposal.metadata if name in _METADATA_PARTS else self._proposal
        # Validate on a copy so a refusal leaves the live model untouched.
        probe = target.model_copy(deep=False)
        try:
            setattr(probe, name, _copy(value))
        except ValidationError as exc:
            raise ValueError(str(exc)) from exc

    @staticmethod
    def _same(a: Any, b: Any) -> bool:
        try:
            return a == b
        except Exception:
            return False

    def _apply_section(self, section_id: str, text: str) -> None:
        self._proposal.sections[section_id] = text
        self.revision += 1
        self.changed.emit(section_id)

    def _apply_part(self, name: str, value: Any) -> None:
        if name in _METADATA_PARTS:
            setattr(self._proposal.metadata, name, value)
        else:
            setattr(self._proposal, name, value)
        self.revision += 1
        self.changed.emit(name)
        if name == "language":
            self.languageChanged.emit(value)
