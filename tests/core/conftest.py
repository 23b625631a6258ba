"""Fixtures shared by the core tests."""

import pytest


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """The per-user data folder (recovery files, backups), inside the test's own tmp_path."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(folder))
    return folder
