"""A large, realistic proposal for the benchmarks: 20,000 words, 100 risks, 50 KPIs."""

from __future__ import annotations

import datetime as dt
import random

from editor.core.model import SECTION_IDS, DataSource, Kpi, Milestone, Objective, Proposal, Risk

_WORDS = (
    "le modèle est déployé automatiquement par un pipeline d'intégration continue qui teste les données "
    "the model is deployed automatically by a continuous integration pipeline that tests data and code "
    "drift monitoring alerts the team when the input distribution moves versioning with DVC and MLflow"
).split()


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def large_proposal(words: int = 20_000, risks: int = 100, kpis: int = 50, seed: int = 7) -> Proposal:
    rng = random.Random(seed)
    per_section = words // len(SECTION_IDS)
    sections = {}
    for sid in SECTION_IDS:
        paras = [paragraph(rng, 100) for _ in range(per_section // 100)]
        sections[sid] = "\n\n".join(paras)
    today = dt.date(2026, 11, 26)
    return Proposal(
        metadata={"title": "Large benchmark proposal", "authors": ["Bench Mark"], "language": "fr"},
        sections=sections,
        objectives=[Objective(text=f"Objectif {i}: réduire de {10 * i} %", kpi_ids=[f"K{i}"]) for i in range(1, 6)],
        risks=[Risk(id=f"R{i}", description=paragraph(rng, 15), category=rng.choice(["technical", "data", "cost"]),
                    likelihood=rng.randint(1, 5), impact=rng.randint(1, 5), mitigation=paragraph(rng, 20),
                    owner="Équipe MLOps", status="open") for i in range(1, risks + 1)],
        kpis=[Kpi(id=f"K{i}", name=f"Indicateur {i}", category="delivery", baseline=float(rng.randint(20, 100)),
                  target=float(rng.randint(1, 19)), unit="jours", deadline=today + dt.timedelta(days=30 * (i % 12 + 1)),
                  measurement="GitHub Actions", milestones=[Milestone(date=today + dt.timedelta(days=20), value=15.0)])
              for i in range(1, kpis + 1)],
        data_sources=[DataSource(name="Telco churn", url="https://example.org/data", licence="CC0-1.0")],
        poc_url="https://github.com/example/bench",
    )
