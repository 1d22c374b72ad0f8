"""Finding 7 replayed: 96 wrong passwords on one account, then the right one; 30 anonymous reports.

``python -m bench.throttle`` builds a throwaway SQLite database in a temporary
folder, sends the requests through Django's test client (the whole middleware
stack, django-axes included) and prints what each attempt was answered. The
clock is moved with time-machine to show when the lock ends.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta

DATA = tempfile.mkdtemp(prefix="utblick-throttle-")
os.environ.update(
    UTBLICK_ENV="test", UTBLICK_DATA_DIR=DATA, DJANGO_SETTINGS_MODULE="utblick.settings"
)
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from utblick.core import clock  # noqa: E402
from utblick.core.services import save_versioned  # noqa: E402
from utblick.core.tenancy import Role  # noqa: E402
from utblick.public.models import AccessibilityReport, PublicSettings  # noqa: E402
from utblick.testing.fixtures import PASSWORD, load_shipped, make_member  # noqa: E402


def runs(statuses: list[int]) -> str:
    """``1–4: 200, 5–96: 429`` for a list of answers."""
    parts, start = [], 0
    for i in range(1, len(statuses) + 1):
        if i == len(statuses) or statuses[i] != statuses[start]:
            parts.append(
                f"{start + 1}–{i}: {statuses[start]}"
                if i - start > 1
                else f"{i}: {statuses[start]}"
            )
            start = i
    return ", ".join(parts)


def main() -> int:
    try:
        return _replay()
    finally:
        shutil.rmtree(DATA, ignore_errors=True)


def _replay() -> int:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    uppsala = load_shipped("uppsala")
    make_member(uppsala, "uppsala-lasare", Role.READER)
    save_versioned(
        PublicSettings(
            municipality=uppsala,
            enabled=True,
            contact_email="a@example.se",
            accessibility_email="b@example.se",
        ),
        expected_version=None,
        user=None,
    )
    login = reverse("accounts:login")
    start = clock.now()
    with time_machine.travel(start, tick=True) as traveller:
        attacker = Client(REMOTE_ADDR="192.0.2.10")
        began = time.perf_counter()
        wrong = [
            attacker.post(login, {"username": "uppsala-lasare", "password": f"fel-{n}"}).status_code
            for n in range(96)
        ]
        seconds = time.perf_counter() - began
        right = attacker.post(login, {"username": "uppsala-lasare", "password": PASSWORD})
        print(f"96 wrong passwords from one address in {seconds:.1f} s: {runs(wrong)}")
        print(
            f"then the right password: {right.status_code} (Retry-After {right.get('Retry-After')} s)"
        )
        other = Client(REMOTE_ADDR="198.51.100.20")
        colleague = other.post(login, {"username": "uppsala-lasare", "password": PASSWORD})
        print(f"the right password from another address meanwhile: {colleague.status_code}")
        for minutes in (14, 15):
            traveller.move_to(start + timedelta(minutes=minutes, seconds=1))
            again = attacker.post(login, {"username": "uppsala-lasare", "password": PASSWORD})
            print(f"the right password {minutes} min after the lock: {again.status_code}")

        url = reverse("public:accessibility", args=["uppsala"])
        visitor = Client(REMOTE_ADDR="192.0.2.10")
        window_start = clock.now()
        began = time.perf_counter()
        reports = [
            visitor.post(url, {"description": f"Kartan ({n})"}).status_code for n in range(30)
        ]
        seconds = time.perf_counter() - began
        stored = AccessibilityReport.objects.count()
        print(
            f"30 accessibility reports from one address in {seconds:.1f} s: {runs(reports)} "
            f"({dict(Counter(reports))}); stored: {stored}"
        )
        traveller.move_to(window_start + timedelta(minutes=10, seconds=5))
        later = visitor.post(url, {"description": "Efter fönstret"}).status_code
        print(f"a report after the 10-minute window: {later}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
