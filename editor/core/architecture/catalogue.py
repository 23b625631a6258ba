"""The builder's catalogue: lifecycle stages and common MLOps tools, in French and English.

Loaded once from ``resources/architecture/catalogue.yaml`` and validated; a
malformed file raises :class:`CatalogueError` naming it. Names are looked up
by language; text is matched to tools by their names and aliases, case and
accents ignored (:func:`match_tool`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from editor.core.architecture.graph import SHAPES, STAGES
from editor.core.vocab import fold
from editor.i18n import N_, translator

PILLARS: tuple[str, ...] = ("management", "automation", "containers", "monitoring", "reproducibility", "governance")


class CatalogueError(Exception):
    """The catalogue data file is missing or malformed."""


def _bilingual(value):
    return {"en": value, "fr": value} if isinstance(value, str) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(_Strict):
    en: str
    fr: str

    def get(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


class Stage(_Strict):
    id: str
    name: Names
    aliases: tuple[str, ...] = ()

    @field_validator("name", mode="before")
    @classmethod
    def _names(cls, value):
        return _bilingual(value)


class Tool(_Strict):
    key: str
    stage: str
    name: Names
    description: Names
    pillars: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    shape: str = "box"

    @field_validator("name", "description", mode="before")
    @classmethod
    def _names(cls, value):
        return _bilingual(value)

    def matches(self) -> tuple[str, ...]:
        """The folded words that name this tool in a text (names in both languages, aliases)."""
        return tuple(dict.fromkeys(fold(w) for w in (self.name.en, self.name.fr, *self.aliases) if fold(w)))


class Catalogue(_Strict):
    stages: tuple[Stage, ...]
    tools: tuple[Tool, ...]

    @model_validator(mode="after")
    def _consistent(self) -> "Catalogue":
        if tuple(s.id for s in self.stages) != STAGES:
            raise ValueError(f"stages must be {', '.join(STAGES)} in that order")
        keys = [t.key for t in self.tools]
        if len(set(keys)) != len(keys):
            raise ValueError("two tools share a key")
        for t in self.tools:
            if t.stage not in STAGES:
                raise ValueError(f"tool {t.key}: unknown stage {t.stage!r}")
            if set(t.pillars) - set(PILLARS):
                raise ValueError(f"tool {t.key}: unknown pillar(s) {sorted(set(t.pillars) - set(PILLARS))}")
            if t.shape not in SHAPES:
                raise ValueError(f"tool {t.key}: unknown shape {t.shape!r}")
        return self

    def tool(self, key: str) -> Tool | None:
        return _tool_index(self).get(key)

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def tools_in(self, stage_id: str) -> tuple[Tool, ...]:
        return tuple(t for t in self.tools if t.stage == stage_id)


@cache
def _tool_index(catalogue: Catalogue) -> dict[str, Tool]:
    return {t.key: t for t in catalogue.tools}


def catalogue_path() -> Path:
    from editor.paths import resources_dir

    return resources_dir() / "architecture" / "catalogue.yaml"


def load_catalogue_file(path: Path) -> Catalogue:
    """Load and validate a catalogue file; CatalogueError names ``path``."""
    try:
        # libyaml's safe loader when built in: the same data, several times faster.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(f"{path}: invalid catalogue data: {exc}") from exc


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    return load_catalogue_file(catalogue_path())


def stage_name(stage_id: str, language: str) -> str:
    """A stage's title in ``language``; "" (no stage) is "Other"."""
    if not stage_id:
        return translator(language)(N_("Other components"))
    return load_catalogue().stage(stage_id).name.get(language)


def component_name(component, language: str) -> str:
    """What a component's box says: the student's label, else the catalogue's name in ``language``."""
    if component.label:
        return component.label
    tool = load_catalogue().tool(component.key) if component.key else None
    return tool.name.get(language) if tool else component.id


@cache
def _names_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for tool in load_catalogue().tools:  # names first: an alias never hides another tool's name
        for name in (tool.name.en, tool.name.fr):
            index.setdefault(fold(name), tool.key)
    for tool in load_catalogue().tools:
        for alias in tool.aliases:
            index.setdefault(fold(alias), tool.key)
    return index


def match_tool(text: str) -> str | None:
    """The key of the tool ``text`` names (a name or alias, case and accents ignored), else None."""
    return _names_index().get(fold(text))


def is_tool_name(key: str, text: str) -> bool:
    """True when ``text`` is the tool's own name in French or English (so the box may follow the language)."""
    tool = load_catalogue().tool(key)
    return tool is not None and text in (tool.name.en, tool.name.fr)


@cache
def _stage_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for stage in load_catalogue().stages:
        for word in (stage.id, stage.name.en, stage.name.fr):
            index.setdefault(fold(word), stage.id)
    for stage in load_catalogue().stages:
        for word in stage.aliases:
            index.setdefault(fold(word), stage.id)
    return index


def match_stage(text: str) -> str | None:
    """The stage a subgraph's id or title names ("Monitoring & alerting", "Données"), else None."""
    folded = fold(text.replace("_", " "))
    index = _stage_index()
    if folded in index:
        return index[folded]
    words = folded.split()
    for n in range(len(words), 0, -1):  # the longest run of words that names a stage
        for i in range(len(words) - n + 1):
            hit = index.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    return None
