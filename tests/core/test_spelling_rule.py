"""The guide check's ``spelling`` rule: one warning per section and per table, pointing at the first word."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from editor.core.checks import Location, check
from editor.core.formats.markdown import write_markdown
from editor.core.model import DataSource, Objective, Proposal, Risk
from editor.core.spelling_prefs import with_ignored, with_language

ROOT = Path(__file__).resolve().parents[2]


def spelling(p: Proposal, language: str | None = None):
    return [f for f in check(p, language) if f.rule == "spelling"]


def test_one_warning_per_section_naming_the_words_and_pointing_at_the_first():
    p = Proposal.new("fr")
    p.sections["summary"] = "Le modéle est déployé par l'équippe. Le modéle encore."
    p.sections["conclusion"] = "Tout est corect."
    found = spelling(p, "fr")
    assert [(f.section, f.severity) for f in found] == [("summary", "warning"), ("conclusion", "warning")]
    assert found[0].message == "Mots peut-être mal orthographiés : modéle, équippe."
    assert found[0].location == Location("text", start=3, end=9)
    assert p.sections["summary"][3:9] == "modéle"
    assert spelling(p, "en")[1].message == "Possibly misspelled word: corect."


def test_tables_get_one_warning_each_with_the_cell_of_the_first_word():
    p = Proposal.new("en")
    p.objectives = [Objective(text="Reduce the deploymnt time")]
    p.risks = [Risk(id="R1", description="Data drift", mitigation="Monitr the inputs"),
               Risk(id="R2", description="Costt overrun", mitigation="Budget alerts")]
    p.data_sources = [DataSource(name="Jeu de données ouvert", licence="CC0-1.0")]  # a name in the other language
    found = {f.section + ":" + f.location.kind: f for f in spelling(p)}
    assert set(found) == {"objectives:objective", "risks:risk"}
    risk = found["risks:risk"]
    assert risk.message == "Possibly misspelled words in the risk table: Monitr, Costt."
    assert risk.location == Location("risk", "R1", "mitigation", 0, 6)
    assert found["objectives:objective"].location == Location("objective", "1", "text", 11, 20)


def test_many_words_are_capped():
    p = Proposal.new("en")
    p.sections["context"] = " ".join(f"wordz{chr(97 + i)}q" for i in range(12))
    (finding,) = spelling(p)
    assert finding.message.endswith("and 4 more.")


def test_the_proposal_chooses_its_spelling_language_and_ignored_words():
    p = Proposal.new("fr")
    p.sections["context"] = "The model is deployed by the team, Benali says."
    assert spelling(p)  # English in a French proposal
    p.metadata.extra = with_language(p.metadata.extra, "en")
    assert [f.message for f in spelling(p)] == ["Mot peut-être mal orthographié : Benali."]  # messages: the document language
    p.metadata.extra = with_ignored(p.metadata.extra, "Benali")
    assert spelling(p) == []


def test_check_json_reports_spelling_for_the_instructor(tmp_path):
    p = Proposal.new("en")
    p.sections["summary"] = "A summary with a mistaek."
    path = tmp_path / "p.md"
    path.write_text(write_markdown(p), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "editor", "check", "--json", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    (report,) = json.loads(out.stdout)
    (finding,) = [f for f in report["findings"] if f["rule"] == "spelling"]
    assert finding == {"rule": "spelling", "severity": "warning", "section": "summary",
                       "message": "Possibly misspelled word: mistaek.", "location": {"kind": "text", "start": 17, "end": 24}}


def test_the_other_language_dictionary_is_asked_for_only_when_a_name_needs_it(monkeypatch):
    # As in the app: dictionaries are not loaded by the check but asked for (loaded in the background).
    from editor.core import spelling as core_spelling

    french = core_spelling.checker("fr")
    english = core_spelling.checker("en")
    asked: list[str] = []
    monkeypatch.setattr(core_spelling, "request_load", asked.append)
    monkeypatch.setattr(core_spelling, "_checkers", {"fr": french})
    p = Proposal.new("fr")
    p.data_sources = [DataSource(name="Telco churn", licence="CC0-1.0")]  # words French accepts
    assert spelling(p) == [] and asked == []
    p.data_sources = [DataSource(name="Weather forecasts", licence="CC0-1.0")]  # English only
    (found,) = spelling(p)
    assert asked == ["en"] and "Weather, forecasts" in found.message  # until English is there
    core_spelling._checkers["en"] = english
    assert spelling(p) == [] and asked == ["en"]
