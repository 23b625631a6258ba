"""The example proposal, in French and English: complete, sound, and passing the
guide check, so a student sees what good looks like.

``example_proposal(language)`` builds it as a ``Proposal``; the shipped files
``resources/examples/{fr,en}.md`` are written from it by ``write_examples()``
(run ``python -m editor.core.example``), so the code and the files never drift.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from editor.core.architecture.catalogue import load_catalogue
from editor.core.architecture.graph import Architecture, Component, Link
from editor.core.model import DataSource, Kpi, Metadata, Milestone, Objective, Proposal, Resource, Risk

_STAMP = dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.timezone.utc)

_TEXT = {
    "en": {
        "title_meta": "ChurnOps: from a notebook to a monitored, continuously deployed churn model",
        "authors": ["Camille Martin", "Yanis Benali"],
        "title": "ChurnOps: versioned data, automated retraining and drift monitoring for a telecom churn model.",
        "summary": (
            "A regional telecom operator predicts which subscribers are about to leave with a gradient-boosting "
            "model that two data scientists built in a Jupyter notebook. The model works, but everything around it "
            "is manual: the training data is an untracked CSV export, retraining happens on a laptop once a quarter, "
            "and each release takes about three weeks of hand-offs before the scores reach the customer-care tools. "
            "Nobody notices when the data changes, so the model silently degrades between releases.\n\n"
            "This project applies MLOps practices to that existing model rather than building a new one. We will "
            "version code and data with Git and DVC, track experiments and register models in MLflow, test and "
            "package the model automatically with GitHub Actions and Docker, serve it behind a FastAPI service, "
            "and monitor prediction drift with Evidently and Prometheus alerts.\n\n"
            "The expected impact is a release in one day instead of twenty-one, retraining that anyone on the team "
            "can reproduce from a commit, and drift detected within a day. The pipeline is built on a public data "
            "set, so other learners can reuse it as a complete, realistic MLOps case."
        ),
        "context": (
            "The existing model is a gradient-boosting classifier that scores each subscriber's risk of leaving "
            "from usage, billing and support-call features. Its accuracy is good enough for the business; the "
            "problems are in its lifecycle.\n\n"
            "Current challenges:\n\n"
            "- **Reproducibility**: the training data is a CSV export nobody can find again, and two runs of the "
            "notebook give different scores.\n"
            "- **Updating and versioning**: models are files named `model_final_v3.pkl` on a shared drive.\n"
            "- **Deployment**: a release means copying the file to a server by hand, three weeks of hand-offs.\n"
            "- **Monitoring**: nobody measures drift; degradation is noticed months later in business reports.\n"
            "- **Team collaboration**: the notebook lives on one laptop; a second data scientist cannot contribute safely.\n\n"
            "An MLOps approach is needed because the model is retrained more often as offers change, the team is "
            "growing, and customer-care agents now rely on its scores every day."
        ),
        "objectives": (
            "The objectives below are specific and measurable; each one is tracked by a KPI of section 8."
        ),
        "objective_list": [
            ("Reduce model deployment time from 21 days to 1 day by March 2027", ["K1"]),
            ("Automate 90% of the testing and deployment pipeline (from 10% today)", ["K2"]),
            ("Detect data and prediction drift within 24 hours with an automatic alert", ["K3"]),
            ("Make every training run reproducible from a Git commit and a DVC data version (100% of runs)", []),
        ],
        "architecture": (
            "The architecture follows the model from a commit to production:\n\n"
            "1. **Versioning**: code in Git (GitHub), data and model artefacts in DVC with an S3-compatible remote.\n"
            "2. **CI/CD**: GitHub Actions runs data validation (Great Expectations), unit tests and a model-quality "
            "gate, then builds a Docker image.\n"
            "3. **Tracking and registry**: MLflow records every experiment and promotes models from *staging* to *production*.\n"
            "4. **Serving**: a FastAPI service in Docker, deployed on a small Kubernetes cluster (k3s) with rolling updates.\n"
            "5. **Monitoring**: Evidently computes drift reports every night; Prometheus and Grafana show latency, "
            "errors and drift scores and raise alerts."
        ),
        "resources": (
            "The POC repository already contains the notebook, a first DVC pipeline and the CI skeleton. "
            "All data used is public and openly licensed."
        ),
        "risks": "Each risk has an owner and a mitigation; scores are likelihood × impact on a 1-5 scale.",
        "kpis": "Each KPI has a baseline measured today, a target and a deadline.",
        "catalog": (
            "The project covers the MLOps skills the catalog looks for: data and code versioning, CI/CD for models, "
            "containerised serving, orchestration, monitoring and drift alerts, and governance through the model registry.\n\n"
            "It applies to any tabular model in other industries (credit scoring, predictive maintenance, demand "
            "forecasting) by changing only the data and the training step. It can grow with a feature store, "
            "A/B testing of models or automatic retraining triggered by drift, which makes it a good base for "
            "follow-up projects."
        ),
        "conclusion": (
            "ChurnOps turns a fragile notebook into a dependable service: versioned data, automated tests and "
            "deployment, and drift monitoring make releases fast and safe. The MLOps approach is what lets the "
            "team keep the model useful as the business changes, and the public data set makes the project a "
            "complete case other learners can reuse."
        ),
        "risk_rows": [
            ("Resistance to change from teams used to the notebook workflow", "organisational", 3, 3,
             "Training plan and a demonstration of short-term benefits (first automated release in week 4)", "Project lead", "open"),
            ("Data drift after a new commercial offer changes customer behaviour", "data", 4, 4,
             "Nightly Evidently drift report, alert above threshold, retraining pipeline ready to run", "Data scientist", "monitoring"),
            ("Secrets (cloud keys) leaked in the repository", "security", 2, 5,
             "GitHub secret scanning, secrets only in the CI vault, key rotation every 90 days", "DevOps engineer", "open"),
            ("Cloud cost overrun from oversized training jobs", "cost", 2, 3,
             "Budget alerts, spot instances for training, monthly cost review", "Project lead", "open"),
        ],
        "kpi_rows": [
            ("Model deployment time", "delivery", 21, 1, "days", "lower", dt.date(2027, 3, 31), "Time from merge to production, from GitHub Actions logs"),
            ("Pipeline automation rate", "automation", 10, 90, "%", "higher", dt.date(2027, 3, 31), "Share of release steps run by CI without manual action"),
            ("Mean time to detect drift", "reliability", 90, 1, "days", "lower", dt.date(2027, 6, 30), "Time between a drift and its alert, from Prometheus alert history"),
        ],
        "sources": [
            ("Telco Customer Churn (IBM sample data)", "https://github.com/IBM/telco-customer-churn-on-icp4d", "Apache-2.0"),
        ],
        "resource_rows": [
            ("DVC: Get started", "https://dvc.org/doc/start"),
            ("MLflow Model Registry", "https://mlflow.org/docs/latest/model-registry.html"),
            ("Evidently: data drift", "https://docs.evidentlyai.com/"),
        ],
    },
    "fr": {
        "title_meta": "ChurnOps : d'un notebook à un modèle de churn déployé en continu et surveillé",
        "authors": ["Camille Martin", "Yanis Benali"],
        "title": "ChurnOps : données versionnées, réentraînement automatisé et surveillance du drift pour un modèle de churn télécom.",
        "summary": (
            "Un opérateur télécom régional prédit quels abonnés risquent de partir grâce à un modèle de gradient "
            "boosting que deux data scientists ont construit dans un notebook Jupyter. Le modèle fonctionne, mais "
            "tout ce qui l'entoure est manuel : les données d'entraînement sont un export CSV non suivi, le "
            "réentraînement se fait sur un ordinateur portable une fois par trimestre et chaque mise en production "
            "demande environ trois semaines d'allers-retours avant que les scores n'arrivent dans les outils du "
            "service client. Personne ne remarque quand les données changent : le modèle se dégrade sans bruit.\n\n"
            "Ce projet applique les pratiques MLOps à ce modèle existant au lieu d'en construire un nouveau. Nous "
            "versionnerons le code et les données avec Git et DVC, suivrons les expériences et enregistrerons les "
            "modèles dans MLflow, testerons et empaquetterons le modèle automatiquement avec GitHub Actions et "
            "Docker, le servirons derrière une API FastAPI et surveillerons le drift avec Evidently et Prometheus.\n\n"
            "L'impact attendu : une mise en production en un jour au lieu de vingt et un, un réentraînement "
            "reproductible par toute l'équipe et un drift détecté en moins d'une journée."
        ),
        "context": (
            "Le modèle existant est un classifieur de gradient boosting qui estime le risque de départ de chaque "
            "abonné à partir de l'usage, de la facturation et des appels au support. Sa précision suffit au métier ; "
            "les problèmes sont dans son cycle de vie.\n\n"
            "Défis actuels :\n\n"
            "- **Reproductibilité** : les données d'entraînement sont un export CSV introuvable, et deux exécutions "
            "du notebook donnent des scores différents.\n"
            "- **Mise à jour et versioning** : les modèles sont des fichiers `model_final_v3.pkl` sur un disque partagé.\n"
            "- **Déploiement** : une mise en production, c'est une copie manuelle sur un serveur et trois semaines d'allers-retours.\n"
            "- **Monitoring** : personne ne mesure le drift ; la dégradation se voit des mois plus tard dans les rapports.\n"
            "- **Collaboration** : le notebook vit sur un seul portable ; une deuxième personne ne peut pas contribuer sans risque.\n\n"
            "Une approche MLOps est nécessaire car le modèle doit être réentraîné plus souvent à mesure que les "
            "offres changent, l'équipe s'agrandit et les conseillers s'appuient chaque jour sur ses scores."
        ),
        "objectives": "Les objectifs ci-dessous sont précis et mesurables ; chacun est suivi par un KPI de la section 8.",
        "objective_list": [
            ("Réduire le temps de déploiement du modèle de 21 jours à 1 jour d'ici mars 2027", ["K1"]),
            ("Automatiser 90 % du pipeline de test et de déploiement (10 % aujourd'hui)", ["K2"]),
            ("Détecter le drift des données et des prédictions en moins de 24 heures avec une alerte automatique", ["K3"]),
            ("Rendre chaque entraînement reproductible à partir d'un commit Git et d'une version DVC des données (100 % des exécutions)", []),
        ],
        "architecture": (
            "L'architecture suit le modèle du commit à la production :\n\n"
            "1. **Versioning** : le code dans Git (GitHub), les données et les artefacts dans DVC avec un stockage compatible S3.\n"
            "2. **CI/CD** : GitHub Actions valide les données (Great Expectations), lance les tests unitaires et un "
            "contrôle de qualité du modèle, puis construit une image Docker.\n"
            "3. **Suivi et registre** : MLflow enregistre chaque expérience et promeut les modèles de *staging* à *production*.\n"
            "4. **Service** : une API FastAPI dans Docker, déployée sur un petit cluster Kubernetes (k3s) avec mises à jour progressives.\n"
            "5. **Monitoring** : Evidently calcule chaque nuit un rapport de drift ; Prometheus et Grafana suivent la "
            "latence, les erreurs et le drift, et déclenchent des alertes."
        ),
        "resources": (
            "Le dépôt du POC contient déjà le notebook, un premier pipeline DVC et le squelette de la CI. "
            "Toutes les données utilisées sont publiques et sous licence ouverte."
        ),
        "risks": "Chaque risque a un responsable et une stratégie de mitigation ; le score vaut probabilité × impact sur une échelle de 1 à 5.",
        "kpis": "Chaque KPI a une valeur de départ mesurée aujourd'hui, une cible et une échéance.",
        "catalog": (
            "Le projet couvre les compétences MLOps recherchées pour le catalogue : versioning du code et des "
            "données, CI/CD pour les modèles, service conteneurisé, orchestration, monitoring et alertes de drift, "
            "gouvernance grâce au registre de modèles.\n\n"
            "Il s'applique à tout modèle tabulaire dans d'autres secteurs (scoring de crédit, maintenance "
            "prédictive, prévision de la demande) en ne changeant que les données et l'étape d'entraînement. Il "
            "peut évoluer vers un feature store, des tests A/B de modèles ou un réentraînement déclenché par le "
            "drift : une bonne base pour des projets de suite."
        ),
        "conclusion": (
            "ChurnOps transforme un notebook fragile en un service fiable : données versionnées, tests et "
            "déploiement automatisés et surveillance du drift rendent les mises en production rapides et sûres. "
            "L'approche MLOps permet à l'équipe de garder le modèle utile quand le métier change, et le jeu de "
            "données public fait du projet un cas complet que d'autres apprenants peuvent reprendre."
        ),
        "risk_rows": [
            ("Résistance au changement des équipes habituées au notebook", "organisational", 3, 3,
             "Plan de formation et démonstration des bénéfices à court terme (première mise en production automatisée en semaine 4)", "Cheffe de projet", "open"),
            ("Drift des données après une nouvelle offre commerciale", "data", 4, 4,
             "Rapport de drift Evidently chaque nuit, alerte au-delà d'un seuil, pipeline de réentraînement prêt", "Data scientist", "monitoring"),
            ("Fuite de secrets (clés cloud) dans le dépôt", "security", 2, 5,
             "Détection de secrets GitHub, secrets uniquement dans le coffre de la CI, rotation des clés tous les 90 jours", "Ingénieur DevOps", "open"),
            ("Dépassement du budget cloud dû à des entraînements surdimensionnés", "cost", 2, 3,
             "Alertes budgétaires, instances spot pour l'entraînement, revue mensuelle des coûts", "Cheffe de projet", "open"),
        ],
        "kpi_rows": [
            ("Temps de déploiement du modèle", "delivery", 21, 1, "jours", "lower", dt.date(2027, 3, 31), "Durée entre la fusion et la production, d'après les journaux GitHub Actions"),
            ("Taux d'automatisation du pipeline", "automation", 10, 90, "%", "higher", dt.date(2027, 3, 31), "Part des étapes de mise en production exécutées par la CI sans action manuelle"),
            ("Temps moyen de détection du drift", "reliability", 90, 1, "jours", "lower", dt.date(2027, 6, 30), "Délai entre un drift et son alerte, d'après l'historique des alertes Prometheus"),
        ],
        "sources": [
            ("Telco Customer Churn (données d'exemple IBM)", "https://github.com/IBM/telco-customer-churn-on-icp4d", "Apache-2.0"),
        ],
        "resource_rows": [
            ("DVC : prise en main", "https://dvc.org/doc/start"),
            ("Registre de modèles MLflow", "https://mlflow.org/docs/latest/model-registry.html"),
            ("Evidently : drift des données", "https://docs.evidentlyai.com/"),
        ],
    },
}

POC_URL = "https://github.com/churnops-demo/churnops"
# The example's architecture: (id, stage, catalogue key, own label in en, fr), then links.
_COMPONENTS = (
    ("open_dataset", "data", "open_dataset", "Telco Customer Churn", "Telco Customer Churn"),
    ("object_storage", "data", "object_storage", "", ""),
    ("git", "versioning", "git", "", ""),
    ("dvc", "versioning", "dvc", "", ""),
    ("training_job", "training", "training_job", "", ""),
    ("mlflow", "training", "mlflow", "", ""),
    ("github_actions", "cicd", "github_actions", "", ""),
    ("great_expectations", "cicd", "great_expectations", "", ""),
    ("docker", "packaging", "docker", "", ""),
    ("mlflow_registry", "packaging", "mlflow_registry", "", ""),
    ("fastapi", "serving", "fastapi", "", ""),
    ("kubernetes", "orchestration", "kubernetes", "Kubernetes (k3s)", "Kubernetes (k3s)"),
    ("evidently", "monitoring", "evidently", "", ""),
    ("prometheus", "monitoring", "prometheus", "", ""),
    ("grafana", "monitoring", "grafana", "", ""),
)
_LINKS = (  # source, target, style, label en, label fr
    ("open_dataset", "dvc", "arrow", "versioned", "versionné"),
    ("object_storage", "dvc", "line", "remote", "remote"),
    ("git", "github_actions", "arrow", "push", "push"),
    ("dvc", "training_job", "arrow", "data version", "version des données"),
    ("training_job", "mlflow", "arrow", "", ""),
    ("github_actions", "great_expectations", "arrow", "", ""),
    ("github_actions", "docker", "arrow", "builds", "construit"),
    ("mlflow", "mlflow_registry", "arrow", "promotes", "promeut"),
    ("docker", "fastapi", "arrow", "", ""),
    ("mlflow_registry", "fastapi", "arrow", "model", "modèle"),
    ("fastapi", "kubernetes", "arrow", "", ""),
    ("fastapi", "evidently", "arrow", "predictions", "prédictions"),
    ("fastapi", "prometheus", "arrow", "metrics", "métriques"),
    ("evidently", "prometheus", "arrow", "", ""),
    ("prometheus", "grafana", "arrow", "", ""),
    ("evidently", "training_job", "dotted", "", ""),
)


def example_architecture(language: str = "en") -> Architecture:
    """The example's architecture diagram, as a student would build it."""
    fr = language == "fr"
    return Architecture(
        components=[Component(id=i, stage=stage, key=key, label=fr_label if fr else en_label,
                              shape=load_catalogue().tool(key).shape)
                    for i, stage, key, en_label, fr_label in _COMPONENTS],
        links=[Link(source=a, target=b, style=style, label=fr_label if fr else en_label)
               for a, b, style, en_label, fr_label in _LINKS],
    )


