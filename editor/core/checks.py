"""The guide check: the guide's measurable rules applied to a proposal.

``check(proposal, language)`` returns findings with stable rule ids, a
severity (``error`` or ``warning``), the section they concern and a message
in ``language``. Section prompts written as HTML comments (``<!-- ... -->``,
as ``proposal-editor new`` writes them) count as empty.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from editor.core.guide import load_guide
from editor.core.model import SECTION_IDS, Proposal
from editor.i18n import N_, plural_translator, translator

ERROR, WARNING = "error", "warning"

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# No "[" inside the brackets, no line break and at most one level of "(...)" in the target:
# each try stops at the next "[" or "(", so 10 MB of "[[[[" or "![a](" cost one pass, not hours.
_TARGET = r"\((?:[^()\n]++|\([^()\n]*+\))*+\)"
_IMAGE = re.compile(r"!\[([^\]\[]*+)\]" + _TARGET)
_LINK = re.compile(r"\[([^\]\[]*+)\]" + _TARGET)
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+", re.MULTILINE)
_SEPARATORS = re.compile(r"[\s\u2013\u2014|]+")
_HAS_WORD = re.compile(r"[^\W_]")
_REPO_URL = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/\S+", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[[^\]\[]*+\]" + _TARGET + r"|<img\s", re.IGNORECASE)
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Location:
    """Where in a section a finding points, for a click to go there and a comment to be anchored.

    ``kind`` is ``text`` (the section's prose), ``objective``, ``risk``, ``kpi``, ``data_source``,
    ``resource`` or ``diagram``; ``item`` the row's id (``R3``, ``K2``) or 1-based number
    (objectives, data sources, resources); ``field`` the model field (``mitigation``, ``unit``);
    ``start``/``end`` a character span in that text, when the finding names words of it.
    """

    kind: str
    item: str = ""
    field: str = ""
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


@dataclass(frozen=True)
class Finding:
    """One place where the proposal does not meet the guide."""

    rule: str
    severity: str
    section: str
    message: str
    location: Location | None = None

    def as_dict(self) -> dict:
        out = {"rule": self.rule, "severity": self.severity, "section": self.section, "message": self.message}
        if self.location is not None:
            out["location"] = self.location.as_dict()
        return out


def meaningful_text(markdown: str) -> str:
    """The text without prompt comments and surrounding blank space."""
    return _COMMENT.sub("", markdown).strip()


def count_words(markdown: str) -> int:
    """Words as a word processor counts them in the rendered text.

    Words are separated by white space and en/em dashes; ``l'équipe`` and
    ``temps-réel`` are one word each; a token without a letter or digit
    (a lone dash, a bullet) is not a word. Markdown syntax is not counted.
    """
    text = _COMMENT.sub(" ", markdown)
    text = _IMAGE.sub(r" \1 ", text)
    text = _LINK.sub(r" \1 ", text)
    text = _LINE_MARK.sub(" ", text)
    return sum(1 for token in _SEPARATORS.split(text) if _HAS_WORD.search(token))


def _section_filled(p: Proposal, sid: str) -> bool:
    if meaningful_text(p.sections[sid]):
        return True
    return {
        "title": bool(p.metadata.title.strip()),
        "objectives": bool(p.objectives),
        "architecture": bool(p.diagram.path or p.architecture.components),
        "resources": bool(p.poc_url or p.data_sources or p.resources),
        "risks": bool(p.risks),
        "kpis": bool(p.kpis),
    }.get(sid, False)


def check(proposal: Proposal, language: str | None = None, spelling: bool = True) -> list[Finding]:
    """All findings for ``proposal``, messages in ``language`` (default: the document's);
    ``spelling=False`` leaves the spelling rule out (the app with spell checking switched off)."""
    lang = language or proposal.metadata.language
    t, nt = translator(lang), plural_translator(lang)
    guide = load_guide(lang)
    findings: list[Finding] = []

    def add(rule: str, severity: str, section: str, message: str, location: Location | None = None, **values) -> None:
        findings.append(Finding(rule, severity, section, t(message).format(**values), location))

    for sid in SECTION_IDS:
        if not _section_filled(proposal, sid):
            add("section-empty", ERROR, sid, N_("Section “{title}” is empty."), title=guide.section(sid).title)

    words_range = guide.section("summary").words
    summary = meaningful_text(proposal.sections["summary"])
    if summary and words_range:
        n = count_words(summary)
        if not words_range.min <= n <= words_range.max:
            text = t("The summary has no words; the guide asks for {min}-{max}.") if n == 0 else nt(
                "The summary has {count} word; the guide asks for {min}-{max}.",
                "The summary has {count} words; the guide asks for {min}-{max}.", n)
            findings.append(Finding("summary-length", ERROR, "summary",
                                    text.format(count=n, min=words_range.min, max=words_range.max), Location("text")))

    from editor.core.text_checks import objectives_count, text_findings

    counted = objectives_count(proposal, lang, guide.section("objectives").count, _section_filled(proposal, "objectives"))
    findings += [counted] if counted else []
    for i, obj in enumerate(proposal.objectives, 1):
        linked = [proposal.kpi(k) for k in obj.kpi_ids]
        if not _NUMBER.search(obj.text) and not any(k is not None and k.is_complete for k in linked):
            add("objective-not-measurable", WARNING, "objectives",
                N_("Objective {number} has no figure and no complete linked KPI: make it measurable."),
                Location("objective", str(i), "text"), number=i)
        unknown = [k for k, kpi in zip(obj.kpi_ids, linked) if kpi is None]
        if unknown:
            text = nt("Objective {number} is linked to {ids}, which is not in section 8's KPI table.",
                      "Objective {number} is linked to {ids}, which are not in section 8's KPI table.", len(unknown))
            findings.append(Finding("objective-unknown-kpi", WARNING, "objectives",
                                    text.format(number=i, ids=", ".join(unknown)), Location("objective", str(i), "kpi_ids")))

    for risk in proposal.risks:
        if not meaningful_text(risk.mitigation):
            add("risk-missing-mitigation", ERROR, "risks", N_("Risk {id} has no mitigation strategy."),
                Location("risk", risk.id, "mitigation"), id=risk.id)

    for kpi in proposal.kpis:
        # A missing unit is the kpi-unit-missing warning (a count needs none).
        missing = [(field, t(label)) for field, label, value in (
            ("baseline", N_("baseline"), kpi.baseline), ("target", N_("target"), kpi.target),
            ("deadline", N_("deadline"), kpi.deadline)) if value is None]
        if missing:
            add("kpi-incomplete", ERROR, "kpis", N_("KPI {id} ({name}) lacks: {missing}."),
                Location("kpi", kpi.id, missing[0][0]), id=kpi.id, name=kpi.name or "?",
                missing=", ".join(text for _field, text in missing))

    resources_text = proposal.sections["resources"]
    if not (_REPO_URL.match(proposal.poc_url) or _REPO_URL.search(resources_text)):
        add("poc-link-missing", ERROR, "resources", N_("Section 6 has no link to the project's repository (GitHub POC)."),
            Location("resource", field="poc_url"))
    for i, source in enumerate(proposal.data_sources, 1):
        if not source.licence.strip():
            add("data-source-licence-missing", ERROR, "resources",
                N_("Data source “{name}” has no licence: the guide asks for free and open data."),
                Location("data_source", str(i), "licence"), name=source.name or "?")

    findings += text_findings(proposal, lang, counted is not None and counted.location.kind == "text")
    if not (proposal.diagram.path or proposal.architecture.components) and not _MD_IMAGE.search(proposal.sections["architecture"]):
        add("architecture-diagram-missing", WARNING, "architecture", N_("Section 5 has no architecture diagram."),
            Location("diagram"))
    from editor.core.architecture.pillar_check import pillar_findings  # loads the tool catalogue when first run

    findings += pillar_findings(proposal, lang)
    from editor.core.implied_rules import implied_findings

    findings += implied_findings(proposal, t)
    if spelling:
        from editor.core.spelling_rule import spelling_findings

        findings += spelling_findings(proposal, t, nt)
    from editor.core.import_report import import_findings

    findings += import_findings(proposal, lang)  # what the opened file held that could not be taken
    # In the guide's order, errors before warnings within a section (the CLI, JSON and review panel read them so).
    order = {sid: i for i, sid in enumerate(SECTION_IDS)}
    findings.sort(key=lambda f: (order.get(f.section, len(order)), f.severity != ERROR))
    return findings


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def section_status(proposal: Proposal, section_id: str, findings: list[Finding] | None = None) -> str:
    """``empty``, ``progress`` or ``ok`` (the section meets the guide: no error finding)."""
    if not _section_filled(proposal, section_id):
        return "empty"
    found = check(proposal) if findings is None else findings
    return "progress" if any(f.section == section_id and f.severity == ERROR for f in found) else "ok"


def sections_meeting_guide(proposal: Proposal, findings: list[Finding] | None = None) -> int:
    """How many of the ten sections meet the guide."""
    found = check(proposal) if findings is None else findings
    return sum(section_status(proposal, sid, found) == "ok" for sid in SECTION_IDS)
