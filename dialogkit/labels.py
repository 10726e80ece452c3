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


# The follow-up questions asked after every dialogue (seed 001), by FollowUp field.
FOLLOW_UP_QUESTIONS: dict[str, dict[str, str]] = {
    "sv": {
        "dialogue_type": "Vilken typ av dialog genomfördes?",
        "influence": "Hur påverkade dialogen beslut eller utveckling?",
        "main_lesson": "Vad är det viktigaste vi har lärt oss från dialogen?",
        "purpose_met": "Har syfte och mål uppnåtts?",
        "unspoken_purposes": "Uppdagades några outtalade syften eller förhoppningar?",
        "went_well": "Vad gjordes bra?",
        "could_improve": "Vad kunde gjorts bättre?",
    },
    "en": {
        "dialogue_type": "What type of dialogue was held?",
        "influence": "How did the dialogue influence decisions or development?",
        "main_lesson": "What is the most important thing we learned?",
        "purpose_met": "Were the purpose and goals met?",
        "unspoken_purposes": "Did any unspoken purposes or hopes come to light?",
        "went_well": "What went well?",
        "could_improve": "What could have been done better?",
    },
}


def label(value: str, language: str = "sv") -> str:
    return LABELS[language].get(value, value)
