"""Fixed words of the layouts and charts, by language (French is the default)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "kind": "Fiche métier",
        "contents": "Sommaire",
        "glance": "L’essentiel",
        "fulfilment": "Profil d’épanouissement",
        "quality_of_life": "Qualité de vie",
        "flexibility": "Flexibilité",
        "stimulation": "Stimulation",
        "human_relations": "Relations humaines",
        "career": "Carrière",
        "missions": "Missions",
        "soft_skills": "Compétences personnelles (soft skills)",
        "hard_skills": "Compétences techniques (hard skills)",
        "skills": "Compétences",
        "top_skills": "Compétences techniques clés",
        "training": "Formation",
        "training_and_experience": "Formation et expérience",
        "experience": "Accès par l’expérience",
        "tools": "Outils",
        "constraints": "Contraintes",
        "salary": "Salaire et évolution",
        "salary_bands": "Salaires annuels bruts",
        "evolution": "Évolution de carrière",
        "faq": "Questions fréquentes",
        "colophon": "À propos de cette fiche",
        "entry_level": "niveau d’entrée habituel",
        "usual_entry": "Niveau d’entrée habituel",
        "levels": "Niveaux de formation",
        "programmes": "formations listées",
        "ects": "crédits ECTS",
        "ects_unknown": "ECTS non précisés",
        "score_axis": "Score (%)",
        "salary_axis": "€ brut par an",
        "gross_per_year": "brut par an",
        "keywords": "Mots-clés",
        "key_facts": "Repères",
        "fact_levels": "{count} niveaux de formation, de {first} à {last}",
        "fact_missions": "{themes} grands domaines de missions, {bullets} missions détaillées",
        "fact_tools": "{count} familles d’outils",
        "fact_salary": "De {low} en début de carrière à {high} confirmé",
        "page": "page",
        "of": "/",
        "draft": "BROUILLON",
        "draft_note": (
            "Brouillon : cette fiche contient des erreurs éditoriales ({count}) et ne doit pas être diffusée."
        ),
        "partial_note": "Fiche incomplète : sections manquantes ({sections}).",
        "source": "Source",
        "revised": "Révision",
        "retrieved": "Consultée le",
        "edition": "Édition",
        "generated_from": "Générée à partir de la fiche",
        "data_table": "Données du graphique",
        "site_notes": "À savoir",
        "chart_fulfilment": "Profil d’épanouissement du métier {title}, scores sur 100 : {values}.",
        "chart_skills": "Compétences techniques du métier {title}, scores sur 100 : {values}.",
        "chart_salary": "Salaires annuels bruts du métier {title} : {values}.",
        "chart_training": "Niveaux de formation du métier {title} : {values}. Niveau d’entrée habituel : {entry}.",
        "learn_more": "Pour en savoir plus",
        "full_brochure": "La fiche complète :",
        "question": "Question",
        "answer": "Réponse",
    },
}


def labels(lang: str = "fr") -> dict[str, str]:
    """The label catalogue of ``lang``."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(sorted(LABELS))}")
    return LABELS[lang]
