"""The structured editor shown under (or above) a section's text, by section id.

``extra_widget_for(section_id, document, parent) -> QWidget | None`` is called
by the section page the first time the section is shown. Each editor's module is
imported then, not at start-up (the risk and KPI editors bring pyqtgraph); the
imports are plain statements so that the frozen bundle's analysis finds them.
A widget may set ``placement = "top"`` to sit above the editor (default: below
it, in a splitter). Widgets take ``(document: ProposalDocument, parent=None)``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from editor.app.document import ProposalDocument


def _title():
    from editor.app.widgets.metadata_fields import TitleAuthorsWidget

    return TitleAuthorsWidget


def _objectives():
    from editor.app.widgets.objectives import ObjectivesEditor

    return ObjectivesEditor


def _architecture():
    from editor.app.widgets.architecture_builder import ArchitectureBuilder

    return ArchitectureBuilder


def _resources():
    from editor.app.widgets.resources_editor import ResourcesEditor

    return ResourcesEditor


def _risks():
    from editor.app.widgets.risk_table import RiskEditor

    return RiskEditor


def _kpis():
    from editor.app.widgets.kpi_planner import KpiPlanner

    return KpiPlanner


_EXTRAS = {"title": _title, "objectives": _objectives, "architecture": _architecture,
           "resources": _resources, "risks": _risks, "kpis": _kpis}


def extra_widget_for(section_id: str, document: ProposalDocument, parent: QWidget | None = None) -> QWidget | None:
    """The section's structured editor, or None for a section of prose only."""
    editor_class = _EXTRAS.get(section_id)
    return editor_class()(document, parent) if editor_class is not None else None
