"""Broken, hostile or unreachable settings files never stop the app."""

from __future__ import annotations

import random
import time

import pytest

MB = 1024 * 1024
MAX_SECONDS = 5.0


def _random_bytes(n=65536, seed=6):
    return random.Random(seed).randbytes(n)


# --- settings ------------------------------------------------------------------------------------

SETTINGS = {
    "empty": b"",
    "random": _random_bytes(),
    "nul": b"[ui]\nlanguage=fr\x00\x00\n",
    "wrong-types": b"[ui]\nlanguage=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x1bgarbage)\n[files]\nrecent=@ByteArray(\\xff)\n"
                   b"[window]\ngeometry=not-bytes\ntips=maybe\n",
    "huge-line": b"[files]\nrecent=" + b"a," * (2 * MB) + b"\n",
    "deep-groups": b"".join(b"[" + b"/".join([b"g"] * i) + b"]\nk=v\n" for i in range(1, 300)),
}


@pytest.mark.parametrize("case", SETTINGS)
def test_settings_never_crash(tmp_path, case):
    from editor.app.settings import AppSettings

    path = tmp_path / "settings.ini"
    path.write_bytes(SETTINGS[case])
    start = time.perf_counter()
    s = AppSettings(path)
    assert s.ui_language() in (None, "fr", "en")
    assert isinstance(s.recent_files(), list)
    assert s.bytes_value("window/geometry") is None or s.bytes_value("window/geometry").size() >= 0
    assert isinstance(s.bool_value("window/tips", True), bool)
    s.set_ui_language("fr")
    s.sync()
    assert AppSettings(path).ui_language() == "fr"
    assert time.perf_counter() - start < MAX_SECONDS


def test_settings_in_a_folder_or_nowhere(tmp_path):
    from editor.app.settings import AppSettings

    folder = tmp_path / "settings.ini"
    folder.mkdir()
    for where in (folder, tmp_path / "gone" / "deeper" / "settings.ini"):
        s = AppSettings(where)
        assert s.ui_language() is None and s.recent_files() == []
        s.set_ui_language("fr")
        s.sync()  # cannot be written: Qt reports it in status(), nothing raises
    assert folder.is_dir()


