import datetime as dt
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, given, settings

from editor.core.formats import FormatError
from editor.core.formats.markdown import load_markdown, read_markdown, save_markdown, write_markdown
from editor.core.model import SECTION_IDS, Kpi, Milestone, Objective, Proposal, Risk
from tests.core.strategies import proposals

REF = Path(__file__).resolve().parents[2] / "reference" / "core"


# --- the hand-written French proposal -------------------------------------------

def test_hand_written_french_proposal_is_read_into_the_right_places():
    result = load_markdown(REF / "handwritten_fr.md")
    p = result.proposal
    assert result.warnings == []
    assert p.metadata.language == "fr"
    assert p.metadata.title == "Plateforme MLOps pour la détection de fraude"
    assert [o.text for o in p.objectives] == [
        "Réduire le temps de déploiement de 21 jours à 1 jour",
        "Automatiser 90 % du pipeline de test et de déploiement",
        "Détecter le drift des données en moins de 24 heures\ngrâce à une alerte automatique",
    ]
    assert p.objectives[0].kpi_ids == ["K1"]
    r1, r2, r3 = p.risks
    assert (r1.likelihood, r1.impact, r1.owner) == (3, 4, "Chef de projet")
    assert r2.description == "Drift des données | saisonnalité"
    assert r2.mitigation == "Surveillance hebdomadaire\net réentraînement"
    assert (r3.likelihood, r3.impact, r3.mitigation) == (2, 5, "")
    k1, k2 = p.kpis
    assert (k1.name, k1.baseline, k1.target, k1.unit, k1.deadline) == ("Temps de déploiement", 21, 1, "jours", dt.date(2027, 6, 30))
    assert (k2.baseline, k2.target, k2.unit, k2.deadline) == (10, 90, "%", dt.date(2027, 9, 1))
    assert p.data_sources[0].licence == "ODbL"
    # Prose stays as written, including a heading inside a fenced code block.
    assert "## 4. Objectifs du projet MLOps\nscp model.pkl" in p.sections["context"]
    assert p.sections["objectives"] == "Nos objectifs :"
    assert p.sections["architecture"].startswith("![Schéma de l'architecture](architecture.png)")


def test_export_matches_reference_and_is_stable():
    p = load_markdown(REF / "handwritten_fr.md").proposal
    first = write_markdown(p)
    assert first == (REF / "handwritten_fr.expected.md").read_text(encoding="utf-8")
    again = read_markdown(first)
    assert again.proposal == p and again.warnings == []
    assert write_markdown(again.proposal) == first


# --- GitHub renders what we write -------------------------------------------------

class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h2: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._in_h2 = False

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        elif tag in ("td", "th"):
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_h2:
            self.h2[-1] += data


