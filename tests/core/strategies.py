"""Hypothesis strategies for arbitrary valid proposals."""

import datetime as dt

from hypothesis import strategies as st

from editor.core.model import (
    COMMENT_KINDS,
    RISK_CATEGORIES,
    RISK_STATUSES,
    SECTION_IDS,
    Comment,
    CommentAnchor,
    DataSource,
    Diagram,
    Kpi,
    Metadata,
    Milestone,
    Objective,
    Proposal,
    Resource,
    Risk,
)

# Text with the characters that break naive Markdown writers.
_tricky = st.sampled_from(
    ["|", "\\", "\n", "#", "## 3. Contexte", "# Summary", "<!-- proposal:risks -->", "<br>", "<", ">", "&", "&#32;",
     "`", "```", "~~~", "*", "_", "[", "]", "(", ")", "!", "-", "1. ", "> ", "  ", "\t", "é", "œ", "🚀", "\u202e",
     "مرحبا", "\x0b", "\x01", "\x7f", "\u2028", "\ufeff", "---", "...", ":", "'", '"', "\\|", "<!--", "-->"]
)
text = st.lists(st.one_of(_tricky, st.text(max_size=8)), max_size=12).map("".join)
line = text.map(lambda s: " ".join(s.replace("\r", "\n").split("\n")))
ids = st.from_regex(r"\A[A-Za-z0-9_.-]{1,8}\Z")
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
datetimes = st.one_of(
    st.none(),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.timezone.utc)),
)
extra_cols = st.dictionaries(st.sampled_from(["Notes", "Commentaire", "Source"]), text, max_size=2)


@st.composite
def risks(draw):
    n = draw(st.integers(0, 4))
    rid = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    return [
        Risk(id=i, description=draw(text), category=draw(st.one_of(st.sampled_from(RISK_CATEGORIES), st.just(""))),
             likelihood=draw(st.one_of(st.none(), st.integers(1, 5))), impact=draw(st.one_of(st.none(), st.integers(1, 5))),
             mitigation=draw(text), owner=draw(text), status=draw(st.one_of(st.sampled_from(RISK_STATUSES), st.just(""))),
             extra=draw(extra_cols))
        for i in rid
    ]


@st.composite
def kpis(draw):
    n = draw(st.integers(0, 3))
    kid = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    return [
        Kpi(id=i, name=draw(text), category=draw(text), baseline=draw(st.one_of(st.none(), finite)),
            target=draw(st.one_of(st.none(), finite)), unit=draw(text),
            direction=draw(st.sampled_from([None, "lower", "higher"])), deadline=draw(st.one_of(st.none(), dates)),
            measurement=draw(text), milestones=draw(st.lists(st.builds(Milestone, date=dates, value=finite), max_size=3)),
            extra=draw(extra_cols))
        for i in kid
    ]


@st.composite
def comments(draw):
    n = draw(st.integers(0, 3))
    out = []
    for i in range(1, n + 1):
        kind = draw(st.sampled_from(COMMENT_KINDS))
        anchor = CommentAnchor(section=draw(st.sampled_from(("",) + SECTION_IDS)), kind=kind,
                               item=draw(st.sampled_from(["", "R1", "2"])), field=draw(st.sampled_from(["", "mitigation"])),
                               quote=draw(text))
        out.append(Comment(id=f"C{i}", author=draw(line), initials=draw(line), date=draw(datetimes), text=draw(text),
                           resolved=draw(st.booleans()), reply_to=draw(st.sampled_from(["", *(f"C{j}" for j in range(1, i))])),
                           anchor=anchor))
    return out


@st.composite
def proposals(draw):
    k = draw(kpis())
    kpi_ids = [x.id for x in k]
    return Proposal(
        metadata=Metadata(title=draw(line), authors=draw(st.lists(line, max_size=3)), language=draw(st.sampled_from(["fr", "en"])),
                          created=draw(datetimes), updated=draw(datetimes)),
        sections={sid: draw(text) for sid in SECTION_IDS},
        objectives=[Objective(text=draw(text), kpi_ids=draw(st.lists(st.sampled_from(kpi_ids), max_size=2)) if kpi_ids else [])
                    for _ in range(draw(st.integers(0, 5)))],
        risks=draw(risks()),
        kpis=k,
        data_sources=[DataSource(name=draw(text), url=draw(text), licence=draw(text)) for _ in range(draw(st.integers(0, 2)))],
        poc_url=draw(line),
        resources=[Resource(title=draw(text), url=draw(text)) for _ in range(draw(st.integers(0, 2)))],
        diagram=Diagram(path=draw(line), caption=draw(text)),
        unmapped=draw(text),
        comments=draw(comments()),
    )
