"""The class report as one self-contained HTML file: inline CSS, an inline SVG chart
of the sections met across the class, the class table (sortable), then a section
per student with findings, import warnings and the rubric. Every string that comes
from a submission is escaped; the file loads nothing from anywhere.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape

from editor.core.model import SECTION_IDS
from editor.core.review.report import GRADE, SECTION, ClassReport
from editor.i18n import N_, format_date, format_number, plural_translator, translator

_CSS = """
body{font:15px/1.45 system-ui,"Segoe UI",Carlito,Calibri,sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2.2rem 0 .4rem;border-top:1px solid #ccd;padding-top:1rem}
h3{font-size:1rem;margin:1rem 0 .3rem}.muted{color:#5a6475}table{border-collapse:collapse;margin:.4rem 0}
th,td{border:1px solid #cfd5df;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}th.sortable{cursor:pointer}th.sortable:after{content:" \\2195";color:#889}
.ok{color:#1d7a35}.progress{color:#9a6200}.empty,.unreadable{color:#b3261e}ul{margin:.2rem 0 .6rem 1.2rem;padding:0}
.badge{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.85rem;background:#eef1f6}
.grade{width:6rem}svg text{font:12px system-ui,Carlito,sans-serif;fill:#1d2430}
@media print{h2{break-before:page}th.sortable:after{content:""}}
"""
# Sorts the class table by a header click: numbers as numbers, text by locale.
_JS = """
document.querySelectorAll("table.sortable th").forEach(function(th,i){th.classList.add("sortable");
th.addEventListener("click",function(){var t=th.closest("table"),b=t.tBodies[0],r=Array.from(b.rows),
d=th.dataset.dir==="a"?-1:1;th.dataset.dir=d>0?"a":"d";r.sort(function(x,y){var a=x.cells[i].dataset.v||
x.cells[i].textContent,c=y.cells[i].dataset.v||y.cells[i].textContent,p=parseFloat(a),q=parseFloat(c);
return d*(isNaN(p)||isNaN(q)?a.localeCompare(c):p-q)});r.forEach(function(e){b.appendChild(e)})})});
"""
_COLOURS = {"ok": "#2e9e4f", "progress": "#e0a526", "empty": "#c9ced8"}
# Messages used inside f-strings below, which the catalog extractor does not look into.
_MESSAGES = (N_("Class review"), N_("Sections that meet the guide, across the class"), N_("{count} submission(s)"),
             N_("Submissions"), N_("Unreadable"), N_("Sections"), N_("Import warnings"), N_("Rubric"),
             N_("Criterion"), N_("Points"), N_("Levels"), N_("Completeness"))


def html_text(report: ClassReport, today: dt.date | None = None) -> str:
    """The whole report as an HTML document (a str)."""
    lang = report.language
    t = translator(lang)
    title = report.rubric.title.text(lang) or t(N_("Class review"))
    counts = report.counts()
    nt = plural_translator(lang)
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{escape(t(N_('Class review')))} — {escape(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(t(N_('Class review')))}</h1>",
           f'<p class="muted">{escape(title)} · {escape(format_date(today or dt.date.today(), lang))} · '
           + escape(nt("{count} submission", "{count} submissions", counts["total"]).format(count=counts["total"]))
           + " · " + escape(t(N_("{reviewed} reviewed, {empty} empty, {unreadable} unreadable")).format(**counts))
           + "</p>"]
    out.append(f"<h2>{escape(t(N_('Sections that meet the guide, across the class')))}</h2>")
    out.append(sections_chart_svg(report))
    out.append(_class_table(report))
    for i, row in enumerate(report.rows):
        out.append(_student(report, i, row))
    out.append(f"<script>{_JS}</script></body></html>\n")
    return "\n".join(out)


def sections_chart_svg(report: ClassReport) -> str:
    """Horizontal stacked bars, one per section: submissions meeting the guide, in progress, empty."""
    from editor.core.guide import section_title

    lang, t = report.language, translator(report.language)
    overview = report.sections_overview()
    readable = max(1, sum(1 for r in report.rows if r.readable))
    label_w, bar_w, bar_h, gap, top = 330, 420, 18, 8, 28
    height = top + len(SECTION_IDS) * (bar_h + gap) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 60}" height="{height}" '
             f'aria-label="{escape(t(N_("Sections that meet the guide, across the class")))}">']
    x = label_w
    for key, label in (("ok", N_("Meets the guide")), ("progress", N_("In progress")), ("empty", N_("Empty"))):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{_COLOURS[key]}"/>'
                     f'<text x="{x + 16}" y="15">{escape(t(label))}</text>')
        x += 24 + 8 * len(t(label))
    for i, sid in enumerate(SECTION_IDS):
        y = top + i * (bar_h + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end">'
                     f"{escape(_shorten(section_title(sid, lang), 48))}</text>")
        x = float(label_w)
        for key in ("ok", "progress", "empty"):
            n = overview[sid][key]
            w = bar_w * n / readable
            if n:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_COLOURS[key]}">'
                             f"<title>{escape(t(N_('{count} submission(s)')).format(count=n))}</title></rect>")
                if w > 18:
                    parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 13}" text-anchor="middle">{n}</text>')
            x += w
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 13}">{overview[sid]["ok"]}/{readable}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _class_table(report: ClassReport) -> str:
    lang, t = report.language, translator(report.language)
    wanted = ("file", "status", "title", "authors", "language", "score", "sections_met", "errors", "warnings",
              "summary_words", "objectives", "risks", "kpis", "data_sources")
    columns = [c for c in report.columns() if c.id in wanted]
    head = "".join(f"<th>{escape(c.header(lang))}</th>" for c in columns)
    body = []
    for i, row in enumerate(report.rows):
        cells = []
        for c, v in zip(columns, report.values(row, columns)):
            text = escape(c.text(v, lang))
            if c.id == "file":
                text = f'<a href="#s{i}">{text}</a>'
            elif c.id == "status":
                text = f'<span class="{escape(row.status)}">{text}</span>'
            numeric = isinstance(v, (int, float))
            sort = f' data-v="{v}"' if numeric else ""
            cells.append(f'<td{" class=n" if numeric else ""}{sort}>{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<h2>{escape(t(N_('Submissions')))}</h2><table class=sortable><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _student(report: ClassReport, index: int, row) -> str:
    from editor.core.guide import section_title

    lang, t = report.language, translator(report.language)
    out = [f'<h2 id="s{index}">{escape(row.name)}</h2>']
    if not row.readable:
        out.append(f'<p class="unreadable">{escape(t(N_("Unreadable")))}: {escape(row.reason)}</p>')
        return "\n".join(out)
    facts = [(N_("Title"), row.title), (N_("Authors"), "; ".join(row.authors)), (N_("Language"), row.language),
             (N_("Summary words"), str(row.summary_words))]
    out.append("<p>" + " · ".join(f"<b>{escape(t(k))}</b>: {escape(v or '—')}" for k, v in facts) + "</p>")
    if row.reason:
        out.append(f'<p class="empty">{escape(row.reason)}</p>')
    c = row.counts
    out.append("<p>" + escape(t(N_(
        "{objectives} objectives · {risks} risks ({risks_mitigated} with a mitigation) · {kpis} KPIs "
        "({kpis_complete} complete) · {data_sources} data sources ({data_sources_licensed} with a licence)"
    )).format(**c)) + "</p>")
    out.append(f"<h3>{escape(t(N_('Sections')))}</h3><ul>")
    section_col = next(col for col in report.columns() if col.kind == SECTION)
    by_section: dict[str, list] = {}
    for f in row.findings:
        by_section.setdefault(f.section, []).append(f)
    for sid in SECTION_IDS:
        status = row.section_statuses[sid]
        out.append(f'<li><span class="{status}">{escape(section_col.text(status, lang))}</span> — '
                   f"{escape(section_title(sid, lang))}")
        if by_section.get(sid):
            sev = {"error": t(N_("error")), "warning": t(N_("warning"))}
            out.append("<ul>" + "".join(f"<li>{escape(sev.get(f.severity, f.severity))}: {escape(f.message)} "
                                        f'<span class="badge">{escape(f.rule)}</span></li>' for f in by_section[sid])
                       + "</ul>")
        out.append("</li>")
    out.append("</ul>")
    if row.warnings:
        out.append(f"<h3>{escape(t(N_('Import warnings')))}</h3><ul>"
                   + "".join(f"<li>{escape(w)}</li>" for w in row.warnings) + "</ul>")
    out.append(_rubric_table(report, row))
    return "\n".join(out)


def _rubric_table(report: ClassReport, row) -> str:
    lang, t = report.language, translator(report.language)
    rows = []
    columns = [c for c in report.rubric_columns()]
    levels = {f"criterion:{c.id}": c.levels for c in report.rubric.criteria}
    for col, value in zip(columns, report.values(row, columns)):
        if col.kind != GRADE:
            continue
        scale = ""
        if col.id in levels:
            scale = " · ".join(f"{escape(lv.label.text(lang))} {format_number(lv.points, lang)}" for lv in levels[col.id])
        shown = "" if value is None else format_number(round(value, 2), lang)
        rows.append(f"<tr><td>{escape(col.header(lang))}</td><td class='n grade'>{shown}</td>"
                    f"<td class=muted>{scale}</td></tr>")
    explain = escape(report.explain(row))
    return (f"<h3>{escape(t(N_('Rubric')))}</h3><table><thead><tr><th>{escape(t(N_('Criterion')))}</th>"
            f"<th>{escape(t(N_('Points')))}</th><th>{escape(t(N_('Levels')))}</th></tr></thead><tbody>"
            + "".join(rows) + f"</tbody></table><p class=muted>{escape(t(N_('Completeness')))}: {explain}</p>")


def write_html(report: ClassReport, path: str | os.PathLike) -> None:
    """Write the HTML report atomically; StorageError when it cannot be written."""
    from editor.core.storage import atomic_write_bytes

    atomic_write_bytes(path, html_text(report).encode("utf-8"))
