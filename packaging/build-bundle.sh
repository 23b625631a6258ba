#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller (packaging/pyinstaller/proposal-editor.spec) and,
# on Linux, packs it with its desktop files into dist/proposal-editor-VERSION-linux-ARCH.tar.gz.
#
#   PYTHON=/path/to/venv/bin/python bash packaging/build-bundle.sh
#
# PYTHON must have pyinstaller and the app's dependencies (e.g. pip install pyinstaller dist/*.whl).
# Lab install of the archive: tar -xzf it (e.g. into /opt), then
#   sh proposal-editor/desktop/install-desktop.sh proposal-editor/proposal-editor [/usr/local/share]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}

"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  packaging/pyinstaller/proposal-editor.spec
bundle="$DIST/proposal-editor"
[ -x "$bundle/proposal-editor" ] || [ -x "$bundle/proposal-editor.exe" ] || { echo "bundle: no executable in $bundle" >&2; exit 1; }

if [ "$(uname -s)" = Linux ]; then
  sh packaging/linux/install-desktop.sh --stage "$bundle/desktop"
  version=$("$PYTHON" -c 'import re, pathlib; print(re.search(r"__version__ = \"(.+?)\"", pathlib.Path("editor/__init__.py").read_text()).group(1))')
  archive="$DIST/proposal-editor-$version-linux-$(uname -m).tar.gz"
  tar -C "$DIST" -czf "$archive" proposal-editor
  echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1)), $archive ($(du -sh "$archive" | cut -f1))"
else
  echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
fi
