"""Record the example Kolada cache for plans/leksand-lokal-plan.yaml from the fake
Kolada of the tests (values are EXEMPEL, not Kolada's). Run from the repository root:
.venv/bin/python scripts/record_kolada_example.py"""

import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_kolada_fetch import FakeKolada

from dialogkit.kolada import client
from dialogkit.kolada.fetch import fetch_key_figures

fake = FakeKolada()
fake.kpis = {
    "U21463": {
        "id": "U21463",
        "title": "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%) (EXEMPEL)",
        "description": "EXEMPEL, inte Koladas text: andel brukare i hemtjänsten som "
        "upplever att de får ett "
        "helhetsintryck av hemtjänsten som bra eller mycket bra.",
        "unit": "%",
    },
    "N00945": {
        "id": "N00945",
        "title": "Invånare 75+ med minst tre vårdtillfällen på sjukhus, antal/1000 inv (EXEMPEL)",
        "description": "EXEMPEL, inte Koladas text: invånare 75 år och äldre med minst tre "
        "slutenvårdstillfällen under året, per 1 000 invånare 75+.",
        "unit": "antal/1000 inv",
    },
}
series = {
    ("U21463", "2029"): {2021: (88, 91, 84), 2022: (89, 90, 87), 2023: (91, 92, 89)},
    ("U21463", "0020"): {2021: (86, 87, 84), 2022: (85, 86, 83), 2023: (87, 88, 85)},
    ("U21463", "0000"): {2021: (86, 87, 84), 2022: (85, 86, 84), 2023: (86, 87, 85)},
    ("N00945", "2029"): {
        2021: (52.4, 49.8, 55.6),
        2022: (50.1, 47.0, 53.9),
        2023: (47.8, 45.2, 51.0),
    },
    ("N00945", "0020"): {
        2021: (49.6, 46.1, 53.8),
        2022: (48.9, 45.7, 52.6),
        2023: (48.2, None, None),
    },
    ("N00945", "0000"): {
        2021: (47.3, 44.0, 51.2),
        2022: (46.8, 43.6, 50.5),
        2023: (45.9, 42.8, 49.5),
    },
}


def answer(path, base=fake.answer):
    from urllib.parse import urlsplit

    parts = urlsplit(path).path.split("/")[2:]
    if parts[0] == "kpi":
        return base(path)
    items = [
        {
            "kpi": k,
            "municipality": c,
            "period": int(y),
            "values": [
                {"gender": g, "value": v, "count": 1, "status": ""}
                for g, v in zip("TKM", series[k, c][int(y)], strict=True)
            ],
        }
        for k in parts[2].split(",")
        for c in parts[4].split(",")
        for y in parts[6].split(",")
        if (k, c) in series and int(y) in series[k, c]
    ]
    return {"values": items, "count": len(items), "next_url": None}


fake.answer = answer
threading.Thread(target=fake.server.serve_forever, args=(0.01,), daemon=True).start()
os.environ["DIALOGKIT_KOLADA_URL"] = fake.url
os.environ["SOURCE_DATE_EPOCH"] = "1795737600"
client.PAUSE = 0
r = fetch_key_figures(
    [Path("plans/leksand-lokal-plan.yaml")], years=[2021, 2022, 2023], refresh=True
)
print(r)
