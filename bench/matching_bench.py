"""Matchmaking at district scale: shortlist latency, memory and recall against brute force.

Run: ``python bench/matching_bench.py [--workdir DIR] [--residents 100000 --opportunities 50000]``.

Generates a synthetic district (seeds/generate.py), imports it into a fresh SQLite
database, builds both indexes in a Meilisearch it starts itself, then times top-10
lists through the real service (index shortlist, and the database fallback), and
compares the shortlist's top 10 with brute force over every candidate (see
``brute_force_comparison``). Figures are printed, never asserted: they depend on the
machine. With ``--workdir`` the district is kept and reused by the next run (its
indexes are rebuilt when the documents the indexer writes have changed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 24)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=600)
    parser.add_argument("--picks", type=int, default=200, help="timed top-10 lists per direction")
    parser.add_argument("--fallback-picks", type=int, default=20)
    parser.add_argument(
        "--recall-picks", type=int, default=100, help="brute-force comparisons per direction"
    )
    parser.add_argument(
        "--engine-picks", type=int, default=5, help="of those, also with the engine over all"
    )
    parser.add_argument(
        "--keep",
        type=int,
        default=None,
        help="candidates the engine scores; default: the service's",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--recall-seed", type=int, default=7, help="picks for the recall")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the district, database and Meilisearch here and reuse them on the next run",
    )
    return parser.parse_args()


def configure(workdir: Path) -> None:
    # Before meedoen.piccolo_conf is imported: it reads DATABASE_URL once.
    os.environ.update(
        MEEDOEN_ENV="development",
        MEEDOEN_DATA_DIR=str(workdir),
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite'}",
        MEILI_INDEX_PREFIX="bench_",
        SECRET_KEY=secrets.token_urlsafe(40),
    )
    sys.path.insert(0, str(ROOT / "seeds"))


def ms_stats(timings: list[float]) -> tuple[float, float]:
    if len(timings) < 2:
        return (timings[0], timings[0]) if timings else (0.0, 0.0)
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return statistics.median(timings), cuts[94]


async def timed(calls: list[Callable[[], Awaitable[Any]]]) -> list[float]:
    timings = []
    for call in calls:
        started = time.perf_counter()
        await call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def recall(found: list[str], expected: list[str]) -> float:
    return len(set(found) & set(expected)) / len(expected) if expected else 1.0


def score_gap(found: list[float], expected: list[float]) -> float:
    """Mean points lost per rank: brute force's i-th score minus the shortlist's.

    With many equal scores (near-copies of a posting) recall punishes an equally good
    list; the gap does not. A missing rank counts as a score of 0.
    """
    if not expected:
        return 0.0
    padded = [*found, *[0.0] * len(expected)][: len(expected)]
    return statistics.mean(e - f for e, f in zip(expected, padded, strict=True))


async def run(args: argparse.Namespace, workdir: Path) -> None:
    from generate import generate_district

    from meedoen.app.background import search_indexer
    from meedoen.db import migrate, start_pool
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.indexing.indexer import OPPORTUNITIES
    from meedoen.indexing.tables import OutboxEvent
    from meedoen.matching.documents import opportunity_documents
    from meedoen.matching.service import candidates_for_opportunity, matches_for_resident
    from meedoen.matching.shortlist import DEFAULT_KEEP
    from meedoen.opportunities.for_matching import published_rows
    from meedoen.residents.tables import Resident
    from meedoen.runtime import Runtime
    from meedoen.search.binary import ensure_meilisearch
    from meedoen.search.gateway import NO_SEARCH
    from meedoen.search.server import MeilisearchServer
    from meedoen.settings import load_settings

    if args.keep is None:
        args.keep = DEFAULT_KEEP
    rows: list[tuple[str, str]] = []
    built = workdir / "built"  # a kept workdir holds a whole district: reuse it
    fresh = not built.exists()
    if fresh:
        started = time.perf_counter()
        counts = generate_district(
            workdir / "district", args.residents, args.opportunities, args.organisations, args.seed
        )
        rows.append(("generate district", f"{time.perf_counter() - started:.1f} s  {counts}"))

    await migrate()
    await start_pool()
    if fresh:
        started = time.perf_counter()
        await import_corpus(workdir / "district")
        rows.append(("import into SQLite", f"{time.perf_counter() - started:.1f} s"))
        await OutboxEvent.delete(force=True).run()  # the indexes are built whole below

    key_file = workdir / "meili.key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(32))
    master_key = key_file.read_text()
    server = MeilisearchServer(workdir / "meili", master_key, binary=ensure_meilisearch())
    with server:
        os.environ.update(MEILI_URL=server.url, MEILI_MASTER_KEY=master_key)
        runtime = Runtime(load_settings())
        await runtime.search.connect()
        assert runtime.search.writer is not None, "Meilisearch did not answer"
        indexer = search_indexer(
            runtime.search.writer, runtime.search.index_name(OPPORTUNITIES), extra=False
        )
        started = time.perf_counter()
        # Not indexer.rebuild(): its index swap task is invisible to the scoped key (see
        # the report); a fresh server needs no swap anyway. A kept district gets its
        # settings brought up to date, and its documents when they are not what the
        # indexer writes today.
        await indexer.ensure_index()
        if fresh or not await documents_current(runtime, indexer):
            documents = await opportunity_documents()
            for start in range(0, len(documents), 5000):
                await indexer.upsert(documents[start : start + 5000])
            indexed_residents = await indexer.rebuild_residents()
            built.touch()
            rows.append(
                (
                    "build both indexes",
                    f"{time.perf_counter() - started:.1f} s "
                    f"({indexed_residents} residents indexed, not private)",
                )
            )
        else:
            rows.append(("reuse kept district", f"{time.perf_counter() - started:.1f} s"))

        rng = random.Random(args.seed)
        resident_refs = [r["ref"] for r in await Resident.select(Resident.ref).run()]
        opportunity_refs = [row["ref"] for row in await published_rows()]
        some_residents = rng.sample(resident_refs, min(args.picks, len(resident_refs)))
        some_opportunities = rng.sample(opportunity_refs, min(args.picks, len(opportunity_refs)))

        def for_resident(ref: str, search: Any) -> Callable[[], Awaitable[Any]]:
            return lambda: matches_for_resident(search, ref, 10, TODAY, keep=args.keep)

        def for_opportunity(ref: str, search: Any) -> Callable[[], Awaitable[Any]]:
            return lambda: candidates_for_opportunity(
                search, ref, 10, audience="organisation", today=TODAY, keep=args.keep
            )

        await timed(
            [for_resident(r, runtime.search_gateway()) for r in some_residents[:5]]
        )  # warm-up
        process = psutil.Process()
        meili_process = psutil.Process(server.pid) if server.pid else None
        latencies = {
            "top-10 for a resident (index)": await timed(
                [for_resident(r, runtime.search_gateway()) for r in some_residents]
            ),
            "top-10 for an opportunity (index)": await timed(
                [for_opportunity(r, runtime.search_gateway()) for r in some_opportunities]
            ),
            "top-10 for a resident (database fallback)": await timed(
                [for_resident(r, NO_SEARCH) for r in some_residents[: args.fallback_picks]]
            ),
            "top-10 for an opportunity (database fallback)": await timed(
                [for_opportunity(r, NO_SEARCH) for r in some_opportunities[: args.fallback_picks]]
            ),
        }
        for name, timings in latencies.items():
            p50, p95 = ms_stats(timings)
            rows.append((name, f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (n={len(timings)})"))

        tracemalloc.start()
        await timed([for_resident(r, runtime.search_gateway()) for r in some_residents[:20]])
        await timed([for_opportunity(r, runtime.search_gateway()) for r in some_opportunities[:20]])
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            ("python peak allocations (tracemalloc, 40 lists)", f"{traced_peak / 2**20:.1f} MiB")
        )
        rows.append(("bench process RSS", f"{process.memory_info().rss / 2**20:.0f} MiB"))
        if meili_process is not None:
            rows.append(("meilisearch RSS", f"{meili_process.memory_info().rss / 2**20:.0f} MiB"))

        # Recall is measured on other picks than the ones the shortlist was tuned on.
        held_out = random.Random(args.recall_seed)
        rows += await brute_force_comparison(
            args,
            runtime,
            held_out.sample(resident_refs, min(args.recall_picks, len(resident_refs))),
            held_out.sample(opportunity_refs, min(args.recall_picks, len(opportunity_refs))),
        )
        await runtime.search.close()
    rows.append(("peak RSS of the bench process", f"{_peak_rss_mib():.0f} MiB"))
    width = max(len(name) for name, _ in rows)
    print(
        f"\nMatching bench: {args.residents} residents, {args.opportunities} opportunities, "
        f"the engine scores {args.keep} pre-ranked candidates"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


Ranked = list[tuple[str, float]]


async def brute_force_comparison(
    args: argparse.Namespace, runtime: Any, residents: list[str], opportunities: list[str]
) -> list[tuple[str, str]]:
    """Recall of the brute-force top ten, over every open posting / findable resident.

    Brute force is the pre-rank over every candidate (the engine's arithmetic, ~40x
    faster); on ``--engine-picks`` picks per direction the engine itself runs over every
    candidate too, and must give the very same top ten (refs and scores), which is also
    where the brute-force time comes from.
    """
    from meedoen.matching import top_candidates_for_opportunity, top_matches_for_resident
    from meedoen.matching.facts import posting_facts
    from meedoen.matching.prerank import ResidentSide, estimate
    from meedoen.matching.service import (
        _opportunity_profile,
        _resident_profile,
        candidates_for_opportunity,
        matches_for_resident,
    )
    from meedoen.opportunities.for_matching import published_rows
    from meedoen.residents.for_matching import ResidentFilter, resident_row, resident_rows

    started = time.perf_counter()
    postings = [_opportunity_profile(row) for row in await published_rows()]
    facts = {posting.ref: posting_facts(posting) for posting in postings}
    # The default filter lets through the findable residents only.
    findable = [_resident_profile(r) for r in await resident_rows(ResidentFilter())]
    sides = [ResidentSide(resident, TODAY) for resident in findable]
    picked = [
        row
        for ref in residents[: args.recall_picks]
        if (row := await resident_row(ref)) is not None
    ]
    people = {row["ref"]: _resident_profile(row) for row in picked}
    by_ref = {posting.ref: posting for posting in postings}
    prepared = time.perf_counter() - started

    def best(scored: list[tuple[float | None, str]]) -> Ranked:
        kept = sorted((-value, ref) for value, ref in scored if value is not None)
        return [(ref, -value) for value, ref in kept[:10]]

    def brute_postings(ref: str) -> Ranked:
        side = ResidentSide(people[ref], TODAY)
        return best([(estimate(side, p, facts[p.ref]), p.ref) for p in postings])

    def brute_residents(ref: str) -> Ranked:
        posting, found = by_ref[ref], facts[ref]
        return best([(estimate(side, posting, found), side.resident.ref) for side in sides])

    same = 0
    engine_ms: dict[str, list[float]] = {"resident": [], "opportunity": []}
    for ref in residents[: args.engine_picks]:
        clock = time.perf_counter()
        engine = top_matches_for_resident(people[ref], postings, 10, TODAY)
        engine_ms["resident"].append((time.perf_counter() - clock) * 1000)
        same += [(m.ref, m.score) for m in engine] == brute_postings(ref)
    for ref in opportunities[: args.engine_picks]:
        clock = time.perf_counter()
        engine = top_candidates_for_opportunity(by_ref[ref], findable, 10, TODAY)
        engine_ms["opportunity"].append((time.perf_counter() - clock) * 1000)
        same += [(m.resident_ref, m.score) for m in engine] == brute_residents(ref)

    found_for: dict[str, list[tuple[Ranked, Ranked]]] = {"resident": [], "opportunity": []}
    for ref in residents[: args.recall_picks]:
        matches = await matches_for_resident(
            runtime.search_gateway(), ref, 10, TODAY, keep=args.keep
        )
        shortlist = [(m.ref, m.score) for m in matches]
        found_for["resident"].append((shortlist, brute_postings(ref)))
    for ref in opportunities[: args.recall_picks]:
        matches = await candidates_for_opportunity(
            runtime.search_gateway(), ref, 10, audience="organisation", today=TODAY, keep=args.keep
        )
        shortlist = [(m.resident_ref, m.score) for m in matches]
        found_for["opportunity"].append((shortlist, brute_residents(ref)))

    checked = 2 * min(args.engine_picks, args.recall_picks)
    rows = [
        (
            "brute force = engine over everything",
            f"{same} of {checked} top-10 lists identical (prepared in {prepared:.0f} s)",
        ),
        (
            "brute force top-10 for a resident",
            f"p50 {statistics.median(engine_ms['resident'] or [0]):7.0f} ms over "
            f"{len(postings)} open postings (engine, n={len(engine_ms['resident'])})",
        ),
        (
            "brute force top-10 for an opportunity",
            f"p50 {statistics.median(engine_ms['opportunity'] or [0]):7.0f} ms over "
            f"{len(findable)} findable residents (engine, n={len(engine_ms['opportunity'])})",
        ),
    ]
    for direction, label in (
        ("resident", "resident -> postings"),
        ("opportunity", "posting -> residents"),
    ):
        pairs = found_for[direction]
        strict = [recall([r for r, _ in found], [r for r, _ in brute]) for found, brute in pairs]
        ties = [as_good(found, brute) for found, brute in pairs]
        gaps = [score_gap([s for _, s in found], [s for _, s in brute]) for found, brute in pairs]
        rows += [
            (
                f"recall@10 {label}",
                f"{statistics.mean(strict):.3f} (min {min(strict):.1f}; n={len(strict)}); "
                f"counting equal scores as found {statistics.mean(ties):.3f}",
            ),
            (
                f"score gap@10 {label}",
                f"{statistics.mean(gaps):.2f} points (max {max(gaps):.2f})",
            ),
        ]
    return rows


def as_good(found: Ranked, brute: Ranked) -> float:
    """Share of the brute-force top ten matched by a suggestion scoring at least as much.

    The district holds near-copies of postings and residents, so many share a score;
    brute force then keeps the lowest refs, and strict recall counts an equally good
    suggestion as a miss.
    """
    if not brute:
        return 1.0
    tenth = brute[-1][1]
    return min(len(brute), sum(1 for _, value in found if value >= tenth)) / len(brute)


async def documents_current(runtime: Any, indexer: Any) -> bool:
    """Do the kept indexes hold what the indexer writes today (checked on one of each)?"""
    from meedoen.matching.documents import opportunity_documents
    from meedoen.matching.residents_index import resident_documents
    from meedoen.opportunities.tables import Opportunity
    from meedoen.residents.tables import Resident

    opportunity = await Opportunity.select(Opportunity.ref).limit(1)
    resident = await Resident.select(Resident.ref).where(Resident.visibility == "findable").limit(1)
    samples = [
        (indexer.index_uid, await opportunity_documents([opportunity[0]["ref"]])),
        (indexer.residents_uid, await resident_documents([resident[0]["ref"]])),
    ]
    for uid, (wanted,) in samples:
        response = await runtime.search.writer.http_client.get(
            f"indexes/{uid}/documents/{wanted['ref']}"
        )
        if response.status_code != 200 or response.json() != json.loads(json.dumps(wanted)):
            return False
    return True


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    args = parse_args()
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        configure(args.workdir.resolve())
        asyncio.run(run(args, args.workdir.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="matching-bench-") as workdir:
        configure(Path(workdir))
        asyncio.run(run(args, Path(workdir)))


if __name__ == "__main__":
    main()
