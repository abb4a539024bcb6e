"""The judged sets and their figures: nDCG@10 and "the best kans in the top 3".

Two sets of residents judged by hand (``judged_residents.json``: 35 corpus residents,
grades 2/1; ``judged_people.json``: 101 residents, grades 3/2/1, split into a half to
tune on and a half held out). Grades were written by reading residents and postings,
never by running the engine. Run this file to print the figures per half and the
weakest residents of the tuning half::

    .venv/bin/python tests/matching/judged_sets.py
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from meedoen.matching import ResidentProfile, top_matches_for_resident
from meedoen.matching.corpus import load_opportunities, load_residents

HERE = Path(__file__).parent
FIRST_SET = HERE / "judged_residents.json"
SECOND_SET = HERE / "judged_people.json"
K = 10
TOP = 3


def dcg(gains: Iterable[int]) -> float:
    """Discounted cumulative gain with exponential gain (2^g - 1)."""
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at_k(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k of a ranked list of refs against graded judgements."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    actual = dcg(grades.get(ref, 0) for ref in ranked[:k])
    return actual / ideal if ideal else 0.0


def best_in_top(ranked: list[str], grades: dict[str, int], top: int = TOP) -> bool:
    """Is one of the resident's best-graded kansen among the first ``top``?"""
    best = max(grades.values())
    return any(grades.get(ref, 0) == best for ref in ranked[:top])


@dataclass(frozen=True)
class Judged:
    resident: ResidentProfile
    grades: dict[str, int]
    split: str
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    ranked: list[str]

    @property
    def ndcg(self) -> float:
        return ndcg_at_k(self.ranked, self.judged.grades)

    @property
    def best_on_top(self) -> bool:
        return best_in_top(self.ranked, self.judged.grades)


@cache
def _document(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def today_of(path: Path) -> date:
    return date.fromisoformat(str(_document(path)["today"]))


def load(path: Path) -> list[Judged]:
    """The residents of a judged set: corpus residents by ref, the others from their profile."""
    corpus = {r.ref: r for r in load_residents()}
    judged = []
    for entry in _document(path)["residents"]:
        profile = entry.get("profile")
        if profile is None:
            resident = corpus[entry["ref"]]
        else:
            resident = ResidentProfile.from_corpus({"id": entry["ref"], **profile})
        judged.append(
            Judged(
                resident,
                {ref: int(g) for ref, g in entry["grades"].items()},
                str(entry.get("split", "tune")),
                tuple(entry.get("patterns", ())),
            )
        )
    return judged


def outcomes(path: Path) -> list[Outcome]:
    """Every judged resident with the engine's top ten over the open corpus postings."""
    today = today_of(path)
    postings = [o for o in load_opportunities() if o.is_open]
    found = []
    for judged in load(path):
        top = top_matches_for_resident(judged.resident, postings, K, today)
        found.append(Outcome(judged, [m.ref for m in top]))
    return found


@dataclass(frozen=True)
class Figures:
    count: int
    ndcg: float
    best_on_top: float

    def __str__(self) -> str:
        return (
            f"nDCG@{K} {self.ndcg:.3f}, best kans in the top {TOP} "
            f"{100 * self.best_on_top:.0f}% (n={self.count})"
        )


def figures(found: Iterable[Outcome]) -> Figures:
    items = list(found)
    return Figures(
        len(items),
        statistics.mean(o.ndcg for o in items),
        sum(o.best_on_top for o in items) / len(items),
    )


def report() -> str:
    """The figures of both sets, each half of the second, and the tuning half's weakest."""
    first = outcomes(FIRST_SET)
    second = outcomes(SECOND_SET)
    lines = [
        f"first set (35 corpus residents):  {figures(first)}",
        f"second set, all:                  {figures(second)}",
    ]
    for split in ("tune", "held_out"):
        half = [o for o in second if o.judged.split == split]
        lines.append(f"second set, {split + ':':<22}{figures(half)}")
    patterns = sorted({p for o in second for p in o.judged.patterns})
    for pattern in patterns:
        with_it = [o for o in second if pattern in o.judged.patterns]
        lines.append(f"  pattern {pattern + ':':<24}{figures(with_it)}")
    tune = sorted((o for o in second if o.judged.split == "tune"), key=lambda o: o.ndcg)
    lines.append(
        "weakest of the tuning half: "
        + ", ".join(f"{o.judged.resident.ref} {o.ndcg:.2f}" for o in tune[:8])
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
