"""Table column widths: no word cut in two when the table has room for it."""

from __future__ import annotations

import pytest

from editor.core.export.table_widths import fit_widths, longest_word_cm, word_cm

PT = 8.5
PAD = 0.36


def test_a_header_word_gets_its_width_from_the_columns_with_room():
    headers = ["ID", "Risque", "Responsable", "Statut"]
    rows = [["R1", "Résistance au changement des équipes habituées au notebook", "Cheffe de projet", "Ouvert"]]
    widths = fit_widths([0.8, 6.0, 1.2, 1.5], headers, rows, 16.0, PT, PAD)
    assert sum(widths) == pytest.approx(16.0)
    assert widths[2] >= word_cm("Responsable", PT, bold=True) + PAD
    assert widths[0] >= word_cm("ID", PT, bold=True) + PAD
    assert widths[1] < 6.0 * 16.0 / 9.5  # the room came from the wide column


def test_planned_proportions_stand_when_every_word_fits():
    widths = fit_widths([4.0, 8.0, 4.0], ["Name", "URL", "Licence"], [["Telco data", "https://a.b/c", "MIT"]], 16.0,
                        PT, PAD)
    assert widths == pytest.approx([4.0, 8.0, 4.0])


def test_too_many_long_words_keep_the_plan():
    headers = ["Supercalifragilistic"] * 12
    widths = fit_widths([1.0] * 12, headers, [], 12.0, PT, PAD)
    assert widths == pytest.approx([1.0] * 12)


def test_lines_break_after_hyphens_and_slashes_before_letters_only():
    assert longest_word_cm("Sécurité/conformité", PT) == pytest.approx(word_cm("conformité", PT))
    assert longest_word_cm("au-delà", PT) == pytest.approx(word_cm("delà", PT))
    assert longest_word_cm("01/01/2027: 11", PT) == pytest.approx(word_cm("01/01/2027:", PT))
    # One very long word (a URL) never takes more than a third of the table.
    url = "https://github.com/IBM/telco-customer-churn-on-icp4d/blob/master/data/Telco-Customer-Churn.csv"
    widths = fit_widths([4.5, 8.0, 3.5], ["Name", "URL", "Licence"], [["Telco", url, "Apache-2.0"]], 16.0, PT, PAD)
    assert sum(widths) == pytest.approx(16.0) and max(widths) <= 8.0 + 1e-9
