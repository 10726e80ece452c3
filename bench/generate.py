"""Generate a realistic county workspace for the benchmark: every municipality's local
plan and follow-ups over several years, dialogue projects, communication plans and
strategies, 3–8 KB of Swedish text each, all valid so `plan check` does its full work.

    python bench/generate.py OUT_DIR [--plans 1000] [--big-project 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import io
import random
from datetime import date, timedelta
from pathlib import Path

from ruamel.yaml import YAML

WORDS = [
    "vård",
    "omsorg",
    "invånare",
    "kommun",
    "region",
    "samverkan",
    "hälsa",
    "trygghet",
    "delaktighet",
    "primärvården",
    "hemsjukvård",
    "äldre",
    "barn",
    "unga",
    "förebyggande",
    "digital",
    "kontinuitet",
    "personcentrerad",
    "omställning",
    "uppföljning",
    "ledningsgrupp",
    "verksamhet",
    "utveckling",
    "tillgänglighet",
    "närhet",
    "socialtjänst",
    "elevhälsa",
    "kompetens",
    "samordning",
    "kvalitet",
]
MUNICIPALITIES = [
    "Avesta",
    "Borlänge",
    "Falun",
    "Gagnef",
    "Hedemora",
    "Leksand",
    "Ludvika",
    "Malung-Sälen",
    "Mora",
    "Orsa",
    "Rättvik",
    "Smedjebacken",
    "Säter",
    "Vansbro",
    "Älvdalen",
]


def sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def weekday_evening(rng: random.Random, year: int) -> date:
    day = date(year, rng.randint(2, 3), rng.randint(1, 28))  # no public holidays in Feb–Mar 2021
    while day.weekday() > 3 or (day.month, day.day) in {(5, 1), (4, 1)}:
        day += timedelta(days=1)
    return day


def strategy(index: int, rng: random.Random) -> dict:
    return {
        "kind": "strategy",
        "id": f"strategi-{index}",
        "title": f"Länsgemensam strategi {index} för God och nära vård",
        "organisation": "Region Dalarna och länets kommuner",
        "period": {"start": 2022, "end": 2030},
        "vision": paragraph(rng, 4),
        "sub_goals": [
            {"id": n, "title": f"Delmål {n}", "description": paragraph(rng, 2)} for n in range(1, 6)
        ],
        "principles": [sentence(rng) for _ in range(5)],
    }


def local_plan(index: int, rng: random.Random, strategy_id: str) -> dict:
    municipality = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    years = list(range(2022, 2022 + rng.randint(2, 4)))
    return {
        "kind": "local_plan",
        "id": f"lokal-plan-{index}",
        "municipality": municipality,
        "strategy": strategy_id,
        "period": {"start": years[0], "end": years[-1]},
        "partners": [f"{municipality}s kommun", "Region Dalarna"],
        "activities": [
            {
                "id": f"aktivitet-{n}",
                "what": sentence(rng, 10),
                "when": f"hösten {rng.choice(years)}",
                "how": sentence(rng, 14),
                "by_whom": [sentence(rng, 2).rstrip(".")],
                "follow_up": sentence(rng, 10),
                "sub_goals": sorted(rng.sample(range(1, 6), 2)),
            }
            for n in range(rng.randint(3, 6))
        ],
        "key_figures": [
            {
                "kolada_id": f"U{21000 + n:05d}",
                "title": sentence(rng, 5).rstrip("."),
                "sub_goal": rng.randint(1, 5),
                "values": {year: round(rng.uniform(20, 95), 1) for year in years},
            }
            for n in range(3)
        ],
        "self_assessment": [
            {
                "id": f"pastaende-{n}",
                "statement": sentence(rng, 9),
                "sub_goal": n % 5 + 1,
                "scores": {year: rng.randint(1, 5) for year in years},
            }
            for n in range(5)
        ],
        "follow_ups": [
            {
                "year": year,
                "results": paragraph(rng, 2),
                "lessons": paragraph(rng, 1),
                "assessments": [
                    {"sub_goal": goal, "status": rng.choice(["on_track", "partly", "behind"])}
                    for goal in range(1, 6)
                ],
            }
            for year in years
        ],
    }


def communication_plan(index: int, rng: random.Random) -> dict:
    groups = [f"grupp-{n}" for n in range(rng.randint(4, 7))]
    return {
        "kind": "communication_plan",
        "id": f"kommunikationsplan-{index}",
        "project": "Nära vård – Hälsa tillsammans",
        "date": "2023-06-25",
        "author": "Kristin Lundgren, projektledare",
        "current_situation": paragraph(rng, 3),
        "purposes": [paragraph(rng, 1) for _ in range(2)],
        "target_groups": [
            {
                "id": g,
                "name": sentence(rng, 3).rstrip("."),
                "why": sentence(rng),
                "know": sentence(rng),
                "feel": sentence(rng),
                "do": sentence(rng),
            }
            for g in groups
        ],
        "key_message": {
            "why": sentence(rng),
            "what": sentence(rng),
            "feeling": sentence(rng),
            "how": sentence(rng),
        },
        "activities": [
            {
                "id": f"aktivitet-{n}",
                "what": sentence(rng, 14),
                "when": rng.choice(
                    ["Juni 2023", "Hösten 2023", "Juni-september 2023", "Våren 2023"]
                ),
                "responsible": ["Kristin Lundgren"],
                "hours": rng.randint(2, 20),
                "target_groups": [rng.choice(groups)],
            }
            for n in range(rng.randint(5, 9))
        ],
    }


def dialogue_project(index: int, rng: random.Random, dialogues: int | None = None) -> dict:
    count = dialogues or rng.randint(4, 8)
    towns = [
        f"{MUNICIPALITIES[n % len(MUNICIPALITIES)]} {n // len(MUNICIPALITIES) + 1}"
        for n in range(count)
    ]
    # each project its own committee: the same names in two projects on one evening
    # would be one member booked twice (DK236), which is not what the bench measures
    members = [
        {"id": f"ledamot-{n}", "name": f"Ledamot {index}-{n}", "municipality": town}
        for n, town in enumerate(towns)
    ]
    members.append({"id": "ordf", "name": f"Ordförande {index}", "municipality": towns[0]})
    year = 2021
    dates = [weekday_evening(rng, year) for _ in towns]
    # the chair takes the first dialogue of a day, a deputy each other one: no member
    # in two dialogues at once (DK236)
    chair = [
        "ordf" if k == 0 else f"ersattare-{k}"
        for n, day in enumerate(dates)
        for k in [dates[:n].count(day)]
    ]
    members += [
        {"id": name, "name": f"Ersättare {index}-{name.split('-')[1]}", "municipality": towns[0]}
        for name in sorted(set(chair) - {"ordf"})
    ]
    return {
        "kind": "dialogue_project",
        "id": f"dialogprojekt-{index}",
        "title": f"Invånardialog {index}",
        "organisation": "Region Dalarna",
        "topic": "Nära vård",
        "mandate": {"body": "Regionstyrelsen", "date": "2020-06-17", "reference": f"§ {index}"},
        "owner": "Beredningen för invånardialog",
        "purpose": paragraph(rng, 2),
        "participation_rung": "dialogue",
        "use_of_views": paragraph(rng, 1),
        "process_leader": {"name": "Sara Processledare"},
        "contact": {"name": "Sekretariatet", "email": "invanardialog@example.se", "official": True},
        "members": members,
        "municipalities": towns,
        "questions": [sentence(rng, 10).rstrip(".") + "?" for _ in range(3)],
        "dialogues": [
            {
                "id": f"dialog-{n}",
                "municipality": town,
                "format": "in_person",
                "date": dates[n].isoformat(),
                "start": "18:00",
                "end": "20:00",
                "venue": {
                    "name": f"Biblioteket i {town}",
                    "address": f"Storgatan {n + 1}",
                    "accessible": True,
                    "hearing_loop": True,
                },
                "members": [f"ledamot-{n}", chair[n]],
                "status": "held",
                "outcome": {
                    "participants": rng.randint(5, 40),
                    "public_notes": paragraph(rng, 2),
                    "internal_notes": paragraph(rng, 1),
                },
            }
            for n, town in enumerate(towns)
        ],
        "invitation_channels": [{"channel": c} for c in ("email", "web", "facebook")],
        "costs": {
            "per_dialogue": {
                "in_person": {"fees": 4000, "travel": 2000, "refreshments": 1500, "venue": 1500}
            },
            "one_off": [{"item": "Kommunikation", "amount": 20000}],
            "budget": 9000 * count + 20000,
        },
        "timeline": [
            {"task": "Frågor", "when": "2020-12", "responsible": "Presidiet", "status": "done"},
            {
                "task": "Dialoger",
                "when": "februari-maj 2021",
                "responsible": "Beredningen",
                "status": "done",
            },
            {
                "task": "Rapport",
                "when": "2021-08",
                "responsible": "Processledare",
                "status": "done",
            },
        ],
        "reporting": {"recipients": ["regionstyrelsen"], "due": "2021-08-31"},
    }


def dump(data: dict) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    out = io.StringIO()
    out.write("# yaml-language-server: $schema=../schema/dialogkit.schema.json\n")
    yaml.dump(data, out)
    return out.getvalue()


def generate(folder: Path, plans: int = 1000, seed: int = 1) -> list[Path]:
    """Write `plans` plans of all kinds into `folder`; 5 % strategies, 60 % local plans."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    strategies = max(1, plans // 20)
    written = []
    for index in range(plans):
        if index < strategies:
            data = strategy(index, rng)
        elif index < strategies + plans * 60 // 100:
            data = local_plan(index, rng, f"strategi-{index % strategies}")
        elif index < strategies + plans * 80 // 100:
            data = communication_plan(index, rng)
        else:
            data = dialogue_project(index, rng)
        path = folder / f"{data['kind']}-{index:04d}.yaml"
        path.write_text(dump(data), "utf-8")
        written.append(path)
    return written


def big_project(folder: Path, dialogues: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stort-dialogprojekt.yaml"
    path.write_text(dump(dialogue_project(9999, random.Random(2), dialogues)), "utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--big-project", type=int, default=300, help="dialogues; 0 for none")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out / "plans", args.plans, args.seed)
    sizes = [p.stat().st_size for p in files]
    print(
        f"{len(files)} planer, {min(sizes) / 1024:.1f}–{max(sizes) / 1024:.1f} KB, "
        f"totalt {sum(sizes) / 1024 / 1024:.1f} MB i {args.out / 'plans'}"
    )
    if args.big_project:
        print(f"stort projekt: {big_project(args.out / 'big', args.big_project)}")


if __name__ == "__main__":
    main()
