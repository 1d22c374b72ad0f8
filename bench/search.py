"""Search at national scale: median and p95 time of one search, on SQLite and PostgreSQL.

Builds the national benchmark's data (``utblick.demo.national``: by default
290 municipalities, 100 000 activities, 20 000 partners) in a fresh database
of its own, plus one very large municipality (``--big``, 20 000 activities by
default) as the worst case, then times the search selector and the whole
results page for a handful of queries in Benchby (the first municipality, 500
activities), in an average municipality and in the big one. Target: under 200 ms.

    python bench/search.py [--db sqlite,postgres] [--municipalities 290]
        [--activities 100000] [--partners 20000] [--big 20000] [--runs 15]

PostgreSQL runs on a throwaway cluster (as root, like .ci/run). The data is
kept under bench/data/search-<db>/ and reused by the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
PGBIN = Path("/usr/lib/postgresql/15/bin")
PGPORT = 55447
QUERIES = ["göteborg", "malmo", "vänorter", "skola", "klimat 00042", "exempel", "xyzzy", '"NEAR(*']


def child(options: argparse.Namespace) -> None:
    """In the process whose environment names the database: build, then measure."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from utblick.accounts.access import access_for
    from utblick.activities.models import Activity
    from utblick.demo.national import Scale, generate
    from utblick.municipalities.models import Municipality
    from utblick.search.selectors import search

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(
        Scale(
            municipalities=options.municipalities,
            activities=options.activities,
            partners=options.partners,
            followups_per_activity=1,
        )
    )
    if options.big:
        generate(
            Scale(
                municipalities=1,
                activities=options.big,
                partners=300,
                slugs=["storby"],
                sizes=[options.big],
                first_size=options.big,
                followups_per_activity=0,
            )
        )
    built = time.perf_counter() - started
    user, _ = get_user_model().objects.get_or_create(
        username="bench-search", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    ordered = list(Municipality.objects.order_by("pk"))
    places = [ordered[0], ordered[len(ordered) // 2]]
    if options.big:
        places.append(Municipality.objects.get(slug="storby"))
    rows = []
    for municipality in places:
        access = access_for(user, municipality.slug)
        size = Activity.objects.filter(municipality=municipality).count()
        for query in QUERIES:
            selector, page = [], []
            for _ in range(options.runs):
                t = time.perf_counter()
                found = search(access=access, query=query)
                selector.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                response = client.get(
                    reverse("search:results", args=[municipality.slug]), {"q": query}
                )
                page.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, response.status_code
            rows.append(
                {
                    "municipality": municipality.slug,
                    "activities": size,
                    "query": query,
                    "hits": found.total,
                    "selector_median_ms": round(statistics.median(selector), 1),
                    "selector_p95_ms": round(sorted(selector)[int(0.95 * (len(selector) - 1))], 1),
                    "page_median_ms": round(statistics.median(page), 1),
                    "page_p95_ms": round(sorted(page)[int(0.95 * (len(page) - 1))], 1),
                }
            )
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "built_s": round(built, 1),
                "activities": Activity.objects.count(),
                "rows": rows,
            }
        )
    )


def table(result: dict[str, Any]) -> None:
    print(
        f"\n== search on {result['vendor']}: {result['activities']} activities in all "
        f"(data built in {result['built_s']} s) =="
    )
    print(
        f"{'municipality':<14}{'acts':>7}  {'query':<16}{'hits':>6}"
        f"{'search med':>12}{'p95':>8}{'page med':>10}{'p95':>8}  (ms)"
    )
    for r in result["rows"]:
        print(
            f"{r['municipality']:<14}{r['activities']:>7}  {r['query']:<16}{r['hits']:>6}"
            f"{r['selector_median_ms']:>12}{r['selector_p95_ms']:>8}"
            f"{r['page_median_ms']:>10}{r['page_p95_ms']:>8}"
        )
    worst = max(r["page_p95_ms"] for r in result["rows"])
    print(f"worst page p95: {worst} ms (target < 200 ms): {'ok' if worst < 200 else 'OVER'}")


def run(db: str, options: argparse.Namespace, passthrough: list[str]) -> None:
    folder = DATA / f"search-{db}"
    folder.mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "UTBLICK_ENV": "development",
        "UTBLICK_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    cluster = folder / "pg"
    if db == "postgres":
        if not cluster.exists():
            cluster.mkdir()
            shutil.chown(cluster, "postgres")
            su(f"{PGBIN}/initdb -D {cluster}/data -U postgres -E UTF8 --locale=C.UTF-8 -A trust")
        su(
            f"{PGBIN}/pg_ctl -D {cluster}/data -l {cluster}/log -w "
            f"-o '-h 127.0.0.1 -p {PGPORT} -k {cluster}' start"
        )
        su(f"createdb -h 127.0.0.1 -p {PGPORT} -U postgres utblick_search", check=False)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{PGPORT}/utblick_search"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", *passthrough],
            env=env,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            check=True,
        ).stdout
        table(json.loads(out.strip().splitlines()[-1]))
    finally:
        if db == "postgres":
            su(f"{PGBIN}/pg_ctl -D {cluster}/data -m fast stop", check=False)


def su(command: str, check: bool = True) -> None:
    subprocess.run(["su", "postgres", "-c", command], check=check, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--municipalities", type=int, default=290)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--child", action="store_true")
    options = parser.parse_args()
    if options.child:
        child(options)
        return
    passthrough = [
        f"--{name}={getattr(options, name)}"
        for name in ("municipalities", "activities", "partners", "big", "runs")
    ]
    for db in options.db.split(","):
        run(db, options, passthrough)


if __name__ == "__main__":
    main()
