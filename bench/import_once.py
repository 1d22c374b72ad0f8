"""One import of a large file into a municipality, rolled back afterwards: seconds and peak memory.

python -m bench.import_once FILE SLUG    (prints JSON)
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from utblick.core.tenancy import COORDINATOR, Access  # noqa: E402
from utblick.imports.reading import read_upload  # noqa: E402
from utblick.imports.services import apply_import  # noqa: E402
from utblick.municipalities.models import Municipality  # noqa: E402


def main(path: str, slug: str) -> dict[str, float | int]:
    municipality = Municipality.objects.get(slug=slug)
    access = Access(municipality, COORDINATOR, user_id=0, is_platform_admin=True)
    started = time.perf_counter()
    with open(path, "rb") as handle:
        workbook = read_upload(handle.read(), os.path.basename(path))
    with transaction.atomic():
        plan = apply_import(workbook, access, None, filename=os.path.basename(path))
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)  # measure the whole write, leave the data as it was
    return {
        "rows": plan.count("create") + plan.count("update"),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
