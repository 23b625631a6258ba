"""Where the app's data lives: the source tree when run from a checkout, the
installed package otherwise (the wheel maps ``resources/`` and ``i18n/`` to
``editor._resources`` and ``editor._i18n``)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _locate(folder: str, package: str) -> Path:
    in_tree = _SOURCE_ROOT / folder
    if in_tree.is_dir():
        return in_tree
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise FileNotFoundError(f"{folder}/ not found next to the package nor as {package}")


@cache
def resources_dir() -> Path:
    """The folder holding the guide data, icons and styles."""
    return _locate("resources", "editor._resources")


@cache
def i18n_dir() -> Path:
    """The folder holding the gettext catalogs (``fr/LC_MESSAGES/messages.po``)."""
    return _locate("i18n", "editor._i18n")


# Environment variables that move the app's per-user folders (tests, portable installs).
DATA_DIR_ENV = "PROPOSAL_EDITOR_DATA_DIR"
CONFIG_DIR_ENV = "PROPOSAL_EDITOR_CONFIG_DIR"
_APP_DIR_NAME = "mlops-proposal-editor"


def data_dir() -> Path:
    """The per-user data folder (recovery files, backups): ``$PROPOSAL_EDITOR_DATA_DIR``
    or the platform's place (``~/.local/share/mlops-proposal-editor`` on Linux).

    Not cached: tests change the variable between runs. Not created here.
    """
    import os

    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False, roaming=False))


def config_dir() -> Path | None:
    """``$PROPOSAL_EDITOR_CONFIG_DIR`` when set (settings then live in ``settings.ini`` there),
    else None: the settings use the platform's native place."""
    import os

    override = os.environ.get(CONFIG_DIR_ENV)
    return Path(override) if override else None
