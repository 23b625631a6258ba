"""A sample proposal in French or English, shared by the HTML, DOCX and PDF tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.model import (
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

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "core"

_FR = {
    "title": "Du notebook à la production : déploiement continu et suivi de dérive d'un modèle de churn",
    "summary": (
        "Ce projet industrialise un modèle de **prédiction d'attrition** déjà entraîné. "
        "L'équipe *data* livre aujourd'hui un notebook ; nous voulons un pipeline reproductible, "
        "testé et surveillé.\n\n"
        "Les résultats attendus sont un déploiement en moins d'une journée et une alerte "
        "de dérive en moins d'une heure 🚀."
    ),
    "context": (
        "L'entreprise met **21 jours** à déployer un modèle.\n\n"
        "## Problèmes actuels\n\n"
        "- Aucune gestion de versions des données\n"
        "- Déploiement manuel\n"
        "    - copie de fichiers `.pkl`\n"
        "    - redémarrage à la main\n"
        "- Pas de surveillance\n\n"
        "> « Le modèle a dérivé pendant trois mois sans que personne ne s'en aperçoive. »\n\n"
        "Voir la [documentation MLflow](https://mlflow.org/docs/latest/index.html) pour le registre."
    ),
    "objectives": "Les objectifs suivants sont mesurés par les KPI de la section 8.",
    "architecture": (
        "Le pipeline suit trois étapes :\n\n"
        "1. Ingestion avec DVC\n"
        "2. Entraînement suivi dans MLflow\n"
        "3. Déploiement par GitHub Actions\n\n"
        "Une seconde liste recommence sa numérotation :\n\n"
        "1. Construire l'image Docker\n"
        "2. Déployer sur Kubernetes\n\n"
        "```yaml\n"
        "steps:\n"
        "  - run: dvc repro\n"
        "  - run: pytest -q\n"
        "```"
    ),
    "resources": "Le dépôt de la preuve de concept contient le pipeline complet.",
    "risks": "Les risques sont notés de 1 à 5 en probabilité et en impact.",
    "kpis": "Les indicateurs suivent les quatre métriques DORA adaptées au ML.",
    "catalog": (
        "Le projet couvre **cinq des six piliers** MLOps et convient à une promotion de niveau "
        "intermédiaire. Il réutilise des outils libres : Git, DVC, MLflow, Docker."
    ),
    "conclusion": "Ce projet rend le modèle de churn fiable, traçable et maintenable.",
}

_EN = {
    "title": "From notebook to production: continuous deployment and drift monitoring for a churn model",
    "summary": (
        "This project industrialises an already trained **churn prediction** model. "
        "The *data* team ships a notebook today; we want a reproducible, tested and monitored pipeline.\n\n"
        "Expected results are deployment in under a day and a drift alert within one hour 🚀."
    ),
    "context": (
        "The company needs **21 days** to deploy a model.\n\n"
        "## Current problems\n\n"
        "- No data versioning\n"
        "- Manual deployment\n"
        "    - copying `.pkl` files\n"
        "    - restarting by hand\n"
        "- No monitoring\n\n"
        "> “The model drifted for three months before anyone noticed.”\n\n"
        "See the [MLflow documentation](https://mlflow.org/docs/latest/index.html) for the registry."
    ),
    "objectives": "The following objectives are measured by the KPIs of section 8.",
    "architecture": (
        "The pipeline has three stages:\n\n"
        "1. Ingestion with DVC\n"
        "2. Training tracked in MLflow\n"
        "3. Deployment by GitHub Actions\n\n"
        "A second list restarts its numbering:\n\n"
        "1. Build the Docker image\n"
        "2. Deploy on Kubernetes\n\n"
        "```yaml\n"
        "steps:\n"
        "  - run: dvc repro\n"
        "  - run: pytest -q\n"
        "```"
    ),
    "resources": "The proof-of-concept repository holds the whole pipeline.",
    "risks": "Risks are rated 1 to 5 for likelihood and impact.",
    "kpis": "The indicators follow the four DORA metrics adapted to ML.",
    "catalog": (
        "The project covers **five of the six MLOps pillars** and suits an intermediate class. "
        "It reuses open tools: Git, DVC, MLflow, Docker."
    ),
    "conclusion": "This project makes the churn model reliable, traceable and maintainable.",
}

_RISKS = {
    "fr": [
        ("Résistance au changement des équipes", "organisational", 3, 4,
         "Former les équipes et impliquer un référent métier", "Chef de projet", "open"),
        ("Dérive des données clients", "data", 4, 4, "Surveillance Evidently avec alerte", "Data engineer", "monitoring"),
        ("Fuite d'un secret dans le dépôt", "security", 2, 5, "Gitleaks en CI et coffre à secrets", "DevOps", "mitigated"),
        ("Dépassement du budget cloud", "cost", 2, 2, "Alertes de budget mensuelles", "Chef de projet", "open"),
        ("Dépendance à une seule personne", "operational", 3, 3, "", "", ""),
    ],
    "en": [
        ("Teams resist the change", "organisational", 3, 4,
         "Train the teams and involve a business referent", "Project lead", "open"),
        ("Customer data drift", "data", 4, 4, "Evidently monitoring with alerts", "Data engineer", "monitoring"),
        ("A secret leaks into the repository", "security", 2, 5, "Gitleaks in CI and a secret vault", "DevOps", "mitigated"),
        ("Cloud budget overrun", "cost", 2, 2, "Monthly budget alerts", "Project lead", "open"),
        ("Single person dependency", "operational", 3, 3, "", "", ""),
    ],
}

_KPIS = {
    "fr": [
        ("Temps de déploiement d'un modèle", "delivery", 21, 1, "jours", "2027-06-30", "Horodatage GitHub Actions"),
        ("Taux d'automatisation du pipeline", "automation", 20, 90, "%", "2027-03-31", "Étapes automatisées / total"),
        ("Temps moyen de détection d'une dérive", "monitoring", 72, 1, "heures", "2027-04-30", "Alertes Evidently"),
        ("Fréquence des mises à jour réussies", "delivery", 0.5, 4, "par mois", "2027-06-30", "Registre MLflow"),
    ],
    "en": [
        ("Model deployment time", "delivery", 21, 1, "days", "2027-06-30", "GitHub Actions timestamps"),
        ("Pipeline automation rate", "automation", 20, 90, "%", "2027-03-31", "Automated steps / total"),
        ("Mean time to detect drift", "monitoring", 72, 1, "hours", "2027-04-30", "Evidently alerts"),
        ("Successful update frequency", "delivery", 0.5, 4, "per month", "2027-06-30", "MLflow registry"),
    ],
}

_OBJECTIVES = {
    "fr": [
        ("Réduire le temps de déploiement de 21 jours à 1 jour", ["K1"]),
        ("Automatiser 90 % du pipeline d'entraînement", ["K2"]),
        ("Détecter une dérive en moins d'une heure", ["K3", "K4"]),
    ],
    "en": [
        ("Cut deployment time from 21 days to 1 day", ["K1"]),
        ("Automate 90% of the training pipeline", ["K2"]),
        ("Detect drift within one hour", ["K3", "K4"]),
    ],
}


def sample_proposal(language: str = "fr") -> Proposal:
    """A complete proposal with every kind of content the exports must carry."""
    texts = _FR if language == "fr" else _EN
    risks = [
        Risk(id=f"R{i}", description=d, category=c, likelihood=lk, impact=im, mitigation=m, owner=o, status=s)
        for i, (d, c, lk, im, m, o, s) in enumerate(_RISKS[language], start=1)
    ]
    kpis = [
        Kpi(id=f"K{i}", name=n, category=c, baseline=b, target=t, unit=u,
            deadline=dt.date.fromisoformat(d), measurement=m)
        for i, (n, c, b, t, u, d, m) in enumerate(_KPIS[language], start=1)
    ]
    kpis[0].milestones = [Milestone(date=dt.date(2027, 1, 31), value=7.5)]
    stamp = dt.datetime(2026, 11, 26, 10, 30, tzinfo=dt.timezone.utc)
    return Proposal(
        metadata=Metadata(
            title=texts["title"].split(":")[0].strip(),
            authors=["Chloé Lefèvre", "Zoë O'Brien"],
            language=language,
            created=stamp,
            updated=stamp,
        ),
        sections=dict(texts),
        objectives=[Objective(text=t, kpi_ids=ids) for t, ids in _OBJECTIVES[language]],
        risks=risks,
        kpis=kpis,
        data_sources=[
            DataSource(name="Telco Customer Churn", url="https://www.kaggle.com/datasets/blastchar/telco-customer-churn",
                       licence="CC BY 4.0"),
            DataSource(name="Synthetic events", url="", licence="MIT"),
        ],
        poc_url="https://github.com/example/churn-mlops",
        resources=[
            Resource(title="MLOps: Continuous delivery and automation pipelines",
                     url="https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning"),
            Resource(title="Made With ML", url="https://madewithml.com/"),
        ],
        diagram=Diagram(path="architecture.png",
                        caption="Architecture cible" if language == "fr" else "Target architecture"),
    )


def tiny_png(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (40, 90, 160)) -> bytes:
    """A valid solid-colour PNG, built without Qt."""
    import struct
    import zlib

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sample_is_its_reference_file(tmp_path, lang):
    """tests/reference/core/sample_{fr,en}.md hold the sample as a proposal file on disk (checked
    by hand, field by field): the Markdown reader gives exactly the sample, the writer writes
    that file, and the sample's DOCX, read from its visible body, gives the same proposal."""
    from editor.core.formats.docx import build_docx
    from editor.core.formats.docx_read import read_docx_bytes
    from editor.core.formats.markdown import load_markdown, write_markdown
    from tests.core.formats.test_docx import _stored_copy_disowned

    path = REFERENCE / f"sample_{lang}.md"
    result = load_markdown(path)
    assert result.warnings == []
    assert result.proposal == sample_proposal(lang)
    assert write_markdown(sample_proposal(lang)) == path.read_text(encoding="utf-8")
    (tmp_path / "architecture.png").write_bytes(tiny_png(400, 200))
    data, warnings = build_docx(sample_proposal(lang), base_dir=tmp_path)
    assert warnings == []
    read = read_docx_bytes(_stored_copy_disowned(data)).proposal
    assert read.media == {"architecture.png": tiny_png(400, 200)}
    assert read.model_copy(update={"media": {}}) == result.proposal

