"""Suggested risks and KPIs (the "Suggest" menus), loaded from
``resources/presets/<lang>.yaml`` and validated with pydantic.

Both files hold the same keys so a preset means the same thing in either
language; ``PresetError`` names the file and the problem when one is broken.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from editor.core.model import LANGUAGES, RISK_CATEGORIES, Kpi, Proposal, Risk


class PresetError(Exception):
    """A preset file is missing or malformed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskPreset(_Strict):
    key: str
    description: str
    category: Literal[RISK_CATEGORIES]  # type: ignore[valid-type]
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    mitigation: str


class KpiPreset(_Strict):
    key: str
    group: Literal["guide", "dora"]
    name: str
    category: str
    unit: str
    direction: Literal["lower", "higher"]
    measurement: str = ""


class Presets(_Strict):
    risks: tuple[RiskPreset, ...]
    kpis: tuple[KpiPreset, ...]

    def risk(self, key: str) -> RiskPreset:
        return next(p for p in self.risks if p.key == key)

    def kpi(self, key: str) -> KpiPreset:
        return next(p for p in self.kpis if p.key == key)


def presets_path(language: str) -> Path:
    from editor.paths import resources_dir

    return resources_dir() / "presets" / f"{language}.yaml"


def load_presets_file(path: Path) -> Presets:
    """Read and validate one preset file; PresetError naming the file on any problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PresetError(f"{path}: cannot read preset file ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise PresetError(f"{path}: not valid YAML ({exc})") from exc
    try:
        presets = Presets.model_validate(data)
    except ValidationError as exc:
        raise PresetError(f"{path}: {exc}") from exc
    for kind in ("risks", "kpis"):
        keys = [p.key for p in getattr(presets, kind)]
        if len(keys) != len(set(keys)):
            raise PresetError(f"{path}: duplicate {kind} preset key")
    return presets


def load_presets(language: str) -> Presets:
    """The presets in ``language`` ("fr" or "en"; anything else falls back to English)."""
    return _load(language if language in LANGUAGES else "en")


@cache
def _load(language: str) -> Presets:
    return load_presets_file(presets_path(language))


def risk_from_preset(preset: RiskPreset, proposal: Proposal) -> Risk:
    """A new risk (fresh id in ``proposal``) filled from a preset, status open."""
    return Risk(
        id=proposal.next_id("risks"),
        description=preset.description,
        category=preset.category,
        likelihood=preset.likelihood,
        impact=preset.impact,
        mitigation=preset.mitigation,
        status="open",
    )


def kpi_from_preset(preset: KpiPreset, proposal: Proposal) -> Kpi:
    """A new KPI (fresh id in ``proposal``); baseline, target and deadline are the student's."""
    return Kpi(
        id=proposal.next_id("kpis"),
        name=preset.name,
        category=preset.category,
        unit=preset.unit,
        direction=preset.direction,
        measurement=preset.measurement,
    )
