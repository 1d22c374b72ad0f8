"""The project as a whole: settings, migrations, the demo."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from utblick.accounts.models import Membership
from utblick.demo.services import DEMO_PASSWORD
from utblick.municipalities.models import Municipality

ROOT = Path(__file__).resolve().parents[3]


def _run_utblick(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "utblick", *args],
        cwd=ROOT,
        env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        "UTBLICK_ENV": "production",
        "SECRET_KEY": "x" * 20 + "production-grade-secret-key-for-the-check-" + "y" * 20,
        "ALLOWED_HOSTS": "utblick.example.se",
        "SITE_URL": "https://utblick.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "UTBLICK_DATA_DIR": str(tmp_path),
    }
    result = _run_utblick(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # Without the public address, open data would point nowhere: production refuses to start.
    result = _run_utblick(["check", "--deploy", "--fail-level", "WARNING"], env | {"SITE_URL": ""})
    assert result.returncode != 0 and "SITE_URL is required" in result.stderr + result.stdout
    # An address that is not the public https one: a warning.
    result = _run_utblick(
        ["check", "--deploy", "--fail-level", "WARNING"], env | {"SITE_URL": "http://localhost"}
    )
    assert result.returncode != 0 and "utblick.W001" in result.stderr + result.stdout


def test_production_requires_a_secret_key(tmp_path: Path) -> None:
    env = {"UTBLICK_ENV": "production", "SECRET_KEY": "", "UTBLICK_DATA_DIR": str(tmp_path)}
    result = _run_utblick(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_demo_refuses_in_production(tmp_path: Path) -> None:
    env = {
        "UTBLICK_ENV": "production",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "x.example.se",
        "SITE_URL": "https://x.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "UTBLICK_DATA_DIR": str(tmp_path),
    }
    result = _run_utblick(["demo"], env)
    assert result.returncode != 0
    assert "UTBLICK_ENV=production" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


def test_migrations_match_the_models(db: Any) -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:  # pragma: no cover - only when they differ
        pytest.fail(f"Migrations are missing: {out.getvalue()} ({exc})")


def _everything() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_demo_is_idempotent_and_gives_the_logins(db: Any) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    first = _everything()
    text = out.getvalue()
    for username in ("uppsala", "umea", "kungalv", "upplands-bro", "uppsala-lasare", "admin"):
        assert f"  {username} " in text
    assert DEMO_PASSWORD in text
    again = StringIO()
    call_command("demo", stdout=again)
    assert _everything() == first
    assert "inga ändringar" in again.getvalue()
    assert set(Municipality.objects.values_list("slug", flat=True)) == {
        "uppsala",
        "umea",
        "kungalv",
        "upplands-bro",
    }
    reader = get_user_model().objects.get(username="uppsala-lasare")
    assert reader.check_password(DEMO_PASSWORD)
    assert Membership.objects.get(user=reader).role == "reader"
    assert get_user_model().objects.get(username="admin").is_superuser


def test_demo_command_in_production_mode_raises(settings: Any, db: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
