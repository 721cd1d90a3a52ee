"""Summarise the axe-core results the browser tests keep in ``tests/artifacts/axe/`` as a Markdown table.

``python tests/e2e/axe_report.py`` prints, per notebook and front end, the failing nodes per impact
(critical/serious/moderate/minor) on the page as opened and after the learner's first answers, then every
rule that was found (any impact) with the notebooks where it was. The README's Accessibility section
quotes its output.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "artifacts" / "axe"
MODES = {"lab": "JupyterLab", "voila": "classroom (Voila)", "lite": "JupyterLite"}


def load(folder: Path = ARTIFACTS) -> list[dict]:
    """Every kept result, each a dict with mode, notebook, phase, counts and violations."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def table(results: list[dict]) -> str:
    """The Markdown table (one row per notebook and front end) and the list of rules found."""
    cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    rules: dict[str, set[str]] = defaultdict(set)
    for r in results:
        c = r["counts"]
        cells[(r["notebook"], r["mode"])][r["phase"]] = "/".join(
            str(c[k]) for k in ("critical", "serious", "moderate", "minor"))
        for v in r["violations"]:
            rules[f"{v['id']} ({v['impact']})"].add(f"{r['notebook'][:3].rstrip('-')} {r['mode']}")
    lines = ["| notebook | front end | page as opened | after the first answers |", "|---|---|---|---|"]
    order = list(MODES)
    for (nb, mode), phases in sorted(cells.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))):
        lines.append(f"| {nb} | {MODES.get(mode, mode)} | {phases.get('before', '')} | "
                     f"{phases.get('after', '(no quiz)')} |")
    lines.append("")
    lines.append("Rules found (any impact): " + ("; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in
                                                          sorted(rules.items())) or "none"))
    return "\n".join(lines)


if __name__ == "__main__":
    found = load(Path(sys.argv[1]) if len(sys.argv) > 1 else ARTIFACTS)
    if not found:
        sys.exit(f"no axe results in {ARTIFACTS}: run the browser tests first")
    print(table(found))
