"""Matchmaking at district scale: shortlist latency, memory and recall against brute force.

Run: ``python bench/matching_bench.py [--residents 100000 --opportunities 50000]``.

Generates a synthetic district (seeds/generate.py), imports it into a fresh SQLite
database, builds both indexes in a Meilisearch it starts itself, then times top-10
lists through the real service (index shortlist, and the database fallback), and
compares the shortlist's top 10 with brute force (the engine over every candidate).
Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
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
    parser.add_argument("--recall-picks", type=int, default=20, help="brute-force comparisons")
    parser.add_argument("--hit-limit", type=int, default=None, help="default: the service's")
    parser.add_argument("--seed", type=int, default=2026)
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

    from meedoen.db import migrate, start_pool
    from meedoen.demo.corpus_import import import_corpus
    from meedoen.indexing.indexer import OPPORTUNITIES, SearchIndexer, opportunity_documents
    from meedoen.indexing.tables import OutboxEvent
    from meedoen.matching import top_candidates_for_opportunity, top_matches_for_resident
    from meedoen.matching.service import (
        _opportunities,
        _resident_profile,
        _residents,
        candidates_for_opportunity,
        matches_for_resident,
    )
    from meedoen.matching.shortlist import DEFAULT_HIT_LIMIT, published
    from meedoen.residents.tables import Resident
    from meedoen.runtime import Runtime
    from meedoen.search.binary import ensure_meilisearch
    from meedoen.search.server import MeilisearchServer
    from meedoen.settings import load_settings

    if args.hit_limit is None:
        args.hit_limit = DEFAULT_HIT_LIMIT
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
        indexer = SearchIndexer(runtime.search.writer, runtime.search.index_name(OPPORTUNITIES))
        started = time.perf_counter()
        # Not indexer.rebuild(): its index swap task is invisible to the scoped key (see
        # the report); a fresh server needs no swap anyway. A kept district only gets
        # its settings brought up to date.
        await indexer.ensure_index()
        if fresh:
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
        opportunity_refs = [o.ref for o in await _opportunities(published())]
        some_residents = rng.sample(resident_refs, min(args.picks, len(resident_refs)))
        some_opportunities = rng.sample(opportunity_refs, min(args.picks, len(opportunity_refs)))

        def for_resident(ref: str, search: Any) -> Callable[[], Awaitable[Any]]:
            return lambda: matches_for_resident(search, ref, 10, TODAY, hit_limit=args.hit_limit)

        def for_opportunity(ref: str, search: Any) -> Callable[[], Awaitable[Any]]:
            return lambda: candidates_for_opportunity(
                search, ref, 10, audience="organisation", today=TODAY, hit_limit=args.hit_limit
            )

        await timed([for_resident(r, runtime) for r in some_residents[:5]])  # warm-up
        process = psutil.Process()
        meili_process = psutil.Process(server.pid) if server.pid else None
        latencies = {
            "top-10 for a resident (index)": await timed(
                [for_resident(r, runtime) for r in some_residents]
            ),
            "top-10 for an opportunity (index)": await timed(
                [for_opportunity(r, runtime) for r in some_opportunities]
            ),
            "top-10 for a resident (database fallback)": await timed(
                [for_resident(r, None) for r in some_residents[: args.fallback_picks]]
            ),
            "top-10 for an opportunity (database fallback)": await timed(
                [for_opportunity(r, None) for r in some_opportunities[: args.fallback_picks]]
            ),
        }
        for name, timings in latencies.items():
            p50, p95 = ms_stats(timings)
            rows.append((name, f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (n={len(timings)})"))

        tracemalloc.start()
        await timed([for_resident(r, runtime) for r in some_residents[:20]])
        await timed([for_opportunity(r, runtime) for r in some_opportunities[:20]])
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            ("python peak allocations (tracemalloc, 40 lists)", f"{traced_peak / 2**20:.1f} MiB")
        )
        rows.append(("bench process RSS", f"{process.memory_info().rss / 2**20:.0f} MiB"))
        if meili_process is not None:
            rows.append(("meilisearch RSS", f"{meili_process.memory_info().rss / 2**20:.0f} MiB"))

        # Brute force: the engine over every open published opportunity / findable resident.
        all_opportunities = await _opportunities(published())
        findable = [
            _resident_profile(r) for r in await _residents(Resident.visibility == "findable")
        ]
        residents_by_ref = {
            r["ref"]: _resident_profile(r)
            for r in await _residents(Resident.ref.is_in(some_residents[: args.recall_picks]))
        }
        opportunities_by_ref = {o.ref: o for o in all_opportunities}
        resident_recall, resident_gap, brute_resident_ms = [], [], []
        for ref in some_residents[: args.recall_picks]:
            started = time.perf_counter()
            brute = top_matches_for_resident(residents_by_ref[ref], all_opportunities, 10, TODAY)
            brute_resident_ms.append((time.perf_counter() - started) * 1000)
            found = await matches_for_resident(runtime, ref, 10, TODAY, hit_limit=args.hit_limit)
            resident_recall.append(recall([m.ref for m in found], [m.ref for m in brute]))
            resident_gap.append(score_gap([m.score for m in found], [m.score for m in brute]))
        candidate_recall, candidate_gap, brute_candidate_ms = [], [], []
        for ref in some_opportunities[: args.recall_picks]:
            started = time.perf_counter()
            brute = top_candidates_for_opportunity(opportunities_by_ref[ref], findable, 10, TODAY)
            brute_candidate_ms.append((time.perf_counter() - started) * 1000)
            found = await candidates_for_opportunity(
                runtime, ref, 10, audience="organisation", today=TODAY, hit_limit=args.hit_limit
            )
            candidate_recall.append(
                recall([m.resident_ref for m in found], [m.resident_ref for m in brute])
            )
            candidate_gap.append(score_gap([m.score for m in found], [m.score for m in brute]))
        await runtime.search.close()

    shortlist_resident = statistics.median(latencies["top-10 for a resident (index)"])
    shortlist_candidate = statistics.median(latencies["top-10 for an opportunity (index)"])
    rows += [
        (
            "brute force top-10 for a resident",
            f"p50 {statistics.median(brute_resident_ms):7.1f} ms over {len(all_opportunities)} "
            f"open postings  ({statistics.median(brute_resident_ms) / shortlist_resident:.0f}x "
            "the shortlist)",
        ),
        (
            "brute force top-10 for an opportunity",
            f"p50 {statistics.median(brute_candidate_ms):7.1f} ms over {len(findable)} findable "
            f"residents  ({statistics.median(brute_candidate_ms) / shortlist_candidate:.0f}x)",
        ),
        (
            "recall@10 resident -> opportunities",
            f"{statistics.mean(resident_recall):.3f} "
            f"(min {min(resident_recall):.2f}, n={len(resident_recall)})",
        ),
        (
            "recall@10 opportunity -> residents",
            f"{statistics.mean(candidate_recall):.3f} "
            f"(min {min(candidate_recall):.2f}, n={len(candidate_recall)})",
        ),
        (
            "score gap@10 resident -> opportunities",
            f"{statistics.mean(resident_gap):.2f} points (max {max(resident_gap):.2f})",
        ),
        (
            "score gap@10 opportunity -> residents",
            f"{statistics.mean(candidate_gap):.2f} points (max {max(candidate_gap):.2f})",
        ),
        ("peak RSS of the bench process", f"{_peak_rss_mib():.0f} MiB"),
    ]
    width = max(len(name) for name, _ in rows)
    print(
        f"\nMatching bench: {args.residents} residents, {args.opportunities} opportunities, "
        f"hit limit {args.hit_limit}"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


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
