"""The proposal document model (pydantic v2).

A ``Proposal`` holds everything a student writes: metadata, the Markdown text
of the ten guide sections, and the structured parts (objectives, risks, KPIs,
data sources, resources, the architecture diagram). Text fields normalise line
endings to ``\\n`` so that what is stored is exactly what every format writes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from editor.core.architecture.graph import Architecture
from editor.i18n import LANGUAGES as LANGUAGES  # the proposal languages, defined with the catalogs

SECTION_IDS: tuple[str, ...] = (
    "title",
    "summary",
    "context",
    "objectives",
    "architecture",
    "resources",
    "risks",
    "kpis",
    "catalog",
    "conclusion",
)

Language = Literal["fr", "en"]  # LANGUAGES (editor.i18n): the languages of a proposal

RISK_CATEGORIES: tuple[str, ...] = (
    "technical",
    "data",
    "organisational",
    "security",
    "operational",
    "cost",
)
RISK_STATUSES: tuple[str, ...] = ("open", "monitoring", "mitigated", "closed")
DIRECTIONS: tuple[str, ...] = ("lower", "higher")

FORMAT_ID = "mlops-proposal/1"
TEMPLATE_ID = "mlops-proposal-guide"
TEMPLATE_VERSION = 1

# Ids appear in Markdown tables and objective links, so they stay simple.
_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
# Pictures carried by the proposal are written as files of these names next to a Markdown file.
_MEDIA_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\.[a-z0-9]{2,5}$")


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF, and without NUL characters."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(text: str) -> str:
    # splitlines() also breaks on NEL, LS, PS, VT and FF, which YAML and
    # word processors treat as line breaks too.
    return " ".join(normalize_newlines(text).splitlines()).strip()


def _drop_empty(value: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in value.items() if v}


class _Base(BaseModel):
    # The validators are built on first use, not at import: the app paints its window first.
    model_config = ConfigDict(validate_assignment=True, extra="forbid", defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _normalize_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return normalize_newlines(value)
        return value


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError("an id is 1-40 letters, digits, '.', '_' or '-'")
    return value


class Metadata(_Base):
    """Who wrote the proposal, in which language, from which template."""

    title: str = ""
    authors: list[str] = Field(default_factory=list)
    language: Language = "en"
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    template_id: str = TEMPLATE_ID
    template_version: int = TEMPLATE_VERSION
    # Front-matter keys this version does not know, kept and written back.
    extra: dict[str, Any] = Field(default_factory=dict)

    @field_validator("title")
    @classmethod
    def _title_one_line(cls, value: str) -> str:
        return _one_line(value)

    @field_validator("authors")
    @classmethod
    def _authors_clean(cls, value: list[str]) -> list[str]:
        return [a for a in (_one_line(normalize_newlines(x)) for x in value) if a]


class Objective(_Base):
    """One MLOps objective of section 4, optionally measured by KPIs."""

    text: str = ""
    kpi_ids: list[str] = Field(default_factory=list)

    @field_validator("kpi_ids")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        return [_check_id(v) for v in value]


class _TableRow(_Base):
    """A row of a table: a stable id, and the columns of a hand-written table
    that map to no field (by header), kept so that nothing is dropped."""

    id: str
    extra: dict[str, str] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        return _check_id(value)

    @field_validator("extra")
    @classmethod
    def _extra(cls, value: dict[str, str]) -> dict[str, str]:
        return _drop_empty(value)


class Risk(_TableRow):
    """A row of the risk/mitigation table (section 7)."""

    description: str = ""
    category: str = ""
    likelihood: int | None = Field(default=None, ge=1, le=5)
    impact: int | None = Field(default=None, ge=1, le=5)
    mitigation: str = ""
    owner: str = ""
    status: str = ""


    @property
    def score(self) -> int | None:
        """Likelihood x impact, or None while either is unset."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact


class Milestone(_Base):
    """An intermediate value a KPI should reach by a date."""

    date: dt.date
    value: float

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("a milestone value must be a finite number")
        return value


class Kpi(_TableRow):
    """A success metric of section 8."""

    name: str = ""
    category: str = ""
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    direction: Literal["lower", "higher"] | None = None
    deadline: dt.date | None = None
    measurement: str = ""
    milestones: list[Milestone] = Field(default_factory=list)


    @field_validator("baseline", "target")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @property
    def effective_direction(self) -> str | None:
        """The explicit direction, else the one implied by baseline -> target."""
        if self.direction:
            return self.direction
        if self.baseline is None or self.target is None or self.baseline == self.target:
            return None
        return "lower" if self.target < self.baseline else "higher"

    @property
    def needs_unit(self) -> bool:
        """True unless the KPI is a count its name describes ("Number of incidents"): a count has no unit."""
        from editor.core.counting import names_a_count

        return not names_a_count(self.name)

    @property
    def is_complete(self) -> bool:
        """True when the KPI has what the guide check needs to call it measurable: a name, baseline,
        target and deadline, and a unit unless it is a count."""
        return (
            bool(self.name.strip())
            and self.baseline is not None
            and self.target is not None
            and (bool(self.unit.strip()) or not self.needs_unit)
            and self.deadline is not None
        )


class DataSource(_Base):
    """A data set the project uses (section 6)."""

    name: str = ""
    url: str = ""
    licence: str = ""


class Resource(_Base):
    """An article, tutorial or documentation page (section 6)."""

    title: str = ""
    url: str = ""


