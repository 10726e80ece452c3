"""Words for the values the plans use, in the plan's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        # statuses
        "planned": "planerad",
        "ongoing": "pågår",
        "done": "klar",
        "cancelled": "inställd",
        "booked": "bokad",
        "held": "genomförd",
        "overdue": "försenad",
        # formats
        "in_person": "fysisk",
        "digital": "digital",
        "hybrid": "hybrid",
        # participation ladder
        "information": "information",
        "consultation": "konsultation",
        "dialogue": "dialog",
        "influence": "inflytande",
        "co_decision": "medbeslutande",
        # cost items
        "fees": "Arvoden",
        "travel": "Resekostnader",
        "refreshments": "Förtäring",
        "venue": "Lokal",
        # local plan assessments
        "on_track": "på väg",
        "partly": "delvis",
        "behind": "efter",
        "not_started": "ej påbörjat",
    },
    "en": {
        "planned": "planned",
        "ongoing": "ongoing",
        "done": "done",
        "cancelled": "cancelled",
        "booked": "booked",
        "held": "held",
        "overdue": "overdue",
        "in_person": "in person",
        "digital": "digital",
        "hybrid": "hybrid",
        "information": "information",
        "consultation": "consultation",
        "dialogue": "dialogue",
        "influence": "influence",
        "co_decision": "co-decision",
        "fees": "Fees",
        "travel": "Travel",
        "refreshments": "Refreshments",
        "venue": "Venue",
        "on_track": "on track",
        "partly": "partly",
        "behind": "behind",
        "not_started": "not started",
    },
}


def label(value: str, language: str = "sv") -> str:
    return LABELS[language].get(value, value)
