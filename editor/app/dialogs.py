"""Help dialogs: the whole guide (from its data, in the UI language) and About
(version, Qt/Python versions, dependencies with their licences)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from editor.app.icons import icon
from editor.core.guide import load_guide
from editor.i18n import _, current_language

# (distribution, licence) of what the app ships with.
DEPENDENCIES: tuple[tuple[str, str], ...] = (
    ("PySide6-Essentials", "LGPL-3.0-only"),
    ("shiboken6", "LGPL-3.0-only"),
    ("pydantic", "MIT"),
    ("Markdown", "BSD-3-Clause"),
    ("python-docx", "MIT"),
    ("lxml", "BSD-3-Clause"),
    ("pyqtgraph", "MIT"),
    ("numpy", "BSD-3-Clause"),
    ("Babel", "BSD-3-Clause"),
    ("PyYAML", "MIT"),
    ("platformdirs", "MIT"),
)


def guide_html(language: str) -> str:
    """The whole guide as HTML: introduction, MLOps pillars, the ten sections, evaluation tips."""
    g = load_guide(language)
    out = [f"<h1>{escape(g.title)}</h1>", f"<h2>{escape(g.introduction.title)}</h2>", f"<p>{escape(g.introduction.text)}</p>"]
    out += [f"<h2>{escape(g.mlops.title)}</h2>", f"<p>{escape(g.mlops.definition)}</p>", f"<p>{escape(g.mlops.reminder)}</p>", "<ol>"]
    for p in g.mlops.pillars:
        out.append(f"<li><b>{escape(p.title)}</b><ul>" + "".join(f"<li>{escape(x)}</li>" for x in p.points) + "</ul></li>")
    out += ["</ol>", f"<h2>{escape(g.structure_title)}</h2>"]
    for s in g.sections:
        out.append(f"<h3>{s.number}. {escape(s.title)}</h3>")
        if s.intro and not (len(s.tips) == 1 and s.tips[0].text == s.intro):
            out.append(f"<p>{escape(s.intro)}</p>")
        out.append("<ul>")
        for t in s.tips:
            sub = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in t.items) + "</ul>" if t.items else ""
            out.append(f"<li>{escape(t.text)}{sub}</li>")
        out.append("</ul>")
        if s.examples:
            examples = escape(_("Examples"))
            out.append(f"<p><i>{examples}:</i></p><ul>" + "".join(f"<li><i>{escape(e)}</i></li>" for e in s.examples) + "</ul>")
    out += [f"<h2>{escape(g.evaluation.title)}</h2>", "<ul>"]
    out += [f"<li>{escape(t)}</li>" for t in g.evaluation.tips]
    out += ["</ul>", f"<p>{escape(g.closing)}</p>"]
    return "".join(out)


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icon("app"))
        self.resize(720, 760)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(14)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.retranslateUi()

    def retranslateUi(self) -> None:  # noqa: N802
        self.setWindowTitle(_("Proposal guide"))
        self.browser.setAccessibleName(_("Proposal guide"))
        self.browser.setHtml(guide_html(current_language()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "—"


def about_html() -> str:
    import platform

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from editor import __version__

    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(_version(name))}</td><td>{escape(lic)}</td></tr>" for name, lic in DEPENDENCIES
    )
    t = {
        "name": _("MLOps Proposal Editor"),
        "version": _("Version {version}").format(version=__version__),
        "what": _("Write an MLOps project proposal that follows the course guide, in French or English."),
        "licence": _("Licence: {licence}").format(licence="MIT"),
        "runtime": _("Python {python}, Qt {qt}, PySide6 {pyside}").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version
        ),
        "components": _("Components and their licences"),
        "component": _("Component"),
        "version_col": _("Version"),
        "licence_col": _("Licence"),
        "lgpl": _("Qt and PySide6 are used under the GNU LGPL version 3."),
    }
    t = {k: escape(v) for k, v in t.items()}
    return (
        f"<h2>{t['name']}</h2><p>{t['version']}</p><p>{t['what']}</p><p>{t['licence']}</p><p>{t['runtime']}</p>"
        f"<h3>{t['components']}</h3>"
        f"<table cellpadding='3'><tr><th align='left'>{t['component']}</th><th align='left'>{t['version_col']}</th>"
        f"<th align='left'>{t['licence_col']}</th></tr>{rows}</table><p>{t['lgpl']}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(icon("app"))
        self.resize(520, 560)
        self.logo = QLabel(self)
        self.logo.setPixmap(icon("app").pixmap(64, 64))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QTextBrowser(self)
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.logo)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.retranslateUi()

    def retranslateUi(self) -> None:  # noqa: N802
        self.setWindowTitle(_("About MLOps Proposal Editor"))
        self.text.setAccessibleName(_("About"))
        self.text.setHtml(about_html())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
