"""PySide6 reads the whole source of every module imported after it; ``skip_source_scan()`` stops that.

Once ``PySide6.QtCore`` is imported, shiboken's replacement of ``builtins.__import__``
asks, after each import, whether the new module "uses PySide6"
(``shibokensupport.feature._mod_uses_pyside``): it reads the module's source with
``inspect.getsource``, which keeps it in ``linecache``, and looks for the word
"PySide6". The answer only serves PySide's opt-in ``from __feature__ import
snake_case, true_property`` switches, which nothing in this program uses. With the
20,000-word sample open, the scan cost the app 4.3 MiB of peak memory and 12-18 ms of
start-up (``benchmarks/memory.py``, ``benchmarks/startup_floor.py``; the sources of
some 200 modules, dropped only at the end of the start-up, and the memory they took
stays with the process).

``skip_source_scan()`` gives every module imported from then on the answer "uses
PySide6", without reading it: PySide's default for such a module is "no feature", the
names every module here is written with. A module that does ask for a feature still
gets it (``from __feature__ import ...`` records its own choice), and with no feature
asked anywhere PySide never looks at these answers. It does nothing on a PySide6 that
has no such scan (the hook is looked up, not assumed); call it right after the first
PySide6 import of a process, before the modules that use Qt are imported.
"""

from __future__ import annotations

import sys

_FEATURE_MODULE = "shibokensupport.feature"


def _uses_pyside(module) -> bool:
    return True


def skip_source_scan() -> bool:
    """Answer PySide6's per-import question without reading sources; True when its hook was found."""
    feature = sys.modules.get(_FEATURE_MODULE)
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or not callable(scan):
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True
