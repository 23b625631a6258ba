import os

# GUI tests run headless everywhere; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory, monkeypatch):
    """Recovery files, backups and settings of every test go to a fresh temporary folder,
    never to the real user's, and never see another test's leftovers (issue 6)."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("PROPOSAL_EDITOR_CONFIG_DIR", str(root / "config"))
