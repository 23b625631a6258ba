#!/bin/sh
# Installs MLOps Proposal Editor from this wheelhouse, offline (pip install --no-index).
#
#   sh install.sh                 for you: ~/.local/lib/mlops-proposal-editor, command ~/.local/bin/proposal-editor
#   sudo sh install.sh --system   for every user: /opt/mlops-proposal-editor, command /usr/local/bin/proposal-editor
#   sh install.sh --uninstall     (or sudo sh install.sh --system --uninstall)
#
# Needs the Python version written in TARGET, with its venv module (Debian/Ubuntu: python3-venv).
# PYTHON=/path/to/python3.X chooses the interpreter; PREFIX=/some/dir the install folder.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/TARGET"
mode=user action=install
for arg in "$@"; do
  case "$arg" in
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    *) echo "install: unknown option $arg" >&2; exit 2 ;;
  esac
done
if [ "$mode" = system ]; then
  PREFIX=${PREFIX:-/opt/mlops-proposal-editor} BINDIR=/usr/local/bin DATADIR=/usr/local/share
else
  # Not ~/.local/share/mlops-proposal-editor: the app keeps the user's recovery files and backups there.
  PREFIX=${PREFIX:-$HOME/.local/lib/mlops-proposal-editor}
  BINDIR=$HOME/.local/bin DATADIR=${XDG_DATA_HOME:-$HOME/.local/share}
fi

if [ "$action" = uninstall ]; then
  [ -f "$HERE/desktop/install-desktop.sh" ] && sh "$HERE/desktop/install-desktop.sh" --uninstall "$DATADIR"
  rm -f "$BINDIR/proposal-editor"
  rm -rf "$PREFIX/venv"  # only what install.sh made: PREFIX may be a folder with other things
  rmdir "$PREFIX" 2>/dev/null || true
  echo "install: removed $PREFIX/venv"
  exit 0
fi

version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }
if [ -z "${PYTHON:-}" ]; then
  for candidate in "python$PYTHON_VERSION" python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && [ "$(version_of "$candidate")" = "$PYTHON_VERSION" ]; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "${PYTHON:-}" ] || [ "$(version_of "$PYTHON")" != "$PYTHON_VERSION" ]; then
  echo "install: this wheelhouse is for Python $PYTHON_VERSION ($PLATFORM); no such python found." >&2
  echo "install: install it, or set PYTHON=/path/to/python$PYTHON_VERSION" >&2
  exit 1
fi

echo "install: creating $PREFIX with $PYTHON"
rm -rf "$PREFIX/venv"
mkdir -p "$PREFIX"
if ! "$PYTHON" -m venv "$PREFIX/venv"; then
  echo "install: '$PYTHON -m venv' failed; on Debian/Ubuntu install python3-venv (or python$PYTHON_VERSION-venv)" >&2
  exit 1
fi
"$PREFIX/venv/bin/python" -m pip install --quiet --no-index --no-cache-dir --disable-pip-version-check \
  --find-links "$HERE/wheels" mlops-proposal-editor
mkdir -p "$BINDIR"
ln -sf "$PREFIX/venv/bin/proposal-editor" "$BINDIR/proposal-editor"
if [ "$(uname -s)" = Linux ] && [ -f "$HERE/desktop/install-desktop.sh" ]; then
  sh "$HERE/desktop/install-desktop.sh" "$PREFIX/venv/bin/proposal-editor" "$DATADIR"
fi
"$BINDIR/proposal-editor" --version
echo "install: done; start it from the applications menu or with: $BINDIR/proposal-editor"
case ":$PATH:" in
  *":$BINDIR:"*) ;;
  *) echo "install: note: $BINDIR is not on your PATH" ;;
esac
