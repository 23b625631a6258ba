#!/usr/bin/env bash
# Builds a wheelhouse for an offline lab install: the app's wheel and every dependency,
# as wheels, for one platform and one Python version, plus the install scripts.
#
#   bash packaging/wheelhouse.sh                                   # this machine's platform and Python
#   bash packaging/wheelhouse.sh --platform windows --python-version 3.12
#   bash packaging/wheelhouse.sh --platform linux-x86_64 --glibc 2.35 --archive
#
# --platform  linux-x86_64 | linux-aarch64 | windows | macos-arm64 | macos-x86_64, or any
#             pip platform tag (repeatable); default: the machine running this script
# --python-version X.Y   the lab machines' Python (default: the Python running pip here)
# --glibc X.Y            oldest glibc of the Linux lab machines (default 2.35, Ubuntu 22.04);
#                        Qt 6.11 wheels need 2.34 or newer
# --wheel FILE           use this already-built app wheel instead of building one
# --out DIR              default dist/wheelhouse-PLATFORM-pyX.Y
# --archive              also pack DIR into DIR.tar.gz (DIR.zip for Windows)
#
# Needs network here, none on the lab machines: there, `sh install.sh` (Linux, macOS) or
# `install.bat` (Windows) creates a venv and runs pip install --no-index --find-links wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}

platform="" py_version="" glibc="2.35" wheel="" out="" archive=0
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) platform=$2; shift 2 ;;
    --python-version) py_version=$2; shift 2 ;;
    --glibc) glibc=$2; shift 2 ;;
    --wheel) wheel=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --archive) archive=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "wheelhouse: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
py_version=${py_version:-$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')}

manylinux_tags() {  # every manylinux tag a machine with glibc $1 on $2 accepts
  local max=${1#2.} arch=$2 minor
  for ((minor = max; minor >= 17; minor--)); do echo "manylinux_2_${minor}_${arch}"; done
  echo "manylinux2014_${arch}"
}

tags=() kind=unix label=${platform:-$(uname -s | tr "[:upper:]" "[:lower:]")-$(uname -m)}
case "$platform" in
  "") ;;
  linux-x86_64|linux-aarch64) mapfile -t tags < <(manylinux_tags "$glibc" "${platform#linux-}") ;;
  windows|win_amd64) tags=(win_amd64); kind=windows ;;
  macos-arm64) tags=(macosx_14_0_arm64) ;;     # pip also accepts older macOS and universal2 wheels
  macos-x86_64) tags=(macosx_14_0_x86_64) ;;
  win*) tags=("$platform"); kind=windows ;;
  *) tags=("$platform") ;;
esac
out=${out:-dist/wheelhouse-$label-py$py_version}
rm -rf "$out"
mkdir -p "$out/wheels"

if [ -z "$wheel" ]; then
  echo "wheelhouse: building the app's wheel"
  "$PYTHON" -m pip wheel --no-deps --quiet --wheel-dir "$out/wheels" "$ROOT"
else
  cp "$wheel" "$out/wheels/"
fi
app_wheel=$(ls "$out"/wheels/mlops_proposal_editor-*.whl)

platform_args=()
if [ ${#tags[@]} -gt 0 ]; then
  for tag in "${tags[@]}"; do platform_args+=(--platform "$tag"); done
  platform_args+=(--implementation cp)
fi
echo "wheelhouse: downloading the dependencies for ${label}, Python $py_version"
"$PYTHON" -m pip download --quiet --only-binary=:all: --python-version "$py_version" "${platform_args[@]}" \
  --dest "$out/wheels" "$app_wheel"

# The install scripts, and what install.sh needs to add the app to a Linux desktop menu.
cat > "$out/TARGET" <<TARGET
PYTHON_VERSION=$py_version
PLATFORM=$label
TARGET
cp packaging/lab/install.sh packaging/lab/install.bat packaging/lab/README.txt "$out/"
[ "$kind" = unix ] && sh packaging/linux/install-desktop.sh --stage "$out/desktop"

count=$(ls "$out/wheels" | wc -l)
echo "wheelhouse: $out ($count wheels, $(du -sh "$out" | cut -f1))"
if [ "$archive" = 1 ]; then
  parent=$(dirname "$out") name=$(basename "$out")
  if [ "$kind" = windows ]; then
    (cd "$parent" && "$PYTHON" -m zipfile -c "$name.zip" "$name")
    echo "wheelhouse: $parent/$name.zip ($(du -sh "$parent/$name.zip" | cut -f1))"
  else
    tar -C "$parent" -czf "$parent/$name.tar.gz" "$name"
    echo "wheelhouse: $parent/$name.tar.gz ($(du -sh "$parent/$name.tar.gz" | cut -f1))"
  fi
fi
