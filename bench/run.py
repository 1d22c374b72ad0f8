"""`make bench`: Utblick at national scale, beside the floor and Django admin, on SQLite and PostgreSQL.

Builds the dataset on first use (``utblick demo --scale national``; minutes),
measures every page in-process (median and p95 server time, queries, peak
memory), the report PDF and a 10 000-row import, the throughput of a real
HTTP server (gunicorn, 2 workers) under a bounded load from wrk, and the list
page at 1 000, 10 000 and 100 000 activities. Prints tables and writes
``bench/results/<time>-<database>.json``.

    python bench/run.py [--db sqlite,postgres] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PGBIN = Path("/usr/lib/postgresql/15/bin")
PGPORT = 55439
HTTP_PORT = 8765 + 134

NATIONAL = ["--municipalities", "290", "--activities", "100000", "--partners", "20000"]
QUICK = ["--municipalities", "12", "--activities", "5000", "--partners", "800"]
SCALING = [
    "--names",
    "skala1k,skala10k,skala100k",
    "--sizes",
    "1000,10000,100000",
    "--partners",
    "300",
]
QUICK_SCALING = [
    "--names",
    "skala1k,skala10k,skala100k",
    "--sizes",
    "200,1000,5000",
    "--partners",
    "60",
]


def sh(args: list[str], env: dict[str, str] | None = None, quiet: bool = False) -> str:
    result = subprocess.run(
        args,
        env=env,
        cwd=ROOT,
        text=True,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(args)}\n{result.stdout[-2000:]}")
    return result.stdout


def ensure_tools(databases: list[str]) -> None:
    need = []
    if not shutil.which("wrk"):
        need.append("wrk")
    if "postgres" in databases and not (PGBIN / "initdb").exists():
        need.append("postgresql")
    if need:
        print(f"installing {' '.join(need)} with apt-get …", flush=True)
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *need],
            check=True,
            env=env,
        )


class Postgres:
    """A cluster kept under bench/data, started for the run and stopped after it."""

    def __init__(self, directory: Path):
        self.directory = directory

    def __enter__(self) -> Postgres:
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.directory, "postgres")
        data = self.directory / "data"
        if not data.exists():
            self._su(
                f"{PGBIN}/initdb -D {data} -U postgres -E UTF8 --locale=C.UTF-8 -A trust",
                quiet=True,
            )
        self._su(
            f"{PGBIN}/pg_ctl -D {data} -l {self.directory}/log -w -o '-h 127.0.0.1 -p {PGPORT} -k {self.directory}' start"
        )
        for name in (
            "utblick_bench",
            "utblick_scale",
            "utblick_bench_quick",
            "utblick_scale_quick",
        ):
            self._su(
                f"createdb -h 127.0.0.1 -p {PGPORT} -U postgres {name}", check=False, quiet=True
            )
        return self

    def __exit__(self, *exc: Any) -> None:
        self._su(
            f"{PGBIN}/pg_ctl -D {self.directory / 'data'} -m fast stop", check=False, quiet=True
        )

    def _su(self, command: str, check: bool = True, quiet: bool = False) -> None:
        subprocess.run(["su", "postgres", "-c", command], check=check, capture_output=quiet)

    @staticmethod
    def url(name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{PGPORT}/{name}"


def environment(db: str, dataset: str, quick: bool) -> dict[str, str]:
    folder = DATA / (("quick-" if quick else "") + f"{db}-{dataset}")
    folder.mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "UTBLICK_ENV": "development",
        "UTBLICK_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DB_CONN_MAX_AGE": "60",
    }
    if db == "postgres":
        name = ("utblick_bench" if dataset == "national" else "utblick_scale") + (
            "_quick" if quick else ""
        )
        env["DATABASE_URL"] = Postgres.url(name)
    else:
        env.pop("DATABASE_URL", None)
    return env


def build(env: dict[str, str], args: list[str]) -> float:
    started = time.monotonic()
    sh([str(BIN / "utblick"), "migrate", "--no-input", "-v", "0"], env)
    sh([str(BIN / "utblick"), "demo", "--scale", "national", *args], env)
    # On PostgreSQL, what autovacuum does within a minute of a bulk load in production:
    # statistics for the planner and the visibility map that index-only counts need.
    # SQLite gathers no statistics by itself, so neither does the benchmark.
    if "DATABASE_URL" in env:
        sh([str(BIN / "python"), "-m", "bench.analyse"], env)
    return round(time.monotonic() - started, 1)


def measure(env: dict[str, str], what: str) -> dict[str, Any]:
    out = sh([str(BIN / "python"), "-m", "bench.measure", what], env)
    return json.loads(out.strip().splitlines()[-1])


def import_rows(env: dict[str, str], rows: int) -> dict[str, Any]:
    path = DATA / f"import-{rows}.xlsx"
    if not path.exists():
        sh([str(BIN / "python"), "bench/make_import_file.py", str(rows), str(path)], env)
    out = sh([str(BIN / "python"), "-m", "bench.import_once", str(path), "benchby"], env)
    return json.loads(out.strip().splitlines()[-1])


def throughput(env: dict[str, str], seconds: int) -> dict[str, Any]:
    """Requests per second from wrk (1 thread, 4 connections) against gunicorn with 2 workers."""
    creds = measure(env, "session")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "bench.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{HTTP_PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{HTTP_PORT}"
    m = creds["municipality_id"]
    targets = {
        "public_list": (f"{base}/benchby/aktiviteter/?typ=project", []),
        "api_list": (
            f"{base}/api/v1/benchby/activities?typ=project&status=active",
            ["-H", f"Authorization: Bearer {creds['api_key']}"],
        ),
        "internal_list": (
            f"{base}/app/benchby/register/?typ=project&status=active",
            ["-H", f"Cookie: sessionid={creds['cookies']['coordinator']}"],
        ),
        "internal_list_admin": (
            f"{base}/bench-admin/activities/activity/?municipality__id__exact={m}&kind__exact=project&status__exact=active",
            ["-H", f"Cookie: sessionid={creds['cookies']['admin']}"],
        ),
        "public_list_admin": (
            f"{base}/bench-admin/public/publicactivity/?municipality__id__exact={m}&kind__exact=project",
            ["-H", f"Cookie: sessionid={creds['cookies']['admin']}"],
        ),
    }
    results: dict[str, Any] = {}
    try:
        for _ in range(50):
            if (
                subprocess.run(
                    ["curl", "-s", "-o", "/dev/null", base + "/robots.txt"], check=False
                ).returncode
                == 0
            ):
                break
            time.sleep(0.2)
        for name, (url, headers) in targets.items():
            sh(["wrk", "-t1", "-c4", "-d2s", *headers, url], quiet=True)  # warm both workers
            out = sh(["wrk", "-t1", "-c4", f"-d{seconds}s", *headers, url])
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
            bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
            socket = re.search(
                r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
            )
            errors = (int(bad.group(1)) if bad else 0) + (
                sum(map(int, socket.groups())) if socket else 0
            )
            results[name] = {"rps": rps, "errors": errors}
        results["worker_rss_mb"] = max(_rss(pid) for pid in _children(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return results


def _children(pid: int) -> list[int]:
    out = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout
    return [int(p) for p in out.split()] or [pid]


def _rss(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)  # type: ignore[union-attr]


def report(db: str, r: dict[str, Any]) -> str:
    n = r["national"]
    lines = [
        f"\n=== {db}: {n['activities_in_municipality']} activities in {n['municipality']} "
        f"(dataset built in {r['build_seconds']} s) ==="
    ]
    lines.append(
        f"{'page':<24}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'peak MB':>9}  {'vs floor':>9}  {'admin ms':>9}"
    )
    for name in (
        "internal_list",
        "api_list",
        "public_list",
        "activity_page",
        "public_activity_page",
        "csv_export",
        "compliance_page",
        "report_pdf",
        "search_page",
    ):
        row = n[name]
        base = n.get(f"{name}_floor") or (n["internal_list_floor"] if name == "api_list" else None)
        admin = n.get(f"{name}_admin") or (n["internal_list_admin"] if name == "api_list" else None)
        ratio = f"{row['median_ms'] / base['median_ms']:.1f}×" if base else ""
        lines.append(
            f"{name:<24}{row['median_ms']:>10}{row['p95_ms']:>9}{row['queries']:>9}{row['peak_mb']:>9}"
            f"  {ratio:>9}  {admin['median_ms'] if admin else '':>9}"
        )
    for name in ("internal_list_floor", "public_list_floor"):
        lines.append(
            f"{name:<24}{n[name]['median_ms']:>10}{n[name]['p95_ms']:>9}{n[name]['queries']:>9}"
        )
    i = r["import"]
    lines.append(f"import of {i['rows']} rows: {i['seconds']} s, peak RSS {i['peak_rss_mb']} MB")
    t = r["throughput"]
    lines.append(
        f"\nthroughput (gunicorn 2 workers, wrk 1 thread 4 connections, {r['load_seconds']} s each):"
    )
    for name in (
        "public_list",
        "api_list",
        "internal_list",
        "internal_list_admin",
        "public_list_admin",
    ):
        lines.append(f"  {name:<22}{t[name]['rps']:>9.1f} req/s  errors {t[name]['errors']}")
    lines.append(f"  worker RSS after load: {t['worker_rss_mb']} MB")
    lines.append("\nscaling (the same list pages, median ms / queries):")
    for s in r["scaling"].values():
        lines.append(
            f"  {s['activities']:>7} activities: register {s['internal_list']['median_ms']:>7} ms / "
            f"{s['internal_list']['queries']} q (floor {s['internal_list_floor']['median_ms']} ms)   public "
            f"{s['public_list']['median_ms']:>7} ms / {s['public_list']['queries']} q (floor {s['public_list_floor']['median_ms']} ms)   search "
            f"{s['search_page']['median_ms']:>7} ms / {s['search_page']['queries']} q"
        )
    lines.append("\ntargets:")
    for label, ok in targets(r):
        lines.append(f"  [{'ok' if ok else 'MISS'}] {label}")
    return "\n".join(lines)


def targets(r: dict[str, Any]) -> list[tuple[str, bool]]:
    n, t = r["national"], r["throughput"]
    largest = max(r["scaling"].values(), key=lambda s: s["activities"])
    ratio = lambda a, b: n[a]["median_ms"] / n[b]["median_ms"]  # noqa: E731
    return [
        (
            f"register list ≤ 2× floor ({ratio('internal_list', 'internal_list_floor'):.1f}×)",
            ratio("internal_list", "internal_list_floor") <= 2,
        ),
        (
            f"API list ≤ 2× floor ({ratio('api_list', 'internal_list_floor'):.1f}×)",
            ratio("api_list", "internal_list_floor") <= 2,
        ),
        (
            f"public list ≤ 2× floor ({ratio('public_list', 'public_list_floor'):.1f}×)",
            ratio("public_list", "public_list_floor") <= 2,
        ),
        (
            f"register ≥ 3× admin throughput ({t['internal_list']['rps'] / t['internal_list_admin']['rps']:.1f}×)",
            t["internal_list"]["rps"] >= 3 * t["internal_list_admin"]["rps"],
        ),
        (
            f"public list ≥ 3× admin throughput ({t['public_list']['rps'] / t['public_list_admin']['rps']:.1f}×)",
            t["public_list"]["rps"] >= 3 * t["public_list_admin"]["rps"],
        ),
        (
            f"report PDF for 500 activities < 5 s ({n['report_pdf']['median_ms'] / 1000:.1f} s)",
            n["report_pdf"]["median_ms"] < 5000,
        ),
        (
            f"10 000-row import < 15 s and 400 MB ({r['import']['seconds']} s, {r['import']['peak_rss_mb']} MB)",
            r["import"]["seconds"] < 15 and r["import"]["peak_rss_mb"] < 400,
        ),
        (
            f"search page < 200 ms, slowest of {len(n['search_page']['queries_typed'])} searches "
            f"({n['search_page']['median_ms']} ms)",
            n["search_page"]["median_ms"] < 200,
        ),
        (
            f"search page < 200 ms in the largest municipality ({largest['activities']} activities: "
            f"{largest['search_page']['median_ms']} ms)",
            largest["search_page"]["median_ms"] < 200,
        ),
        (f"worker RSS < 150 MB ({t['worker_rss_mb']} MB)", t["worker_rss_mb"] < 150),
        ("errors under load: 0", all(t[k]["errors"] == 0 for k in t if isinstance(t[k], dict))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument(
        "--quick", action="store_true", help="a small dataset, to check the harness"
    )
    parser.add_argument("--load-seconds", type=int, default=10)
    args = parser.parse_args()
    databases = args.db.split(",")
    ensure_tools(databases)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for db in databases:
        cluster = Postgres(DATA / "postgres-cluster") if db == "postgres" else None
        if cluster:
            cluster.__enter__()
        try:
            env = environment(db, "national", args.quick)
            r: dict[str, Any] = {
                "database": db,
                "quick": args.quick,
                "load_seconds": args.load_seconds,
            }
            print(f"[{db}] dataset …", flush=True)
            r["build_seconds"] = build(env, QUICK if args.quick else NATIONAL)
            print(f"[{db}] pages …", flush=True)
            r["national"] = measure(env, "national")
            print(f"[{db}] import …", flush=True)
            r["import"] = import_rows(env, 10_000)
            print(f"[{db}] throughput …", flush=True)
            r["throughput"] = throughput(env, args.load_seconds)
            print(f"[{db}] scaling …", flush=True)
            scale_env = environment(db, "scale", args.quick)
            r["scaling_build_seconds"] = build(scale_env, QUICK_SCALING if args.quick else SCALING)
            r["scaling"] = measure(scale_env, "scaling")
        finally:
            if cluster:
                cluster.__exit__()
        out = RESULTS / f"{stamp}-{db}{'-quick' if args.quick else ''}.json"
        out.write_text(json.dumps(r, indent=1, ensure_ascii=False))
        print(report(db, r))
        print(f"\n(written to {out.relative_to(ROOT)})", flush=True)


if __name__ == "__main__":
    main()
