"""In-process measurements against the benchmark database: server time, queries, peak memory.

Run by ``bench/run.py`` once per database (``DATABASE_URL``/``UTBLICK_DATA_DIR``
chosen by it); prints one JSON object on the last line of stdout.

    python -m bench.measure national   # the pages, the report, the floor, the admin
    python -m bench.measure scaling    # the list page at 1 000, 10 000 and 100 000 activities
    python -m bench.measure session    # a logged-in session and an API key, for the HTTP load
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench import floor  # noqa: E402
from utblick.accounts.models import Membership, Role  # noqa: E402
from utblick.accounts.tokens import token_create  # noqa: E402
from utblick.activities.models import Activity  # noqa: E402
from utblick.municipalities.models import Municipality  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def users(slug: str) -> tuple[Any, Any]:
    """A platform administrator (for the admin) and the municipality's coordinator."""
    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", "bench@example.se", "bench-password"
    )
    municipality = Municipality.objects.get(slug=slug)
    coordinator = User.objects.filter(username=f"bench-{slug}").first()
    if coordinator is None:
        coordinator = User.objects.create_user(
            f"bench-{slug}", f"{slug}@example.se", "bench-password"
        )
        Membership.objects.create(
            user=coordinator, municipality=municipality, role=Role.COORDINATOR
        )
    return admin, coordinator


def client_for(user: Any, **headers: str) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def fetch(client: Client, url: str) -> Callable[[], int]:
    def run() -> int:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return len(body)

    return run


def measure(fn: Callable[[], Any], runs: int = RUNS, warmup: int = 2) -> dict[str, Any]:
    """Median and p95 wall time, queries and peak Python memory of one call."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    times.sort()
    queries = []

    def count(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        fn()
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 2),
        "queries": len(queries),
        "peak_mb": round(peak / 1e6, 1),
        "runs": runs,
    }


def national(slug: str = "benchby") -> dict[str, Any]:
    admin, coordinator = users(slug)
    m = Municipality.objects.get(slug=slug)
    _token, key = token_create(user=coordinator, name="bench")
    staff, api = client_for(coordinator), client_for(coordinator, Authorization=f"Bearer {key}")
    root = client_for(admin)
    public = Client()
    activity = Activity.objects.filter(municipality=m, published=True).order_by("pk").first()
    count = Activity.objects.filter(municipality=m).count()
    kind, status = "project", "active"
    results: dict[str, Any] = {"municipality": slug, "activities_in_municipality": count}
    results["internal_list"] = measure(
        fetch(staff, f"/app/{slug}/register/?typ={kind}&status={status}")
    )
    results["internal_list_floor"] = measure(lambda: floor.internal_list(m.pk, kind, status))
    results["internal_list_admin"] = measure(
        fetch(
            root,
            f"/bench-admin/activities/activity/?municipality__id__exact={m.pk}&kind__exact={kind}&status__exact={status}",
        )
    )
    results["api_list"] = measure(
        fetch(api, f"/api/v1/{slug}/activities?typ={kind}&status={status}")
    )
    results["public_list"] = measure(fetch(public, f"/{slug}/aktiviteter/?typ={kind}"))
    results["public_list_floor"] = measure(lambda: floor.public_list(m.pk, kind))
    results["public_list_admin"] = measure(
        fetch(
            root,
            f"/bench-admin/public/publicactivity/?municipality__id__exact={m.pk}&kind__exact={kind}",
        )
    )
    results["activity_page"] = measure(fetch(staff, f"/app/{slug}/register/{activity.pk}/"))
    results["public_activity_page"] = measure(fetch(public, f"/{slug}/aktiviteter/{activity.pk}/"))
    results["csv_export"] = measure(fetch(staff, f"/app/{slug}/register/export.csv"), runs=5)
    results["compliance_page"] = measure(fetch(staff, f"/app/{slug}/efterlevnad/"), runs=5)
    results["report_pdf"] = measure(_report(m), runs=3, warmup=1)
    results["search_page"] = _search(staff, slug)
    return results


#: Header searches a coordinator types: a place, a word of the titles, a misspelt
#: name without å/ä/ö, an inflected form and a word nothing matches.
SEARCHES = ("skola", "klimat", "goteborg", "vänorter", "xyzzy")


def _search(client: Client, slug: str) -> dict[str, Any]:
    """The whole search results page, each query measured; the slowest query's figures."""
    runs = [measure(fetch(client, f"/app/{slug}/sok/?q={q}"), runs=11) for q in SEARCHES]
    worst = max(runs, key=lambda r: r["median_ms"])
    return worst | {"queries_typed": list(SEARCHES)}


def _report(m: Municipality) -> Callable[[], int]:
    from utblick.reports.data import Scope, build_report
    from utblick.reports.render import RENDERERS

    def run() -> int:
        return len(RENDERERS["pdf"](build_report(Scope(m, 2026, None, None)), ""))

    return run


def scaling() -> dict[str, Any]:
    results = {}
    for slug in ("skala1k", "skala10k", "skala100k"):
        _admin, coordinator = users(slug)
        staff = client_for(coordinator)
        m = Municipality.objects.get(slug=slug)
        size = Activity.objects.filter(municipality=m).count()
        results[slug] = {
            "activities": size,
            "internal_list": measure(
                fetch(staff, f"/app/{slug}/register/?typ=project&status=active")
            ),
            "internal_list_floor": measure(
                lambda m=m: floor.internal_list(m.pk, "project", "active")
            ),
            "public_list": measure(fetch(Client(), f"/{slug}/aktiviteter/?typ=project")),
            "public_list_floor": measure(lambda m=m: floor.public_list(m.pk, "project")),
            "search_page": _search(staff, slug),
        }
    return results


def session(slug: str = "benchby") -> dict[str, Any]:
    """Credentials for the HTTP load: a session cookie for each user and an API key."""
    from django.contrib.sessions.backends.db import SessionStore

    admin, coordinator = users(slug)
    cookies = {}
    for name, user in (("admin", admin), ("coordinator", coordinator)):
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        cookies[name] = store.session_key
    _token, key = token_create(user=coordinator, name="bench-load")
    m = Municipality.objects.get(slug=slug)
    return {"cookies": cookies, "api_key": key, "municipality_id": m.pk}


if __name__ == "__main__":
    what = sys.argv[1]
    print(json.dumps({"national": national, "scaling": scaling, "session": session}[what]()))
