"""The proposal guide as data: sections, tips, examples and measurable rules.

The guide lives in ``resources/guide/<lang>.yaml``; this module loads and
validates it with pydantic and fails loudly, naming the file, when it is
malformed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from editor.core.model import LANGUAGES, SECTION_IDS


class GuideError(Exception):
    """The guide data file is missing or malformed."""


class _Strict(BaseModel):
    # Validators built on first use: the window's section list needs only the titles (``_titles``).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Tip(_Strict):
    text: str
    items: tuple[str, ...] = ()


class Range(_Strict):
    min: int
    max: int


class Pillar(_Strict):
    id: str
    title: str
    points: tuple[str, ...]


class Mlops(_Strict):
    title: str
    definition: str
    reminder: str
    pillars: tuple[Pillar, ...]


class Introduction(_Strict):
    title: str
    text: str


class GuideSection(_Strict):
    id: str
    number: int
    title: str
    # The heading exactly as the guide prints it, when it says more than the title.
    heading: str = ""
    intro: str = ""
    tips: tuple[Tip, ...]
    examples: tuple[str, ...]
    placeholder: str
    aliases: tuple[str, ...] = ()
    words: Range | None = None
    count: Range | None = None
    pillars: tuple[str, ...] = ()


class Evaluation(_Strict):
    title: str
    tips: tuple[str, ...]


class Guide(_Strict):
    language: str
    title: str
    introduction: Introduction
    mlops: Mlops
    structure_title: str
    sections: tuple[GuideSection, ...]
    evaluation: Evaluation
    closing: str

    @model_validator(mode="after")
    def _ten_sections_in_order(self) -> "Guide":
        ids = tuple(s.id for s in self.sections)
        if ids != SECTION_IDS:
            raise ValueError(f"sections must be {', '.join(SECTION_IDS)} in that order, got {', '.join(ids)}")
        pillar_ids = {p.id for p in self.mlops.pillars}
        for s in self.sections:
            missing = set(s.pillars) - pillar_ids
            if missing:
                raise ValueError(f"section {s.id}: unknown pillar(s) {', '.join(sorted(missing))}")
        return self

    def section(self, section_id: str) -> GuideSection:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def pillars_for(self, section_id: str) -> tuple[Pillar, ...]:
        wanted = self.section(section_id).pillars
        return tuple(p for p in self.mlops.pillars if p.id in wanted)


def guide_dir() -> Path:
    from editor.paths import resources_dir

    return resources_dir() / "guide"


MAX_GUIDE_BYTES = 1024 * 1024


def load_guide_file(path: Path) -> Guide:
    """Load and validate one guide file; raise GuideError naming ``path``."""
    return _validated(_read_guide_file(path), path)


def _validated(raw, path: Path) -> Guide:
    try:
        return Guide.model_validate(raw)
    except ValidationError as exc:
        raise GuideError(f"{path}: invalid guide data: {exc}") from exc


def _read_guide_file(path: Path):
    """The guide file's YAML data, not validated yet; GuideError naming ``path``."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if path.stat().st_size > MAX_GUIDE_BYTES:
            raise GuideError(f"{path}: the file is too large (limit {MAX_GUIDE_BYTES // 1024} KB)")
        text = path.read_text(encoding="utf-8")
        # Aliases could expand into a huge structure for validation (alias bomb); the guide needs none.
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
            raise GuideError(f"{path}: YAML aliases are not allowed")
        # libyaml's safe loader when built in: same result, ~8x faster (the guide loads on every start).
        raw = yaml.load(text, Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise GuideError(f"{path}: {exc}") from exc
    return raw


@cache
def _raw_guide(language: str):
    if language not in LANGUAGES:
        raise GuideError(f"no guide in language {language!r}")
    return _read_guide_file(guide_dir() / f"{language}.yaml")


@cache
def load_guide(language: str) -> Guide:
    """The guide in ``language`` (``fr`` or ``en``), loaded once."""
    path = guide_dir() / f"{language}.yaml"
    guide = _validated(_raw_guide(language), path)
    if guide.language != language:
        raise GuideError(f"{path}: says language {guide.language!r}")
    return guide


@cache
def _titles(language: str) -> dict[str, tuple[int, str]]:
    """Section id -> (number, title), read from the guide's data without validating all of it:
    the window's section list needs no more to paint (the validated guide follows). Any doubt
    about the data (a missing or odd field) is left to the validation, which names the problem."""
    raw = _raw_guide(language)
    try:
        if raw.get("language") != language:
            raise ValueError(language)
        titles = {s["id"]: (s["number"], s["title"]) for s in raw["sections"]}
        if tuple(titles) != SECTION_IDS or not all(
                type(n) is int and isinstance(t, str) for n, t in titles.values()):
            raise ValueError(titles)
    except (AttributeError, KeyError, TypeError, ValueError):
        guide = load_guide(language)  # raises GuideError naming what is wrong, or the data is fine
        titles = {s.id: (s.number, s.title) for s in guide.sections}
    return titles


def guide_tips_for(section_id: str, language: str) -> tuple[Tip, ...]:
    """The guide's advice for one section, in ``language``."""
    return load_guide(language).section(section_id).tips


def section_title(section_id: str, language: str, numbered: bool = True) -> str:
    """The section's heading as the guide words it, e.g. ``4. MLOps Project Objectives``."""
    if section_id not in SECTION_IDS:
        raise KeyError(section_id)
    number, title = _titles(language)[section_id]
    return f"{number}. {title}" if numbered else title
