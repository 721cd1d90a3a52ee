"""Build a small, schema-valid course data folder for widget tests (no conftest needed).

``write_data(folder, inject=X)`` writes every collection the loader reads, with three short articles
whose texts contain each statement's quote (with typographic quote marks, line breaks and double
spaces, so the tests exercise the reader's normalised matching). ``inject`` is inserted into every free-text field
(names, roles, titles, quotes *and* the matching article text, errata, topics, quizzes, glossary,
events, figures, places, claims); pass ``PAYLOAD`` to test escaping.

Examples
--------
>>> import tempfile, course_lib
>>> folder = write_data(tempfile.mkdtemp())
>>> data = course_lib.load(folder, cache=False)
>>> sorted(data.articles)
['amn', 'euronews', 'newsweek']
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

#: what test_escaping pushes through every widget
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = f" {SCRIPT} {IMG}"

REPO_DATA = Path(__file__).resolve().parent.parent / "data"

ACTORS_USED = ["peskov", "kremlin", "russian-officials", "miroshnik", "reznikov", "ukraine-government",
               "stoltenberg", "osce", "newsweek"]


def _articles(x: str) -> dict[str, dict]:
    """Article id -> record fields and paragraphs (the text the quotes must occur in)."""
    return {
        "newsweek": {
            "meta": {"outlet": f"Newsweek{x}", "original_source": "original", "genre": "news report",
                     "byline": f"A. Reporter{x}", "published": "2021-12-14", "url": "https://example.org/nw?a=1&b=<2>"},
            "paras": [
                f"Ukraine Says Troop Call Up is Defensive{x}",
                f"Ukrainian Defense Minister Oleksii Reznikov said they have \u201cno plans to attack anyone{x}.\u201d",
                f"Russian officials alleged that Ukraine was building up troops{x} in the east.",
                f"\u201cWe don\u2019t plan to attack anyone,\u201d  Reznikov said.\nHe added \u201cOur defense capacity is important{x}.\u201d",
                f"Newsweek counted about 70,000 troops{x} near the border.",
            ],
        },
        "euronews": {
            "meta": {"outlet": f"euronews (machine-translated){x}", "original_source": "machine translation",
                     "genre": "machine translation", "byline": None, "published": "2022-02-17", "url": None},
            "paras": [
                f"NATO accuses Russia of trying to \u201cpretext\u201d{x}",
                f"Jens Stoltenberg said NATO was concerned \u201cRussia is trying to stage a pretext for an armed attack on Russia{x}\u201d.",
                f"Separatist official Rodion Miroshnik said the separatists fought back{x}.",
                f"An OSCE observation mission is expected to present its assessment later Thursday{x}.",
                f"Ukraine disputed this claim, saying the separatists shelled its forces{x}.",
            ],
        },
        "amn": {
            "meta": {"outlet": f"American Military News{x}", "original_source": "reprint", "genre": "reprint",
                     "byline": None, "published": "2022-01-31", "url": "https://example.org/amn"},
            "paras": [
                f"NATO says it won\u2019t send troops{x}",
                f"\u201cWe have no plans to deploy NATO combat troops to Ukraine\u2026we are focusing on providing support{x},\u201d "
                "Stoltenberg told the BBC on January 30.",
                f"The Kremlin, which has denied it plans to invade{x}, has insisted on guarantees.",
            ],
        },
    }


#: each statement's reporting word, as it stands in the fake article near the quote (None: the outlet's voice)
_VERBS = {'nw-reznikov-no-plans': 'said', 'nw-reznikov-dont-plan': 'said', 'nw-russian-officials': 'alleged', 'eu-stoltenberg-pretext': 'said', 'eu-miroshnik-fought-back': 'said', 'eu-osce-assessment': 'expected', 'eu-ukraine-shelled': 'disputed', 'amn-stoltenberg-no-troops': 'told', 'amn-kremlin-denied': 'denied'}


def _statements(x: str) -> list[dict]:
    def st(id_, actor, article, quote, kind, date, topics, **extra):
        rec = {"id": id_, "actor": actor, "article": article, "quote": quote, "kind": kind, "date": date,
               "date_basis": f"Basis for {id_}{x}", "topics": topics, "reporting_verb": None}
        rec["reporting_verb"] = _VERBS.get(id_)
        rec.update(extra)
        return rec

    return [
        st("nw-reznikov-no-plans", "reznikov", "newsweek", f'"no plans to attack anyone{x}."', "direct quote",
           "2021-12-14", ["invasion-intentions"], venue=f"Stockholm press conference{x}"),
        st("nw-reznikov-dont-plan", "reznikov", "newsweek",
           f"We don't plan to attack anyone,\" Reznikov said. He added \"Our defense capacity is important{x}.",
           "direct quote", "2021-12-14", ["invasion-intentions", "troop-numbers"]),
        st("nw-russian-officials", "russian-officials", "newsweek", f"Ukraine was building up troops{x}",
           "paraphrase", "2021-12", ["troop-numbers"], note=f"Unnamed officials{x}"),
        st("nw-outlet-70000", "newsweek", "newsweek", f"about 70,000 troops{x}", "reported claim", "2021-12-14",
           ["troop-numbers"]),
        st("eu-stoltenberg-pretext", "stoltenberg", "euronews",
           f"Russia is trying to stage a pretext for an armed attack on Russia{x}", "direct quote", "2022-02-17",
           ["pretexts-provocations"]),
        st("eu-miroshnik-fought-back", "miroshnik", "euronews", f"the separatists fought back{x}", "paraphrase",
           "2022-02-17", ["donbas-war", "pretexts-provocations"]),
        st("eu-osce-assessment", "osce", "euronews", f"expected to present its assessment later Thursday{x}",
           "reported claim", "2022-02-17", ["donbas-war"]),
        st("eu-ukraine-shelled", "ukraine-government", "euronews", f"saying the separatists shelled its forces{x}",
           "paraphrase", "2022-02-17", ["donbas-war"]),
        st("amn-stoltenberg-no-troops", "stoltenberg", "amn",
           f"We have no plans to deploy NATO combat troops to Ukraine\u2026we are focusing on providing support{x}",
           "direct quote", "2022-01-30", ["nato-membership"]),
        st("amn-kremlin-denied", "kremlin", "amn", f"has denied it plans to invade{x}", "paraphrase", "2022-01",
           ["invasion-intentions"]),
    ]


def _quiz(x: str) -> dict:
    src = [{"article": "newsweek", "quote": f"no plans to attack anyone{x}."}]
    opt = lambda i, c: {"id": i, "text": f"Option {i}{x}", "correct": c, "feedback": f"Feedback {i}{x}"}
    return {
        "id": "test-quiz", "title": f"Test quiz{x}", "seed": 1,
        "questions": [
            {"id": "q-single", "type": "single", "prompt": f"Who said it?{x}", "hint": f"Hint{x}",
             "explanation": f"Explanation{x}", "sources": src, "options": [opt("a", True), opt("b", False)]},
            {"id": "q-multiple", "type": "multiple", "prompt": f"Which?{x}", "hint": f"Hint{x}",
             "explanation": f"Explanation{x}", "sources": src,
             "options": [opt("a", True), opt("b", True), opt("c", False)]},
            {"id": "q-numeric", "type": "numeric", "prompt": f"How many?{x}", "hint": f"Hint{x}",
             "explanation": f"Explanation{x}", "sources": src, "answer": 70000, "tolerance": 0,
             "unit": f"troops{x}", "feedback_low": f"Low{x}", "feedback_high": f"High{x}",
             "feedback_correct": f"Right{x}"},
            {"id": "q-ordering", "type": "ordering", "prompt": f"Order these{x}", "hint": f"Hint{x}",
             "explanation": f"Explanation{x}", "sources": src,
             "items": [{"id": "first", "text": f"First{x}"}, {"id": "second", "text": f"Second{x}"}]},
            {"id": "q-matching", "type": "matching", "prompt": f"Match{x}", "hint": f"Hint{x}",
             "explanation": f"Explanation{x}", "sources": src,
             "pairs": [{"left": f"Left 1{x}", "right": f"Right 1{x}"}, {"left": f"Left 2{x}", "right": f"Right 2{x}"}],
             "choices": [f"Right 1{x}", f"Right 2{x}"]},
        ],
    }


def write_data(folder: str | Path, *, inject: str = "") -> Path:
    """Write a complete small data folder into ``folder`` and return its path.

    Parameters
    ----------
    folder : str or Path
        An (empty) folder, e.g. pytest's ``tmp_path``.
    inject : str
        Inserted into every free-text field; ``PAYLOAD`` for escaping tests.
    """
    x = inject
    root = Path(folder)
    (root / "articles" / "raw").mkdir(parents=True, exist_ok=True)
    (root / "quizzes").mkdir(exist_ok=True)

    def dump(rel: str, obj) -> None:
        (root / rel).write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")

    seeds = {"newsweek": "000", "euronews": "001", "moscowtimes": "002", "polygraph": "003", "amn": "004"}
    records = []
    for aid, spec in _articles(x).items():
        text = "\n\n".join(spec["paras"]) + "\n"
        (root / "articles" / f"{aid}.txt").write_text(text, encoding="utf-8")
        (root / "articles" / "raw" / f"{aid}.txt").write_text(text, encoding="utf-8")
        records.append({"id": aid, "seed_file": f"{seeds[aid]}_test.txt", "raw_file": f"raw/{aid}.txt",
                        "text_file": f"{aid}.txt", "title": spec["paras"][0], "source_note": f"Source note{x}",
                        "published_basis": f"Published basis{x}", "publisher": f"Publisher{x}",
                        "chrome_lines": [], **spec["meta"]})
    dump("articles/articles.json", records)

    actors = {a["id"]: a for a in json.loads((REPO_DATA / "actors.json").read_text(encoding="utf-8"))}
    dump("actors.json", [{**actors[a], "name": actors[a]["name"] + x, "role": actors[a]["role"] + x,
                          "affiliation": actors[a]["affiliation"] + x} for a in ACTORS_USED])
    topics = json.loads((REPO_DATA / "topics.json").read_text(encoding="utf-8"))
    dump("topics.json", [{**t, "label": t["label"] + x, "description": t["description"] + x} for t in topics])
    dump("statements.json", _statements(x))
    dump("errata.json", [
        {"id": "eu-attack-on-russia", "article": "euronews", "text": f"armed attack on Russia{x}",
         "kind": "machine translation", "problem": f"Says Russia would be attacked{x}",
         "likely_reading": f"an armed attack on Ukraine{x}", "evidence": f"Context of the sentence{x}"},
        {"id": "nw-troops", "article": "newsweek", "text": "building up troops", "kind": "wrong word",
         "problem": f"A made-up problem for tests{x}", "likely_reading": f"massing troops{x}",
         "evidence": f"Test evidence{x}"},
    ])
    dump("glossary.json", [{"id": "donbas", "term": f"Donbas{x}", "definition": f"The Donetsk and Luhansk regions{x}",
                            "articles": ["newsweek"]}])
    dump("events.json", [
        {"id": "reznikov-stockholm", "date": "2021-12-14", "date_basis": f"Photo caption{x}",
         "title": f"Reznikov in Stockholm{x}", "summary": f"Course summary{x}", "category": "statement",
         "actors": ["reznikov"], "places": ["stockholm"], "topics": ["invasion-intentions"],
         "sources": [{"article": "newsweek", "quote": f"no plans to attack anyone{x}."}]},
        {"id": "stoltenberg-bbc", "date": "2022-01-30", "date_basis": f"Text says January 30{x}",
         "title": f"Stoltenberg on the BBC{x}", "summary": f"Course summary two{x}", "category": "diplomacy",
         "actors": ["stoltenberg"], "places": [], "topics": ["nato-membership"],
         "sources": [{"article": "amn", "quote": "Stoltenberg told the BBC on January 30"}]},
        # the timeline's eras start at these three events (course_lib.timeline.ERAS)
        {"id": "donbas-war-begins", "date": "2014", "date_basis": f"Year only{x}", "title": f"War in Donbas{x}",
         "summary": f"Era start{x}", "category": "conflict", "actors": ["miroshnik"], "places": [],
         "topics": ["donbas-war"], "sources": [{"article": "euronews", "quote": f"the separatists fought back{x}."}]},
        {"id": "spring-2021-buildup", "date": "2021-03", "date_end": "2021-04", "date_basis": f"Month only{x}",
         "title": f"Buildup{x}", "summary": f"Era start two{x}", "category": "buildup", "actors": [],
         "places": ["stockholm"], "topics": ["troop-numbers"],
         "sources": [{"article": "newsweek", "quote": f"about 70,000 troops{x} near the border."}]},
        {"id": "invasion-2022-02-24", "date": "2022-02-24", "date_basis": f"Day{x}", "title": f"Invasion{x}",
         "summary": f"Era start three{x}", "category": "conflict", "actors": ["kremlin", "ukraine-government"],
         "places": [], "topics": ["invasion-intentions"],
         "sources": [{"article": "amn", "quote": f"has denied it plans to invade{x}"}]},
    ])
    dump("figures.json", [
        {"id": "nw-70000", "value": 70000, "qualifier": "about", "unit": f"troops{x}", "category": "troops",
         "subject": f"Russian troops near the border{x}", "counted_side": "russia", "claimed_by": "newsweek",
         "date": "2021-12-14", "date_basis": f"Article date{x}", "article": "newsweek",
         "quote": f"about 70,000 troops{x}", "note": f"Figure note{x}"},
    ])
    dump("places.json", [
        {"id": "stockholm", "name": f"Stockholm{x}", "lat": 59.33, "lon": 18.07, "kind": f"city{x}",
         "country_de_jure": f"Sweden{x}", "credit": f"Coordinates credit{x}", "note": f"Place note{x}",
         "mentions": [{"article": "newsweek", "quote": "Reznikov said"}]},
    ])
    dump("claims.json", [
        {"id": "claim-no-plans", "kind": "contested", "claim": f"Ukraine has no plans to attack{x}",
         "claimant": "reznikov", "date": "2021-12-14", "date_basis": f"Article date{x}", "article": "newsweek",
         "appearance": "Reznikov said", "reviewer": None, "verdict": f"Not judged by any source{x}",
         "explanation": f"Claim explanation{x}",
         "evidence": [{"article": "newsweek", "quote": f"no plans to attack anyone{x}."}],
         "statements": ["nw-reznikov-no-plans"], "topics": ["invasion-intentions"]},
        {"id": "claim-kremlin-denied", "kind": "fact-check", "claim": f"Russia does not plan to invade{x}",
         "claimant": "kremlin", "date": "2022-01", "date_basis": f"Month of the article{x}", "article": "amn",
         "appearance": f"has denied it plans to invade{x}", "reviewer": "newsweek", "verdict": f"Misleading{x}",
         "explanation": f"Fact-check explanation{x}",
         "evidence": [{"article": "amn", "quote": "Stoltenberg told the BBC on January 30"}],
         "statements": ["amn-kremlin-denied", "amn-stoltenberg-no-troops"], "topics": ["invasion-intentions"]},
    ])
    dump("quizzes/test-quiz.json", _quiz(x))
    geo = REPO_DATA / "geo"
    if geo.is_dir() and any(geo.iterdir()):
        shutil.copytree(geo, root / "geo", dirs_exist_ok=True)
    return root
