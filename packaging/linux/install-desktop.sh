#!/bin/sh
# Adds MLOps Proposal Editor to the desktop's application menu (Linux, freedesktop.org):
# the .desktop entry (with the absolute path of the command), the AppStream metainfo
# and the icons. No admin rights needed for a per-user install.
#
#   sh install-desktop.sh COMMAND                 per user (~/.local/share)
#   sudo sh install-desktop.sh COMMAND /usr/local/share    for every user
#   sh install-desktop.sh --uninstall [DATADIR]   removes what it added
#   sh install-desktop.sh --stage FOLDER          copies itself and its files into FOLDER
#                                                 (the desktop/ folder of the wheelhouse and bundle)
#
# COMMAND is the absolute path of `proposal-editor` (venv, pipx or the bundle's executable).
# This folder holds, side by side: the .desktop and .metainfo.xml files, app.svg and
# hicolor/ (PNG sizes), as laid out by packaging/wheelhouse.sh and packaging/build-bundle.sh;
# from a source checkout, the icons are taken from packaging/icons/ and resources/icons/.
set -eu
APP_ID=org.mlopscourse.ProposalEditor
HERE=$(cd "$(dirname "$0")" && pwd)
SVG=$HERE/app.svg PNGS=$HERE/hicolor
if [ ! -f "$SVG" ] && [ -f "$HERE/../../resources/icons/app.svg" ]; then
  SVG=$HERE/../../resources/icons/app.svg PNGS=$HERE/../icons/hicolor
fi

if [ "${1:-}" = "--stage" ]; then
  DEST=${2:?usage: install-desktop.sh --stage FOLDER}
  mkdir -p "$DEST"
  cp "$HERE/$APP_ID.desktop" "$HERE/$APP_ID.metainfo.xml" "$HERE/install-desktop.sh" "$DEST/"
  cp "$SVG" "$DEST/app.svg"
  [ "$PNGS" = "$DEST/hicolor" ] || cp -r "$PNGS" "$DEST/"
  exit 0
fi

if [ "${1:-}" = "--uninstall" ]; then
  DATADIR=${2:-${XDG_DATA_HOME:-$HOME/.local/share}}
  rm -f "$DATADIR/applications/$APP_ID.desktop" "$DATADIR/metainfo/$APP_ID.metainfo.xml" \
        "$DATADIR/icons/hicolor/scalable/apps/$APP_ID.svg"
  for png in "$DATADIR"/icons/hicolor/*/apps/"$APP_ID.png"; do rm -f "$png"; done
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATADIR/applications" 2>/dev/null || true
  echo "install-desktop: removed $APP_ID from $DATADIR"
  exit 0
fi

COMMAND=${1:?usage: install-desktop.sh COMMAND [DATADIR]}
DATADIR=${2:-${XDG_DATA_HOME:-$HOME/.local/share}}
case "$COMMAND" in
  /*) ;;
  *) COMMAND=$(cd "$(dirname "$COMMAND")" && pwd)/$(basename "$COMMAND") ;;
esac
[ -x "$COMMAND" ] || { echo "install-desktop: $COMMAND is not an executable" >&2; exit 1; }

mkdir -p "$DATADIR/applications" "$DATADIR/metainfo" "$DATADIR/icons/hicolor/scalable/apps"
# Exec= with the absolute path: pipx's ~/.local/bin is often not on the desktop session's PATH.
# Quote it per the Desktop Entry spec when it contains a space.
case "$COMMAND" in
  *" "*) EXEC="\"$COMMAND\"" ;;
  *) EXEC=$COMMAND ;;
esac
EXEC_SED=$(printf '%s' "$EXEC" | sed 's/[|&\\]/\\&/g')  # escape sed's special characters
sed "s|^Exec=proposal-editor |Exec=$EXEC_SED |" "$HERE/$APP_ID.desktop" > "$DATADIR/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$DATADIR/metainfo/"
cp "$SVG" "$DATADIR/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$PNGS"/*/apps/"$APP_ID.png"; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$DATADIR/icons/hicolor/$size/apps"
  cp "$png" "$DATADIR/icons/hicolor/$size/apps/"
done
# Refresh the caches when the tools are there (menus pick the entry up without them too).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATADIR/applications" || true
# Only where a theme index exists (system dirs): a stale cache in a user dir hides icons added later.
[ -f "$DATADIR/icons/hicolor/index.theme" ] && command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$DATADIR/icons/hicolor" 2>/dev/null || true
echo "install-desktop: added $APP_ID to $DATADIR (runs $COMMAND)"
