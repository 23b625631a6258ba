"""The rubric: the measurable part (weights of the completeness measures, see
:mod:`score`) and the guide's evaluation criteria the instructor grades (weights
and levels), from ``resources/rubric/default.yaml`` or the instructor's own file.

A bad file raises FormatError naming the file and what is wrong in it.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from editor.core.formats import FormatError
from editor.core.review.score import MEASURE_IDS
from editor.i18n import _

FORMAT_ID = "mlops-proposal-rubric/1"
MAX_RUBRIC_BYTES = 256 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Strict):
    en: str = ""
    fr: str = ""

    def text(self, language: str) -> str:
        return (self.fr if language == "fr" else self.en) or self.en or self.fr


def _label(value):
    return {"en": value, "fr": value} if isinstance(value, str) else value


class Level(_Strict):
    points: float = Field(ge=0)
    label: Label

    _as_label = field_validator("label", mode="before")(lambda cls, v: _label(v))


class Criterion(_Strict):
    """A criterion the instructor grades by choosing one of its levels."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    label: Label
    weight: float = Field(gt=0, le=1000)
    levels: tuple[Level, ...] = Field(min_length=2, max_length=10)

    _as_label = field_validator("label", mode="before")(lambda cls, v: _label(v))

    @model_validator(mode="after")
    def _levels_fit(self) -> "Criterion":
        points = [lv.points for lv in self.levels]
        if len(set(points)) != len(points):
            raise ValueError("two levels have the same points")
        if max(points) > self.weight:
            raise ValueError(f"a level has more points ({max(points):g}) than the weight ({self.weight:g})")
        return self


class MeasureWeight(_Strict):
    id: str
    weight: float = Field(ge=0, le=1000)
    label: Label | None = None

    _as_label = field_validator("label", mode="before")(lambda cls, v: None if v is None else _label(v))

    @field_validator("id")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in MEASURE_IDS:
            raise ValueError(f"unknown measure {value!r} (known: {', '.join(MEASURE_IDS)})")
        return value


class Rubric(_Strict):
    format: str = FORMAT_ID
    title: Label
    measures: tuple[MeasureWeight, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    source: str = ""

    _as_label = field_validator("title", mode="before")(lambda cls, v: _label(v))

    @model_validator(mode="after")
    def _consistent(self) -> "Rubric":
        if self.format != FORMAT_ID:
            raise ValueError(f"format must be {FORMAT_ID!r}")
        if not self.measures and not self.criteria:
            raise ValueError("a rubric needs measures or criteria")
        for kind, ids in (("measure", [m.id for m in self.measures]), ("criterion", [c.id for c in self.criteria])):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{kind} {', '.join(dupes)} appears twice")
        if self.measures and not sum(m.weight for m in self.measures):
            raise ValueError("the measures' weights add up to 0")
        return self

    @property
    def weights(self) -> dict[str, float]:
        return {m.id: m.weight for m in self.measures}

    @property
    def max_points(self) -> float:
        return sum(m.weight for m in self.measures) + sum(c.weight for c in self.criteria)

    def measure_label(self, measure_id: str, language: str) -> str:
        from editor.core.review.score import measure
        from editor.i18n import translator

        own = next(m.label for m in self.measures if m.id == measure_id)
        return own.text(language) if own is not None else translator(language)(measure(measure_id).label)


def default_rubric_path() -> Path:
    from editor.paths import resources_dir

    return resources_dir() / "rubric" / "default.yaml"


def load_rubric(path: str | os.PathLike | None = None) -> Rubric:
    """The rubric in ``path`` (default: the shipped one); FormatError names the file and the problem."""
    path = Path(path) if path is not None else default_rubric_path()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if path.is_dir():
            raise FormatError(_("{path}: is a folder, not a file.").format(path=path))
        if path.stat().st_size > MAX_RUBRIC_BYTES:
            raise FormatError(_("{path}: the rubric is too large (limit {limit} KB).").format(
                path=path, limit=MAX_RUBRIC_BYTES // 1024))
        text = path.read_text(encoding="utf-8-sig")
        # An alias could make validation walk a huge structure (alias bomb); a rubric needs none.
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
            raise FormatError(_("{path}: YAML aliases (*name) are not allowed in a rubric.").format(path=path))
        raw = yaml.load(text, Loader=loader)
    except FileNotFoundError as exc:
        raise FormatError(_("{path}: no such file.").format(path=path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(_("{path}: cannot be read: {error}").format(path=path, error=exc)) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise FormatError(_("{path}: not valid YAML: {error}").format(path=path, error=" ".join(str(exc).split())))
    if not isinstance(raw, dict):
        raise FormatError(_("{path}: a rubric is a YAML mapping (title, measures, criteria).").format(path=path))
    try:
        return Rubric.model_validate({**raw, "source": str(path)})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = " → ".join(str(p) for p in first["loc"]) or "rubric"
        raise FormatError(_("{path}: invalid rubric: {where}: {error}").format(
            path=path, where=where, error=first["msg"].removeprefix("Value error, "))) from exc
