import os
import shutil

# GUI tests run headless everywhere; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# Set to 1 to skip, rather than fail, the tests that need a tool missing from this machine.
SKIP_TOOLS = "PROPOSAL_EDITOR_SKIP_TOOLS"


def require_tool(*names: str, package: str) -> str:
    """The path of the first of ``names`` found on PATH (``soffice``, ``pdftotext``...).

    A missing tool fails the test that needs it: packaging/setup-dev.sh installs every tool
    (``package`` is the Debian package that has it), so CI runs these tests. With
    ``PROPOSAL_EDITOR_SKIP_TOOLS=1`` the test is skipped instead, with the reason.
    """
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    missing = f"{' or '.join(names)} is not installed (Debian package {package}, see packaging/setup-dev.sh)"
    if os.environ.get(SKIP_TOOLS) == "1":
        pytest.skip(f"{missing}; skipped because {SKIP_TOOLS}=1")
    pytest.fail(f"{missing}; set {SKIP_TOOLS}=1 to skip the tests that need it", pytrace=False)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command."""
    return require_tool("soffice", "libreoffice", package="libreoffice-writer")


@pytest.fixture(scope="session")
def pdftotext() -> str:
    return require_tool("pdftotext", package="poppler-utils")


@pytest.fixture(scope="session")
def pdfimages() -> str:
    return require_tool("pdfimages", package="poppler-utils")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory, monkeypatch):
    """Recovery files, backups and settings of every test go to a fresh temporary folder,
    never to the real user's, and never see another test's leftovers."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("PROPOSAL_EDITOR_CONFIG_DIR", str(root / "config"))
