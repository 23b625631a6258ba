"""The catalogue: valid, bilingual, every tool found again by its names."""

import pytest

from editor.core.architecture.catalogue import (
    PILLARS,
    CatalogueError,
    load_catalogue,
    load_catalogue_file,
    match_stage,
    match_tool,
    stage_name,
)
from editor.core.architecture.graph import STAGES, Component
from editor.core.guide import load_guide


def test_every_tool_is_found_by_its_names_in_both_languages():
    catalogue = load_catalogue()
    assert len(catalogue.tools) >= 50
    for tool in catalogue.tools:
        assert match_tool(tool.name.en) == tool.key
        assert match_tool(tool.name.fr) == tool.key
        assert tool.description.en and tool.description.fr


def test_the_common_mlops_tools_are_there_and_every_stage_has_tools():
    keys = {t.key for t in load_catalogue().tools}
    assert {"git", "dvc", "mlflow", "github_actions", "gitlab_ci", "docker", "kubernetes", "airflow", "kubeflow",
            "prometheus", "grafana", "evidently", "vault"} <= keys
    for stage in STAGES:
        assert load_catalogue().tools_in(stage)
        assert stage_name(stage, "fr") and stage_name(stage, "en")


def test_the_pillars_are_the_guides():
    for lang in ("fr", "en"):
        assert tuple(p.id for p in load_guide(lang).mlops.pillars) == PILLARS
    covered = {p for t in load_catalogue().tools for p in t.pillars}
    assert covered == set(PILLARS)


def test_stage_titles_are_matched_in_french_and_english():
    assert match_stage("Monitoring & alerting") == "monitoring"
    assert match_stage("Surveillance") == "monitoring"
    assert match_stage("Données") == "data"
    assert match_stage("stage_cicd") == "cicd"
    assert match_stage("Équipe produit") is None


def test_a_component_named_like_a_tool_is_that_tool():
    c = Component(id="x", label="kubernetes")
    assert (c.key, c.stage, c.label) == ("kubernetes", "orchestration", "kubernetes")
    c = Component(id="y", label="Apache Airflow")
    assert (c.key, c.label) == ("airflow", "")


def test_a_broken_catalogue_names_its_file(tmp_path):
    bad = tmp_path / "catalogue.yaml"
    bad.write_text("stages: [x]\ntools: []\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="catalogue.yaml"):
        load_catalogue_file(bad)
