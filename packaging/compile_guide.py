"""Compile the guide's YAML (``resources/guide/LANG.yaml``) into ``LANG.json`` beside it.

    python packaging/compile_guide.py          # after editing a guide file
    python packaging/compile_guide.py --check  # exit 1 if a compiled file is out of date

The compiled file carries the SHA-256 of the YAML it was made from; the app uses it
only while that matches (``editor/core/guide.py``), else it reads the YAML. A guide
that does not validate is not compiled. ``tests/core/test_guide.py`` fails while a
compiled file is out of date, naming this command.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.guide import GuideError, compiled_guide  # noqa: E402
from editor.core.model import LANGUAGES  # noqa: E402

GUIDE_DIR = ROOT / "resources" / "guide"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report compiled files out of date")
    parser.add_argument("--folder", type=Path, default=GUIDE_DIR, help="the guide files' folder")
    args = parser.parse_args(argv)
    stale = []
    for language in LANGUAGES:
        source = args.folder / f"{language}.yaml"
        target = source.with_suffix(".json")
        try:
            text = compiled_guide(source, source.read_bytes())
        except (OSError, GuideError) as exc:
            print(f"compile_guide: {exc}", file=sys.stderr)
            return 2
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(target)
        if not args.check:
            partial = target.with_name(target.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
            print(f"wrote {target}")
    if args.check and stale:
        print("out of date: " + ", ".join(str(p) for p in stale)
              + " (run python packaging/compile_guide.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
