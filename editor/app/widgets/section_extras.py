"""The structured editor shown under (or above) a section's text, by section id.

``extra_widget_for(section_id, document, parent) -> QWidget | None`` is called
by the section page the first time the section is shown. Risks (section 7) and
KPIs (section 8) come from the risks/KPI modules when they exist; they are
imported here, lazily, so pyqtgraph never loads at start-up. A widget may set
``placement = "top"`` to sit above the editor (default: below it, in a splitter).
Widgets take ``(document: ProposalDocument, parent=None)``.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from editor.app.document import ProposalDocument

# section id -> (module, class); the risks/KPI helper owns the last two modules.
_EXTRAS: dict[str, tuple[str, str]] = {
    "title": ("editor.app.widgets.metadata_fields", "TitleAuthorsWidget"),
    "objectives": ("editor.app.widgets.objectives", "ObjectivesEditor"),
    "architecture": ("editor.app.widgets.architecture_builder", "ArchitectureBuilder"),
    "resources": ("editor.app.widgets.resources_editor", "ResourcesEditor"),
    "risks": ("editor.app.widgets.risk_table", "RiskEditor"),
    "kpis": ("editor.app.widgets.kpi_planner", "KpiPlanner"),
}


def extra_widget_for(section_id: str, document: ProposalDocument, parent: QWidget | None = None) -> QWidget | None:
    """The section's structured editor, or None (no such widget, or its module is not there yet)."""
    spec = _EXTRAS.get(section_id)
    if spec is None:
        return None
    module_name, class_name = spec
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    cls = getattr(module, class_name, None)
    return cls(document, parent) if cls is not None else None