def example_proposal(language: str = "en") -> Proposal:
    """The complete example proposal in ``language`` ("fr" or "en")."""
    text = _TEXT["fr" if language == "fr" else "en"]
    lang = "fr" if language == "fr" else "en"
    sections = {
        "title": text["title"],
        "summary": text["summary"],
        "context": text["context"],
        "objectives": text["objectives"],
        "architecture": text["architecture"],
        "resources": text["resources"],
        "risks": text["risks"],
        "kpis": text["kpis"],
        "catalog": text["catalog"],
        "conclusion": text["conclusion"],
    }
    risks = [
        Risk(id=f"R{i}", description=d, category=c, likelihood=lk, impact=im, mitigation=m, owner=o, status=s)
        for i, (d, c, lk, im, m, o, s) in enumerate(text["risk_rows"], 1)
    ]
    kpis = []
    for i, (name, cat, base, target, unit, direction, deadline, how) in enumerate(text["kpi_rows"], 1):
        mid = dt.date(deadline.year, max(1, deadline.month - 3), 1)
        kpis.append(Kpi(id=f"K{i}", name=name, category=cat, baseline=base, target=target, unit=unit,
                        direction=direction, deadline=deadline, measurement=how,
                        milestones=[Milestone(date=mid, value=round((base + target) / 2, 1))]))
    return Proposal(
        metadata=Metadata(title=text["title_meta"], authors=list(text["authors"]), language=lang, created=_STAMP, updated=_STAMP),
        sections=sections,
        objectives=[Objective(text=text, kpi_ids=ids) for text, ids in text["objective_list"]],
        risks=risks,
        kpis=kpis,
        data_sources=[DataSource(name=n, url=u, licence=lic) for n, u, lic in text["sources"]],
        poc_url=POC_URL,
        resources=[Resource(title=title, url=url) for title, url in text["resource_rows"]],
        architecture=example_architecture(lang),
    )


def write_examples(folder: Path | None = None) -> list[Path]:
    """Write ``fr.md`` and ``en.md`` into ``folder`` (default: resources/examples)."""
    from editor.core.formats.markdown import save_markdown
    from editor.paths import resources_dir

    folder = folder or resources_dir() / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in ("fr", "en"):
        path = folder / f"{lang}.md"
        save_markdown(example_proposal(lang), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_examples():
        print(p)
