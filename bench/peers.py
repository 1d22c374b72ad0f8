"""Peers at national scale: median and p95 time of a peer question, and of the API's answer.

Builds the national demo (290 municipalities, 100 000 activities, 20 000 partners; the
published ones are what the peers page reads) in a SQLite database of its own under
bench/data/peers/, once, then asks each kind of question with values taken from the
published data (a place, a country, a partner's name and PIC, a network, a programme)
and times ``peers.selectors.peers`` and ``GET /api/v1/peers`` as a member would.
Target: under 200 ms.

    python -m bench.peers [--runs 15] [--activities 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "peers"
TARGET_MS = 200.0


def build(activities: int) -> None:
    utblick = [sys.executable, "-m", "utblick"]
    subprocess.run([*utblick, "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
    subprocess.run(
        [*utblick, "demo", "--scale", "national", "--activities", str(activities), "--quiet"],
        cwd=ROOT,
        check=True,
    )
    (DATA / "built").write_text(str(activities))


def questions() -> dict[str, dict[str, str]]:
    """Real values from what is published: every question finds something (but the PIC)."""
    from utblick.activities.models import Kind
    from utblick.public.models import PublicActivity

    published = PublicActivity.objects.exclude(partners=[])
    agreement = published.filter(kind__in=(Kind.TWIN_CITY, Kind.PARTNERSHIP)).first()
    network = PublicActivity.objects.filter(kind=Kind.NETWORK).exclude(network="").first()
    partner = next(p for p in agreement.partners if p["role"] != "network")
    return {
        "place": {"ort": agreement.place},
        "country": {"ort": agreement.country},
        "partner name": {"partner": partner["name"]},
        "partner name + country": {"partner": partner["name"], "land": partner["country"]},
        "partner PIC": {"partner": "999644536"},
        "network": {"natverk": network.network},
        "programme": {"program": "Erasmus"},
    }


def measure(runs: int) -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from utblick.accounts.tokens import token_create
    from utblick.municipalities.models import Municipality
    from utblick.peers.forms import PeerForm
    from utblick.peers.selectors import peers
    from utblick.testing.fixtures import make_member

    asker = Municipality.objects.order_by("name").first()
    user = get_user_model().objects.filter(username="peers-bench").first()
    user = user or make_member(asker, "peers-bench", "reader")
    _token, key = token_create(user=user, name="bench")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    rows = []
    for label, params in questions().items():
        form = PeerForm(params)
        assert form.is_valid(), form.errors
        query = form.query()
        answer = peers(query)  # warm
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            peers(query)
            times.append((time.perf_counter() - started) * 1000)
        api = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get("/api/v1/peers", params)
            api.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
        rows.append(
            {
                "question": label,
                "municipalities": len(answer.peers),
                "activities": sum(len(p.activities) for p in answer.peers),
                "median_ms": statistics.median(times),
                "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))],
                "api_median_ms": statistics.median(api),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ["UTBLICK_DATA_DIR"] = str(DATA)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
    os.environ.setdefault("DEBUG", "false")
    marker = DATA / "built"
    if not marker.exists() or marker.read_text() != str(args.activities):
        started = time.perf_counter()
        build(args.activities)
        print(f"built the national demo in {time.perf_counter() - started:.0f} s", flush=True)
    import django

    django.setup()
    from utblick.public.models import PublicActivity

    print(f"published activities: {PublicActivity.objects.count()}")
    rows = measure(args.runs)
    print(f"{'question':<24}{'peers':>6}{'acts':>6}{'median ms':>11}{'p95 ms':>9}{'API ms':>9}")
    for r in rows:
        print(
            f"{r['question']:<24}{r['municipalities']:>6}{r['activities']:>6}"
            f"{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}{r['api_median_ms']:>9.1f}"
        )
    worst = max(r["p95_ms"] for r in rows)
    ok = worst < TARGET_MS
    print(
        f"\n  [{'ok' if ok else 'MISS'}] every peer question p95 < {TARGET_MS:.0f} ms (worst {worst:.1f} ms)"
    )


if __name__ == "__main__":
    main()
