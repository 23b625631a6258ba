#!/usr/bin/env bash
# CI, after the unit tests: build and try the packages the way users get them.
#  1. the wheel (python -m build: sdist, then the wheel from the sdist) carries the data;
#  2. installed into a fresh venv outside the source tree, from another folder: `new`,
#     `export --to docx`, `python -m editor`, the GUI in French and in English (offscreen);
#  3. the offline lab install: a wheelhouse, installed by its install.sh without network;
#  4. the PyInstaller one-folder bundle: built, checked for what it must not carry, started
#     (offscreen, and under Xvfb when present) and used for a frozen `export` to DOCX;
#  5. the .desktop and AppStream files validate; 6. sizes.
# Needs network for PyPI (build requirements, the app's dependencies, PyInstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
OUT=${OUT:-$ROOT/dist}
export PIP_DISABLE_PIP_VERSION_CHECK=1 QT_QPA_PLATFORM=offscreen
START=$SECONDS
APP_ID=org.mlopscourse.ProposalEditor

step() { printf '\n== package: %s (%ss)\n' "$*" "$((SECONDS - START))"; }
fail() { echo "package: FAILED: $*" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/proposal-editor-ci.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export PIP_CACHE_DIR=${PIP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pip}  # keep pip's cache when HOME moves
# The smoke runs must not read or write the user's settings, autosaves or recent files.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share \
  XDG_STATE_HOME=$WORK/home/.local/state XDG_CACHE_HOME=$WORK/home/.cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

step "tools"
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "package: cannot install ${need[*]} (not root or no apt-get); desktop file checks will fail" >&2
  fi
fi
"$PYTHON" -m venv "$WORK/tools"
TOOLS=$WORK/tools/bin
"$TOOLS/python" -m pip install -q --upgrade pip
"$TOOLS/python" -m pip install -q build pyinstaller

step "wheel"
mkdir -p "$OUT"
rm -f "$OUT"/mlops_proposal_editor-*.whl "$OUT"/mlops_proposal_editor-*.tar.gz
"$TOOLS/python" -m build --outdir "$OUT" . > "$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail "python -m build"; }
WHEEL=$(ls "$OUT"/mlops_proposal_editor-*.whl)
"$TOOLS/python" - "$WHEEL" <<'EOF' || fail "wheel contents"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
must = ["editor/__main__.py", "editor/_i18n/fr/LC_MESSAGES/messages.mo", "editor/_resources/guide/fr.yaml",
        "editor/_resources/guide/en.yaml", "editor/_resources/guide/fr.json", "editor/_resources/guide/en.json", "editor/_resources/icons/app.svg", "editor/_resources/examples/fr.md",
        "editor/_resources/dictionaries/fr.words", "editor/_resources/dictionaries/en.words",
        "editor/_resources/dictionaries/glossary.txt", "editor/_resources/dictionaries/LICENSE-fr.txt",
        "editor/_resources/dictionaries/LICENSE-en.txt"]
missing = [n for n in must if n not in names]
stray = [n for n in names if n.endswith((".po", ".pyc")) or n.startswith(("tests/", "resources/", "i18n/"))]
print(f"package: wheel has {len(names)} files; missing {missing or 'nothing'}; stray {stray or 'nothing'}")
sys.exit(1 if missing or stray else 0)
EOF

step "install the wheel into a fresh venv and run it from another folder"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$WHEEL"
mkdir -p "$WORK/run" && cd "$WORK/run"
APP=$WORK/venv/bin/proposal-editor
"$WORK/venv/bin/python" - <<'EOF' || fail "the installed package reads the source tree"
import editor, editor.paths as p
where = [str(p.resources_dir()), str(p.i18n_dir()), editor.__file__]
print("package: installed data in", *where, sep="\n  ")
assert all("site-packages" in w for w in where), where
EOF
"$APP" --version
"$WORK/venv/bin/python" -m editor --version
"$APP" new --lang fr --title "Prévision de l'attrition" -o proposal.md
"$APP" export proposal.md --to docx
"$APP" export "$ROOT/resources/examples/en.md" --to docx -o example.docx
"$APP" check --lang en proposal.md > /dev/null || [ $? -eq 1 ]  # 1: the empty skeleton has findings
"$WORK/venv/bin/python" -c "import zipfile, sys; [zipfile.ZipFile(f).getinfo('word/document.xml') for f in sys.argv[1:]]" \
  proposal.docx example.docx || fail "exported DOCX"
gui_smoke() {  # COMMAND LANG EXPECTED-MENU
  local output
  output=$(timeout 60 "$1" --lang "$2" --quit-after 1500 2>"$WORK/gui.err") || { cat "$WORK/gui.err"; fail "GUI start ($2) with $1"; }
  echo "$output"
  grep -q "menus: $3" <<<"$output" || fail "GUI in $2 did not show the $3 menu"
}
gui_smoke "$APP" fr Fichier
gui_smoke "$APP" en File
spell_smoke() {  # COMMAND: its check finds a planted French mistake and none in correct words
  printf -- '---\nlanguage: fr\n---\n\n## 10. Conclusion\n\nLe modéle est déployé par l’équipe.\n' > spell.md
  local out
  out=$("$1" check --json spell.md) || [ $? -eq 1 ] || fail "check with $1"
  grep -q '"rule": "spelling"' <<<"$out" && grep -q 'modéle' <<<"$out" && ! grep -q 'déployé\|équipe' <<<"$out" \
    || fail "spell check with $1: $out"
  echo "package: spell check works with $1"
}
spell_smoke "$APP"
cd "$ROOT"

step "offline lab install from a wheelhouse"
PYTHON=$TOOLS/python bash packaging/wheelhouse.sh --wheel "$WHEEL" --out "$WORK/wheelhouse"
offline=()
unshare -n true 2>/dev/null && offline=(unshare -n)  # no network at all, when the kernel lets us
(export HOME=$WORK/lab XDG_DATA_HOME=$WORK/lab/.local/share PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1
 unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
 "${offline[@]}" sh "$WORK/wheelhouse/install.sh" && cd "$WORK/lab" \
   && "${offline[@]}" "$WORK/lab/.local/bin/proposal-editor" new --lang fr -o lab.md \
   && spell_smoke "$WORK/lab/.local/bin/proposal-editor" \
   && test -f "$WORK/lab/.local/share/applications/$APP_ID.desktop") || fail "offline install from the wheelhouse"
cd "$ROOT"

step "PyInstaller bundle"
"$TOOLS/python" -m pip install -q "$WHEEL"  # the app's dependencies, for PyInstaller to collect
rm -rf "$OUT/proposal-editor" "$OUT"/proposal-editor-*.tar.gz
PYTHON=$TOOLS/python DIST=$OUT WORK=$WORK/pyinstaller bash packaging/build-bundle.sh
BUNDLE=$OUT/proposal-editor
FROZEN=$BUNDLE/proposal-editor
forbidden=$(cd "$BUNDLE" && find . \( -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' -o -iname '*WebEngine*' -o -iname 'QtQml*' \
  -o -iname '*Qt6Network*' -o -iname 'qmltooling' \) -print | head -5)
[ -z "$forbidden" ] || fail "the bundle carries modules the app does not use: $forbidden"
locales=$(ls "$BUNDLE/_internal/babel/locale-data" | sed 's/\.dat$//' | grep -v -E '^(root|fr|en)(_|$)' | head -3 || true)
[ -z "$locales" ] || fail "the bundle carries Babel locales we do not ship: $locales"
if command -v ldd >/dev/null; then  # every bundled library finds its dependencies (Wayland's come with the desktop)
  missing=$(cd "$BUNDLE/_internal" && LD_LIBRARY_PATH=$PWD:$PWD/PySide6/Qt/lib find . -name '*.so*' -type f \
    -exec ldd {} \; 2>/dev/null | grep 'not found' | grep -v -E 'libwayland-|libgtk-3|libgdk-3' | sort -u || true)
  [ -z "$missing" ] || fail "bundled libraries miss: $missing"
fi
mkdir -p "$WORK/frozen" && cd "$WORK/frozen"
gui_smoke "$FROZEN" fr Fichier
gui_smoke "$FROZEN" en File
if command -v xvfb-run >/dev/null; then  # the real X11 (xcb) platform plugin, not only offscreen
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" "$FROZEN" --lang fr --quit-after 1500 2>/dev/null \
    | grep -q "menus: Fichier" || fail "frozen GUI under Xvfb (xcb)"
  echo "package: frozen GUI started under Xvfb (xcb)"
fi
spell_smoke "$FROZEN"
"$FROZEN" new --lang en -o frozen.md
"$FROZEN" export frozen.md --to docx
"$FROZEN" export "$ROOT/resources/examples/fr.md" --to docx -o exemple.docx
"$TOOLS/python" -c "import zipfile, sys; [zipfile.ZipFile(f).getinfo('word/document.xml') for f in sys.argv[1:]]" \
  frozen.docx exemple.docx || fail "frozen DOCX export"
# The class review's worker processes start the frozen executable again (spawn).
mkdir -p class/s1 && cp exemple.docx class/s1/ && printf 'PK broken' > class/broken.docx
"$FROZEN" review class -o class.xlsx -o class.csv --feedback feedback --lang fr \
  && test -f feedback/s1/exemple.feedback.docx && grep -q "broken.docx" class.csv || fail "frozen class review"
cd "$ROOT"

step "desktop files"
desktop-file-validate "packaging/linux/$APP_ID.desktop"
appstreamcli validate --no-net "packaging/linux/$APP_ID.metainfo.xml"

step "sizes"
size() { du -sh "$1" | cut -f1; }
echo "package: wheel  $(basename "$WHEEL"): $(size "$WHEEL")"
echo "package: venv with the app and its dependencies: $(size "$WORK/venv")"
echo "package: wheelhouse for this platform: $(size "$WORK/wheelhouse")"
echo "package: bundle $BUNDLE: $(size "$BUNDLE")"
for archive in "$OUT"/proposal-editor-*.tar.gz; do echo "package: bundle archive $(basename "$archive"): $(size "$archive")"; done
echo "package: all checks passed in $((SECONDS - START)) s"
