"""The app's one settings object, with an explicit location.

``AppSettings(path)`` stores in an INI file at ``path``; with no path it uses
the platform's place (``QSettings`` native format for our organisation/app
names, set on the QApplication). Tests and ``PROPOSAL_EDITOR_SETTINGS`` point
it at a temporary file. Bad stored values never crash: each getter falls
back to its default.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "mlops-proposal-editor"
APPLICATION = "MLOps Proposal Editor"
MAX_RECENT = 10


class AppSettings:
    """Typed access to the stored preferences."""

    def __init__(self, path: Path | str | None = None) -> None:
        path = path or os.environ.get("PROPOSAL_EDITOR_SETTINGS")
        if not path:
            from editor.paths import config_dir

            folder = config_dir()  # $PROPOSAL_EDITOR_CONFIG_DIR (tests, portable use)
            path = folder / "settings.ini" if folder else None
        if path:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.qsettings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def sync(self) -> None:
        self.qsettings.sync()

    # -- language ------------------------------------------------------------
    def ui_language(self) -> str | None:
        value = self.qsettings.value("ui/language", None)
        return value if value in ("fr", "en") else None

    def set_ui_language(self, language: str) -> None:
        self.qsettings.setValue("ui/language", language)

    # -- recent files ---------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.qsettings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent_file(self, path: Path | str) -> None:
        path = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != path]
        self.qsettings.setValue("files/recent", [path, *files][:MAX_RECENT])

    def remove_recent_file(self, path: Path | str) -> None:
        self.qsettings.setValue("files/recent", [f for f in self.recent_files() if f != str(path)])

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("files/recent", [])

    # -- window state -----------------------------------------------------------
    def bytes_value(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key, None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, value)

    def bool_value(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def set_value(self, key: str, value) -> None:
        self.qsettings.setValue(key, value)