def github_render(markdown: str, keep_html: bool = True) -> _Tables:
    """Render as GitHub does; keep_html=False drops raw HTML as GitHub's sanitizer would."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)  # GitHub shows front matter apart
    options = Options.CMARK_OPT_UNSAFE if keep_html else Options.CMARK_OPT_DEFAULT
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=options)
    parser = _Tables()
    parser.feed(html)
    return parser


def test_github_renders_the_sections_and_tables_we_write():
    p = load_markdown(REF / "handwritten_fr.md").proposal
    p.risks[0].description = "Coût | cloud \\ budget <dépassé> & *non* prévu\nsur deux lignes"
    rendered = github_render(write_markdown(p))
    assert rendered.h2 == [
        "1. Titre du projet", "2. Résumé", "3. Contexte et problématique MLOps", "4. Objectifs du projet MLOps",
        "5. Architecture technique MLOps", "6. POC GitHub, sources de données et ressources utiles",
        "7. Évaluation des risques et stratégies de mitigation", "8. Métriques de succès",
        "9. Potentiel d'intégration dans le catalogue de projets", "10. Conclusion",
    ]
    sources, risks, kpis = rendered.tables
    assert sources[0] == ["Nom", "URL", "Licence"]
    assert risks[0][:5] == ["ID", "Risque", "Catégorie", "Probabilité", "Impact"]
    assert risks[1][1] == "Coût | cloud \\ budget <dépassé> & non prévu\nsur deux lignes"
    assert risks[2][1] == "Drift des données | saisonnalité"
    assert [row[1] for row in kpis[1:]] == ["Temps de déploiement", "Taux d'automatisation du pipeline"]
    assert all(len(row) == len(table[0]) for table in rendered.tables for row in table)


# --- lossless for any proposal --------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(proposals())
def test_round_trip_is_lossless_and_stable(p):
    written = write_markdown(p)
    again = read_markdown(written).proposal
    assert again == p
    assert write_markdown(again) == written


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(proposals())
def test_github_sees_ten_sections_and_whole_tables_whatever_the_text(p):
    p.unmapped = ""
    rendered = github_render(write_markdown(p), keep_html=False)
    titles = [h for h in rendered.h2 if re.match(r"^\d+\. ", h)]
    assert len(titles) >= 10
    for table in rendered.tables:
        assert all(len(row) == len(table[0]) for row in table)


def test_unclosed_code_fence_does_not_swallow_the_next_sections():
    p = Proposal(sections={"context": "```python\nprint('never closed')\n## 4. Objectifs"})
    written = write_markdown(p)
    assert read_markdown(written).proposal == p
    assert len([h for h in github_render(written).h2 if re.match(r"^\d+\. ", h)]) == 10


# --- what people write by hand -----------------------------------------------------

def test_headings_in_any_form_order_and_level():
    text = "\r\n".join([
        "\ufeff# MLOPS CONTEXT AND CHALLENGE",
        "Context text.",
        "### conclusion",
        "The end.",
        "## résumé :",
        "Short summary.",
        "# 4) Objectifs du projet MLOps",
        "- Automatiser 80 % des tests",
        "- Déployer en 1 jour",
        "## Evaluation des risques et strategies de mitigation",
        "Aucun tableau.",
        "#### 10. Conclusion",
    ])
    p = read_markdown(text).proposal
    assert p.sections["context"] == "Context text."
    assert p.sections["conclusion"] == "The end."
    assert p.sections["summary"] == "Short summary."
    assert [o.text for o in p.objectives] == ["Automatiser 80 % des tests", "Déployer en 1 jour"]
    assert p.sections["risks"] == "Aucun tableau.\n#### 10. Conclusion"  # level 4 is not a section


def test_text_before_the_first_section_and_duplicates_are_kept_and_reported():
    text = "Notes for the team\n\n## Summary\nFirst.\n\n## Conclusion\nEnd.\n\n## Summary\nSecond."
    result = read_markdown(text)
    assert result.proposal.unmapped == "Notes for the team"
    assert "First." in result.proposal.sections["summary"] and "Second." in result.proposal.sections["summary"]
    assert len(result.warnings) == 2


def test_values_written_as_words_units_and_dates():
    text = "\n".join([
        "## Risques",
        "| # | Risque | Probabilité | Gravité | Mesures | Notes |",
        "|---|---|---|---|---|---|",
        "| R7 | Panne | très élevée | 2/5 | Redondance | à revoir |",
        "| R8 | Fuite | souvent | 3 | Coffre-fort | |",
        "## KPIs",
        "| KPI | Baseline | Target | Deadline | Milestones |",
        "|---|---|---|---|---|",
        "| Lead time | 14 days | 2 days | 06/2027 | 2027-03-01: 7; 2027-05-01: 4 |",
        "| Uptime | 99,5 % | < 99.9 % | Q3 | |",
    ])
    result = read_markdown(text)
    r7, r8 = result.proposal.risks
    assert (r7.id, r7.likelihood, r7.impact, r7.mitigation, r7.extra) == ("R7", 5, 2, "Redondance", {"Notes": "à revoir"})
    assert r8.likelihood is None and r8.extra == {"Probabilité": "souvent"}
    k1, k2 = result.proposal.kpis
    assert (k1.baseline, k1.target, k1.unit, k1.deadline) == (14, 2, "days", dt.date(2027, 6, 30))
    assert k1.milestones == [Milestone(date=dt.date(2027, 3, 1), value=7), Milestone(date=dt.date(2027, 5, 1), value=4)]
    assert (k2.baseline, k2.target, k2.unit) == (99.5, 99.9, "%")
    assert k2.extra == {"Target": "< 99.9 %", "Deadline": "Q3"}
    assert len(result.warnings) == 2  # "souvent" and "Q3"
    # Nothing the reader could not map is lost on the way back.
    again = read_markdown(write_markdown(result.proposal)).proposal
    assert again == result.proposal


def test_objectives_links_and_structured_parts_survive():
    p = Proposal(objectives=[Objective(text="Deploy in 1 day", kpi_ids=["K1"])],
                 kpis=[Kpi(id="K1", name="Deployment time", baseline=21, target=1, unit="days")],
                 risks=[Risk(id="R1", description="Drift", likelihood=4, impact=3, mitigation="Monitor", category="data")])
    written = write_markdown(p)
    assert "1. Deploy in 1 day <sub>KPI: K1</sub>" in written
    assert "| R1 | Drift | Data | 4 | 3 | 12 | Monitor |" in written
    assert read_markdown(written).proposal == p


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "NUL"),
        (b"## Summary\n\xc3\x28 broken", "not UTF-8"),
        (b"---\na: &a [x, x]\nb: *a\n---\n", "aliases are not allowed"),
        (b"---\n[unclosed\n---\n", "not valid YAML"),
        (b"---\n- a list\n---\n", "key: value"),
        (b"---\nformat: mlops-proposal/9\n---\n", "newer version"),
    ],
)
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=message) as info:
        load_markdown(path)
    assert str(path) in str(info.value)


def test_missing_folder_and_huge_files(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        load_markdown(tmp_path / "missing.md")
    with pytest.raises(FormatError, match="folder"):
        load_markdown(tmp_path)
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    with pytest.raises(FormatError, match="too large"):
        load_markdown(huge)


def test_empty_file_is_refused_with_a_clear_message(tmp_path):
    # An empty file is a mistake (a wrong file, a failed copy), not a proposal to grade as empty.
    for data in (b"", b"\xef\xbb\xbf", b"\n \n\t\n"):
        path = tmp_path / "empty.md"
        path.write_bytes(data)
        with pytest.raises(FormatError, match="empty.md: The file is empty."):
            load_markdown(path)


def test_the_files_name_is_put_before_a_read_error_as_the_language_writes_it(tmp_path):
    from editor import i18n

    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    before = i18n.current_language()
    i18n.set_language("fr")
    try:
        with pytest.raises(FormatError) as caught:
            load_markdown(path)
    finally:
        i18n.set_language(before)
    assert str(caught.value) == f"{path} : Le fichier est vide."  # a space before the colon, as in every French message


def test_deep_nesting_stays_fast():
    text = "## Contexte\n" + ">" * 20000 + " deep\n" + "".join("  " * i + "- item\n" for i in range(2000))
    start = time.perf_counter()
    p = read_markdown(text).proposal
    assert p.sections["context"].startswith(">" * 100)
    assert time.perf_counter() - start < 5


def test_save_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    import errno
    import os

    from editor.core.storage import StorageError

    path = tmp_path / "p.md"
    save_markdown(Proposal(sections={"summary": "v1"}), path)
    assert load_markdown(path).proposal.sections["summary"] == "v1"

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)  # a full disk cannot be made here
    with pytest.raises(StorageError, match="No space left"):
        save_markdown(Proposal(sections={"summary": "v2"}), path)
    monkeypatch.undo()
    assert load_markdown(path).proposal.sections["summary"] == "v1"
    assert [f.name for f in tmp_path.iterdir()] == ["p.md"]  # no temporary file left behind

    with pytest.raises(StorageError):
        save_markdown(Proposal(), tmp_path / "gone" / "p.md")
    with pytest.raises(StorageError, match="folder"):
        save_markdown(Proposal(), tmp_path)


def test_every_section_heading_is_written_in_the_document_language():
    for lang, first in (("fr", "## 1. Titre du projet"), ("en", "## 1. Project Title")):
        written = write_markdown(Proposal.new(lang))
        assert first in written
        assert written.count("\n## ") == len(SECTION_IDS)


def test_web_addresses_with_ampersands_stay_working_links_on_github():
    from editor.core.model import DataSource, Resource

    p = Proposal.new("en")
    p.poc_url = "https://github.com/team/poc?tab=readme&view=1"
    p.data_sources = [DataSource(name="Open data", url="https://data.gouv.fr/x?a=1&b=2", licence="CC0 & co")]
    p.resources = [Resource(title="&amp; is how HTML writes &", url="https://example.org/?q=a&lang=fr")]
    text = write_markdown(p)
    assert "\\&" not in text.replace("\\&amp;", "")  # only the entity-like text is escaped
    html = cmarkgfm.github_flavored_markdown_to_html(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL))
    for url in (p.poc_url, p.data_sources[0].url, p.resources[0].url):
        assert f'href="{url.replace("&", "&amp;")}"' in html
    assert "&amp;amp; is how HTML writes &amp;" in html  # shown literally, not as "&"
    again = read_markdown(text).proposal
    assert (again.poc_url, again.data_sources, again.resources) == (p.poc_url, p.data_sources, p.resources)
    assert write_markdown(again) == text


def test_a_diagram_file_name_with_hash_or_question_mark_is_one_file_on_github():
    from editor.core.model import Diagram

    for path, src in (("img/arch#1.png", "img/arch%231.png"), ("what?.svg", "what%3F.svg"),
                      ("https://example.org/a.png#x", "https://example.org/a.png#x")):
        p = Proposal.new("en")
        p.diagram = Diagram(path=path, caption="Pipeline")
        text = write_markdown(p)
        assert f'src="{src}"' in cmarkgfm.github_flavored_markdown_to_html(text.split("---\n", 2)[2])
        assert read_markdown(text).proposal.diagram.path == path


def test_front_matter_values_with_unicode_line_separators_come_back_exactly():
    p = Proposal.new("en")
    p.metadata.extra = {"note": "before\x85after", "ls": "a\u2028b", "ps": "c\u2029d", "plain": "été"}
    text = write_markdown(p)
    assert 'note: "before\\Nafter"' in text and "plain: été" in text
    again = read_markdown(text).proposal
    assert again.metadata.extra == p.metadata.extra
    assert write_markdown(again) == text


def test_objectives_that_start_like_markdown_blocks_stay_plain_items_on_github():
    texts = ["# not a heading", "- not a nested list", "> not a quote", "1. not a number", "#hashtag", "-5 % cost"]
    p = Proposal.new("en")
    p.objectives = [Objective(text=t) for t in texts]
    text = write_markdown(p)
    html = cmarkgfm.github_flavored_markdown_to_html(text.split("---\n", 2)[2])
    assert "<h1>" not in html and "<blockquote>" not in html and html.count("<ol>") == 1 and "<ul>" not in html
    again = read_markdown(text).proposal
    assert [o.text for o in again.objectives] == texts and write_markdown(again) == text


def test_a_title_ending_in_hash_keeps_it_on_github():
    p = Proposal.new("en")
    p.metadata.title = "Learning C#"
    text = write_markdown(p)
    assert "<h1>Learning C#</h1>" in cmarkgfm.github_flavored_markdown_to_html(text.split("---\n", 2)[2])
    again = read_markdown(text)
    assert again.proposal.metadata.title == "Learning C#" and again.warnings == []