class Diagram(_Base):
    """The architecture diagram of section 5: an image path and its caption."""

    path: str = ""
    caption: str = ""

    @field_validator("path")
    @classmethod
    def _path_one_line(cls, value: str) -> str:
        return _one_line(value)


COMMENT_KINDS: tuple[str, ...] = ("", "text", "objective", "risk", "kpi", "data_source", "resource", "diagram")


class CommentAnchor(_Base):
    """What a review comment is attached to, in the proposal's terms (not a word processor's).

    ``section`` is a section id; ``kind`` is empty for the section itself (its heading),
    else a kind of :class:`editor.core.checks.Location` with its ``item`` (``R3``, or a
    1-based number) and ``field``; ``quote`` is the text the comment covered when it was read.
    """

    section: str = ""
    kind: str = ""
    item: str = ""
    field: str = ""
    quote: str = ""

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        if value and value not in SECTION_IDS:
            raise ValueError(f"unknown section id {value!r}")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in COMMENT_KINDS:
            raise ValueError(f"unknown anchor kind {value!r}")
        return value

    @field_validator("item", "field")
    @classmethod
    def _one_word(cls, value: str) -> str:
        return "".join(value.split())


class Comment(_Base):
    """A review comment (from Word or LibreOffice, or an instructor's feedback), kept with the proposal."""

    id: str
    author: str = ""
    initials: str = ""
    date: dt.datetime | None = None
    text: str = ""
    resolved: bool = False
    # The id of the comment this one answers (a reply shares its parent's anchor).
    reply_to: str = ""
    anchor: CommentAnchor = Field(default_factory=CommentAnchor)

    @field_validator("id", "reply_to")
    @classmethod
    def _ids(cls, value: str, info: ValidationInfo) -> str:
        # A comment that answers none has an empty ``reply_to``.
        return value if info.field_name == "reply_to" and not value else _check_id(value)

    @field_validator("author", "initials")
    @classmethod
    def _names_one_line(cls, value: str) -> str:
        return _one_line(value)


class ImportNote(_Base):
    """Something an opened file held that the proposal could not take: which section, what.

    ``message`` is a msgid (``N_``-marked) formatted with ``values`` when shown, so the
    note follows the interface language; ``kind``/``item``/``field`` point inside the
    section as a check finding's location does.
    """

    section: str = "title"
    message: str
    values: dict[str, str] = Field(default_factory=dict)
    kind: str = ""
    item: str = ""
    field: str = ""


class Proposal(_Base):
    """A whole MLOps project proposal."""

    metadata: Metadata = Field(default_factory=Metadata)
    sections: dict[str, str] = Field(default_factory=lambda: {sid: "" for sid in SECTION_IDS})
    objectives: list[Objective] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    poc_url: str = ""
    resources: list[Resource] = Field(default_factory=list)
    diagram: Diagram = Field(default_factory=Diagram)
    # The diagram drawn with the builder (section 5), stored as a Mermaid block.
    architecture: Architecture = Field(default_factory=Architecture)
    # Content of an opened file that belongs to no section (text before the
    # first section heading); kept and written back, never dropped.
    unmapped: str = ""
    comments: list[Comment] = Field(default_factory=list)
    # Pictures the proposal carries itself (taken out of a DOCX), by file name: linked as
    # that name (the diagram's path, ``![alt](name)`` in a section) and written next to a
    # Markdown file when it is saved. Not part of the JSON form: a file carries them.
    media: dict[str, bytes] = Field(default_factory=dict, exclude=True)
    # What the reader of the opened file could not take; kept until the proposal is saved.
    import_notes: list[ImportNote] = Field(default_factory=list, exclude=True)

    @field_validator("sections", mode="before")
    @classmethod
    def _all_sections(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        unknown = sorted(set(value) - set(SECTION_IDS))
        if unknown:
            raise ValueError(f"unknown section id(s): {', '.join(map(str, unknown))}")
        return {sid: value.get(sid, "") for sid in SECTION_IDS}

    @field_validator("sections")
    @classmethod
    def _section_text(cls, value: dict[str, str]) -> dict[str, str]:
        # Blank lines around a section are layout, not content.
        return {sid: normalize_newlines(value[sid]).strip("\n") for sid in SECTION_IDS}

    @field_validator("unmapped")
    @classmethod
    def _unmapped_text(cls, value: str) -> str:
        return value.strip("\n")

    @field_validator("media")
    @classmethod
    def _media_names(cls, value: dict[str, bytes]) -> dict[str, bytes]:
        for name in value:
            if not _MEDIA_NAME_RE.match(name):
                raise ValueError(f"a picture's name is a plain file name, not {name!r}")
        return value

    @field_validator("poc_url")
    @classmethod
    def _poc_one_line(cls, value: str) -> str:
        return _one_line(value)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Proposal":
        for label, items in (("risks", self.risks), ("kpis", self.kpis), ("comments", self.comments)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{label}: duplicate id {item.id!r}")
                seen.add(item.id)
        return self

    @classmethod
    def new(cls, language: str = "en", now: dt.datetime | None = None) -> "Proposal":
        """An empty proposal in ``language``, stamped with the current time."""
        stamp = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
        return cls(metadata=Metadata(language=language, created=stamp, updated=stamp))

    def section(self, section_id: str) -> str:
        return self.sections.get(section_id, "")

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def next_id(self, kind: Literal["risks", "kpis"]) -> str:
        """A fresh id such as ``R4`` or ``K2`` for a new risk or KPI."""
        prefix = "R" if kind == "risks" else "K"
        used = {item.id for item in getattr(self, kind)}
        n = len(used) + 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"
