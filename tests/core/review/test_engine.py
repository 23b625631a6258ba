"""A file that hangs or kills its reader costs one row, never the class review."""

import os
import time

from editor.core.review.collect import collect_submissions
from editor.core.review.engine import review_class, run_bounded


def _failed(task, reason, seconds):
    return ("failed", reason, round(seconds))


def test_a_task_past_the_time_bound_is_stopped_and_the_others_go_on():
    start = time.monotonic()
    results = run_bounded(time.sleep, [(0.01,), (60,), (0.01,), (0.01,)], _failed, "en", jobs=2, timeout=1.5)
    assert time.monotonic() - start < 20
    assert results[0] is None and results[2] is None and results[3] is None
    assert results[1][0] == "failed" and "longer than 2 s" in results[1][1]


def test_a_worker_that_dies_is_replaced():
    results = run_bounded(os._exit, [(3,), (4,)], _failed, "fr", jobs=1, timeout=10)
    assert [r[0] for r in results] == ["failed", "failed"]
    assert "exit code 3" in results[0][1] and "s'est arrêté" in results[0][1]


def test_an_exception_in_a_task_is_its_row():
    results = run_bounded(int, [("12",), ("douze",)], _failed, "en", jobs=1)
    assert results[0] == 12 and results[1][0] == "failed" and "douze" in results[1][1]


def test_progress_and_cancel(class_folder):
    subs = collect_submissions([class_folder])
    seen = []
    rows = review_class(subs, "en", jobs=2, progress=lambda done, total, row: seen.append((done, total)))
    assert [r.name for r in rows] == [s.name for s in subs]  # in the class's order, whatever finished first
    assert seen[-1] == (len(subs), len(subs)) and [d for d, _t in seen] == list(range(1, len(subs) + 1))
    calls = []
    partial = review_class(subs, "en", jobs=1, progress=lambda d, t, r: calls.append(d),
                           cancelled=lambda: len(calls) >= 2)
    assert 2 <= len(partial) < len(subs)
    assert [r.name for r in review_class(subs, "en", jobs=0)] == [s.name for s in subs]
