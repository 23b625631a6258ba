"""Risk scoring, zones, sorting and spreadsheet TSV round trips."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core import risks as rk
from editor.core.model import Risk


def make(id_, likelihood=None, impact=None, **kw):
    return Risk(id=id_, likelihood=likelihood, impact=impact, **kw)


@pytest.mark.parametrize(
    ("score", "zone"),
    [(None, None), (1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (25, "high")],
)
def test_zone_thresholds(score, zone):
    assert rk.zone_for_score(score) == zone


def test_every_matrix_cell_has_a_zone_and_the_matrix_is_symmetric():
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            zone = rk.zone_for_score(rk.risk_score(likelihood, impact))
            assert zone in rk.ZONES
            assert zone == rk.zone_for_score(rk.risk_score(impact, likelihood))
    assert rk.risk_score(None, 3) is None


def test_risk_zone_and_missing_mitigation():
    risk = make("R1", 4, 4, description="Drift")
    assert rk.risk_zone(risk) == "high"
    assert rk.needs_mitigation(risk)
    assert not rk.needs_mitigation(make("R2", description="x", mitigation="Monitor"))
    assert not rk.needs_mitigation(make("R3"))  # an empty row is not a finding yet


def test_matrix_cells_and_zone_counts():
    items = [make("R1", 4, 4), make("R2", 4, 4), make("R3", 1, 2), make("R4")]
    assert rk.matrix_cells(items) == {(4, 4): ["R1", "R2"], (1, 2): ["R3"]}
    assert rk.zone_counts(items) == {"low": 1, "medium": 0, "high": 2}


def test_labels_follow_the_requested_language():
    assert rk.category_label("security", "en") == "Security/compliance"
    assert rk.category_label("organisational", "fr") == "Organisationnel"
    assert rk.status_label("mitigated", "fr") == "Atténué"
    assert rk.category_label("my own", "fr") == "my own"
    assert rk.zone_label("high", "fr") == "Élevé"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("data", "data"), ("Données", "data"), ("SÉCURITÉ/CONFORMITÉ", "security"),
     ("Organizational", "organisational"), ("Cost", "cost"), ("weird", "weird"), ("", "")],
)
def test_parse_category(text, expected):
    assert rk.parse_category(text) == expected


def test_parse_status_and_level():
    assert rk.parse_status("Surveillé") == "monitoring"
    assert rk.parse_status("open") == "open"
    assert rk.parse_level(" 3 ") == 3
    assert rk.parse_level("4,0") == 4
    assert rk.parse_level("") is None
    for bad in ("0", "6", "2.5", "high"):
        with pytest.raises(ValueError):
            rk.parse_level(bad)


def test_sort_by_score_keeps_unscored_last_in_both_orders():
    items = [make("R1", 2, 2), make("R2"), make("R3", 5, 5), make("R4", 1, 3)]
    assert [r.id for r in rk.sort_risks(items, "score")] == ["R4", "R1", "R3", "R2"]
    assert [r.id for r in rk.sort_risks(items, "score", descending=True)] == ["R3", "R1", "R4", "R2"]


def test_sort_by_id_is_numeric_and_text_is_case_insensitive():
    items = [make("R10"), make("R2"), make("R1")]
    assert [r.id for r in rk.sort_risks(items, "id")] == ["R1", "R2", "R10"]
    items = [make("R1", description="beta"), make("R2", description="Alpha"), make("R3")]
    assert [r.id for r in rk.sort_risks(items, "description")] == ["R2", "R1", "R3"]
    with pytest.raises(ValueError):
        rk.sort_risks(items, "nope")


def test_sort_by_category_uses_the_shown_label():
    items = [make("R1", category="technical"), make("R2", category="cost")]
    assert [r.id for r in rk.sort_risks(items, "category", language="en")] == ["R2", "R1"]


def test_format_tsv_quotes_like_excel():
    text = rk.format_tsv([["a", 'say "hi"', "two\nlines"], ["x", "", "tab\there"]])
    assert text == 'a\t"say ""hi"""\t"two\nlines"\nx\t\t"tab\there"\n'


def test_parse_tsv_reads_excel_and_calc_clipboard():
    # Excel puts CRLF between rows and LF inside quoted cells.
    excel = 'Drift\t"Monitor\nand retrain"\t3\r\n"He said ""no"""\t\t2\r\n'
    assert rk.parse_tsv(excel) == [["Drift", "Monitor\nand retrain", "3"], ['He said "no"', "", "2"]]
    assert rk.parse_tsv("a\tb") == [["a", "b"]]
    assert rk.parse_tsv("a\t") == [["a", ""]]
    assert rk.parse_tsv("") == []
    # An unterminated quote keeps the text rather than dropping it.
    assert rk.parse_tsv('"open cell\tstill') == [["open cell\tstill"]]


cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=20)


@given(st.lists(st.lists(cell_text, min_size=2, max_size=4), min_size=1, max_size=4))
def test_tsv_round_trip(rows):
    width = len(rows[0])
    rows = [(r + [""] * width)[:width] for r in rows]
    parsed = rk.parse_tsv(rk.format_tsv(rows))
    assert parsed == rows


def test_risks_to_tsv_and_back():
    items = [
        make("R1", 4, 3, description="Data drift\nin winter", category="data", mitigation="Monitor", status="open"),
        make("R2", description="Secret leak", category="security"),
    ]
    text = rk.risks_to_tsv(items, language="fr", header=True)
    lines = text.splitlines()
    assert lines[0].split("\t")[:3] == ["ID", "Risque", "Catégorie"]
    rows, warnings = rk.parse_risk_rows(text)
    assert warnings == []
    assert rows[0] == {
        "description": "Data drift\nin winter", "category": "data", "likelihood": 4, "impact": 3,
        "mitigation": "Monitor", "owner": "", "status": "open",
    }
    assert rows[1]["category"] == "security" and rows[1]["likelihood"] is None


def test_parse_risk_rows_positional_from_a_column_and_bad_levels():
    rows, warnings = rk.parse_risk_rows("Drift\tdata\t9\t2\n", start_column=1, language="en")
    assert rows == [{"description": "Drift", "category": "data", "impact": 2}]
    assert len(warnings) == 1 and "Likelihood" in warnings[0] and "9" in warnings[0]


def test_parse_risk_rows_header_in_any_order():
    text = "Mitigation\tRisk\tImpact\nTrain people\tResistance\t3\n\n"
    rows, _ = rk.parse_risk_rows(text)
    assert rows == [{"mitigation": "Train people", "description": "Resistance", "impact": 3}]
