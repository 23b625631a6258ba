"""The proposal guide as data: sections, tips, examples and measurable rules.

The guide lives in ``resources/guide/<lang>.yaml``; this module loads and
validates it with pydantic and fails loudly, naming the file, when it is
malformed.

Next to each YAML file, ``<lang>.json`` holds the same data compiled
(``packaging/compile_guide.py``) with the SHA-256 of the YAML it came from. It is
used only while that checksum matches the YAML's bytes, so an edited guide is
read from its YAML and a stale or damaged compiled file is never believed: the
YAML stays the one source. The compiled form spares the start-up the YAML
library (about 7 ms to import, 1.5 ms to parse) before the window's first paint.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

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


def _read_guide_file(path: Path, source: bytes | None = None):
    """The guide file's YAML data (from ``source``, its bytes, when already read), not validated
    yet; GuideError naming ``path``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if source is None:
            source = _guide_bytes(path)
        text = source.decode("utf-8")
        # Aliases could expand into a huge structure for validation (alias bomb); the guide needs none.
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
            raise GuideError(f"{path}: YAML aliases are not allowed")
        # libyaml's safe loader when built in: same result, ~8x faster.
        raw = yaml.load(text, Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise GuideError(f"{path}: {exc}") from exc
    return raw


def _guide_bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_GUIDE_BYTES:
        raise GuideError(f"{path}: the file is too large (limit {MAX_GUIDE_BYTES // 1024} KB)")
    return path.read_bytes()


COMPILED_FORMAT = 1


def _digest(source: bytes) -> str:
    # Line ends aside (a checkout may turn them into CRLF): the YAML means the same.
    return hashlib.sha256(source.replace(b"\r\n", b"\n")).hexdigest()


def compiled_guide(path: Path, source: bytes) -> str:
    """The compiled form (JSON text) of the guide YAML ``path`` whose bytes are ``source``;
    GuideError if it is not a valid guide."""
    raw = _read_guide_file(path, source)
    _validated(raw, path)
    return json.dumps({"format": COMPILED_FORMAT, "source": path.name, "sha256": _digest(source),
                       "data": raw}, ensure_ascii=False, indent=1) + "\n"


def _compiled_data(path: Path, source: bytes):
    """The data of the compiled guide at ``path`` if it was compiled from ``source``, else None."""
    try:
        if path.stat().st_size > 4 * MAX_GUIDE_BYTES:
            return None
        compiled = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if (not isinstance(compiled, dict) or compiled.get("format") != COMPILED_FORMAT
            or compiled.get("sha256") != _digest(source)):
        return None
    return compiled.get("data")


@cache
def _raw_guide(language: str):
    if language not in LANGUAGES:
        raise GuideError(f"no guide in language {language!r}")
    path = guide_dir() / f"{language}.yaml"
    try:
        source = _guide_bytes(path)
    except OSError as exc:
        raise GuideError(f"{path}: {exc}") from exc
    data = _compiled_data(path.with_suffix(".json"), source)
    return data if data is not None else _read_guide_file(path, source)


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
