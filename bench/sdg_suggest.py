"""Agenda 2030 suggestions: time to suggest goals for one activity's text.

Every activity page and each row of the review queue runs ``agenda.suggest.suggest``
on the activity's text. Times it on each labelled description (20–90 words) and on one
long text (the first 3 000 words of them joined). Target: a long text under 100 ms.

    python -m bench.sdg_suggest [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

TARGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
    import django

    django.setup()
    from utblick.agenda.evaluation import labelled
    from utblick.agenda.suggest import suggest

    texts = [item["text"] for name in ("dev", "heldout") for item in labelled(name)]
    long_text = " ".join(" ".join(texts).split()[:3000])  # a long activity: 3 000 words
    suggest(long_text)  # the keyword index is built once per process
    short, long = [], []
    for _ in range(args.runs):
        for text in texts:
            started = time.perf_counter()
            suggest(text)
            short.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        suggest(long_text)
        long.append((time.perf_counter() - started) * 1000)
    words = len(long_text.split())
    print(
        f"short texts ({len(texts)}): median {statistics.median(short):.2f} ms, "
        f"p95 {statistics.quantiles(short, n=20)[18]:.2f} ms"
    )
    median = statistics.median(long)
    mark = "ok" if median < TARGET_MS else "SLOW"
    print(f"[{mark}] long text ({words} words): median {median:.1f} ms < {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
