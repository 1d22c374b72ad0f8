"""`utblick backup` and `utblick restore`: every row and file back, or nothing changed.

The tests run on the suite's database, SQLite or PostgreSQL (CI runs both). A restore
"into a fresh database" goes through the real command in a process of its own whose
DATABASE_URL names a new SQLite file or a new PostgreSQL database on the same server.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from utblick.activities.models import Activity, ActivityDocument
from utblick.core.backup import DUMP_NAMES, MANIFEST, BackupError, client_binary, table_counts
from utblick.core.tenancy import Role
from utblick.demo.services import demo_load
from utblick.organisation.models import Unit
from utblick.testing.fixtures import load_shipped, make_member, make_register_objects

# Transactional: the backup reads the database through a connection of its own, so
# the rows must be committed. serialized_rollback brings the shipped reference rows
# back after the flush between tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ON_SQLITE = connection.vendor == "sqlite"


def _backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", "-o", str(path), stdout=out)
    return out.getvalue()


def _restore(path: Path, *flags: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *flags, stdout=out)
    return out.getvalue()


def _wrapper(name: str) -> BaseDatabaseWrapper:
    wrapper_class = type(connections["default"])  # `connection` is a proxy of it
    return wrapper_class({**connection.settings_dict, "NAME": name}, alias="test-restore")


def _model_rows(database: BaseDatabaseWrapper) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model's table (history and many-to-many tables too), by key."""
    quote_name = database.ops.quote_name
    rows = {}
    with database.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            columns = ", ".join(quote_name(f.column) for f in meta.local_concrete_fields)
            cursor.execute(
                f"SELECT {columns} FROM {quote_name(meta.db_table)} "
                f"ORDER BY {quote_name(meta.pk.column)}"
            )
            rows[meta.db_table] = cursor.fetchall()
    return rows


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A new, empty database beside the suite's: (its name, its DATABASE_URL)."""
    if ON_SQLITE:
        name = str(tmp_path / "fresh.sqlite3")
        yield name, f"sqlite:///{name}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restore"
    server = _wrapper("postgres")
    try:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        user = quote(s["USER"] or "", safe="")
        password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
        yield name, f"postgres://{user}{password}@{s['HOST']}:{s['PORT'] or 5432}/{name}"
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        server.close()


def _world_with_files() -> Any:
    """Uppsala's policy, a coordinator and an activity with an uploaded document and import."""
    uppsala = load_shipped("uppsala")
    user = make_member(uppsala, "samordnare", Role.COORDINATOR)
    make_register_objects(uppsala, Unit.objects.get(municipality=uppsala, key="ks"), user)
    return user


def test_a_backup_restored_into_a_fresh_database_has_every_row_and_file(
    tmp_path: Path, fresh_database: tuple[str, str]
) -> None:
    demo_load()  # the four municipalities, with history
    activity = Activity.objects.order_by("pk").first()
    admin = get_user_model().objects.get(username="admin")
    for title, content in [("Avtal", b"%PDF avtal"), ("Beslut", b"%PDF beslut")]:
        document = ActivityDocument(
            municipality=activity.municipality,
            activity=activity,
            title=title,
            original_name=f"{title}.pdf",
            size=len(content),
            sha256="0" * 64,
            uploaded_by=admin,
        )
        document.file.save(f"{title}.pdf", ContentFile(content), save=True)
    archive = tmp_path / "utblick.tar.gz"
    assert "Säkerhetskopia:" in _backup(archive)

    name, url = fresh_database
    restored_media = tmp_path / "restored-media"
    done = subprocess.run(
        [sys.executable, "-m", "utblick", "restore", str(archive)],
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(restored_media)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Återställt från" in done.stdout

    restored = _wrapper(name)
    try:
        source_rows, restored_rows = _model_rows(connection), _model_rows(restored)
        assert table_counts(restored) == table_counts(connection)
    finally:
        restored.close()
    assert source_rows.keys() == restored_rows.keys()
    for table, rows in source_rows.items():
        assert restored_rows[table] == rows, table
    # Not equal by being empty: the demo and its history are there.
    assert sum(map(len, source_rows.values())) > 1000
    assert len(source_rows["activities_historicalactivity"]) >= 28
    assert len(source_rows["activities_activitydocument"]) == 2
    files = _files(Path(settings.MEDIA_ROOT))
    assert len(files) == 2 and _files(restored_media) == files


@pytest.mark.skipif(
    not ON_SQLITE,
    reason="SQLite's write-ahead log; PostgreSQL's counterpart is "
    "test_a_backup_restored_into_a_fresh_database_has_every_row_and_file",
)
def test_rows_still_in_the_write_ahead_log_are_in_the_backup(tmp_path: Path) -> None:
    path = connection.settings_dict["NAME"]
    writer = sqlite3.connect(path)
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.execute("PRAGMA wal_autocheckpoint=0")  # as a busy server between checkpoints
        writer.executemany(
            "INSERT INTO auth_group (name) VALUES (?)", [(f"wal-{i}",) for i in range(145)]
        )
        writer.commit()
        # The rows are committed but only in the log: a plain copy of the file loses them.
        plain = tmp_path / "plain.sqlite3"
        shutil.copyfile(path, plain)
        with sqlite3.connect(plain) as copy:
            lost = copy.execute("SELECT COUNT(*) FROM auth_group WHERE name LIKE 'wal-%'")
            assert lost.fetchone()[0] == 0

        archive = tmp_path / "wal.tar.gz"
        _backup(archive)  # while the writer's connection is still open
    finally:
        writer.close()
    with tarfile.open(archive) as tar:
        tar.extract(DUMP_NAMES["sqlite"], tmp_path, filter="data")
        manifest = json.load(tar.extractfile(MANIFEST))
    with sqlite3.connect(tmp_path / DUMP_NAMES["sqlite"]) as copy:
        kept = copy.execute("SELECT COUNT(*) FROM auth_group WHERE name LIKE 'wal-%'")
        assert kept.fetchone()[0] == 145
    assert manifest["tables"]["auth_group"] == 145


def _rewritten(archive: Path, target: Path, change: Any) -> Path:
    """A copy of ``archive`` whose manifest ``change`` has edited (the dump untouched)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_restore_replaces_a_database_in_use_only_when_forced_and_whole(tmp_path: Path) -> None:
    _world_with_files()
    archive = tmp_path / "utblick.tar.gz"
    _backup(archive)
    snapshot = table_counts()
    media = Path(settings.MEDIA_ROOT)
    backed_up_files = _files(media)

    # Later work: a new user and a new file.
    get_user_model().objects.create_user("senare", "senare@example.se", "x")
    (media / "senare.txt").write_text("senare")
    later, later_files = table_counts(), _files(media)

    with pytest.raises(CommandError, match=r"innehåller redan data.*--force"):
        _restore(archive)
    assert table_counts() == later and _files(media) == later_files

    # A backup whose dump does not give the manifest's rows: checked before anything
    # changes on SQLite, and rolled back with the restore's transaction on PostgreSQL.
    def one_row_more(manifest: dict[str, Any]) -> None:
        manifest["tables"]["activities_activity"] += 1

    bad = _rewritten(archive, tmp_path / "bad.tar.gz", one_row_more)
    with pytest.raises(CommandError, match=r"activities_activity|radantal"):
        _restore(bad, "--force")
    assert table_counts() == later and _files(media) == later_files

    assert "Återställt från" in _restore(archive, "--force")
    assert table_counts() == snapshot
    assert not get_user_model().objects.filter(username="senare").exists()
    assert _files(media) == backed_up_files


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "utblick.tar.gz"
    _backup(path)
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(format_version=99), "formatversion 99"),
        (lambda m: m.update(format="annat"), "ingen säkerhetskopia från Utblick"),
        (lambda m: m["tables"].update({"x; DROP": 1}), "manifest.json har ogiltiga uppgifter"),
        (lambda m: m.pop("tables"), "manifest.json saknar uppgifter"),
        (lambda m: m["database"].update(sha256="0" * 64), "kontrollsumma stämmer inte"),
        (lambda m: m["media"].update(files=3), "0 av 3 filer"),
    ],
)
def test_a_wrong_manifest_is_refused_in_swedish(
    archive: Path, tmp_path: Path, change: Any, message: str
) -> None:
    before = table_counts()
    with pytest.raises(CommandError, match=message):
        _restore(_rewritten(archive, tmp_path / "changed.tar.gz", change), "--force")
    assert table_counts() == before


def test_a_backup_of_the_other_engine_is_refused(archive: Path, tmp_path: Path) -> None:
    other = "postgresql" if ON_SQLITE else "sqlite"

    def from_other(manifest: dict[str, Any]) -> None:
        manifest["database"].update(engine=other, file=DUMP_NAMES[other])

    with pytest.raises(CommandError, match="Återställning mellan databastyper stöds inte"):
        _restore(_rewritten(archive, tmp_path / "other.tar.gz", from_other), "--force")


def test_missing_cut_off_and_foreign_files_are_refused_in_swedish(
    archive: Path, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        _restore(tmp_path / "saknas.tar.gz")

    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="skadad eller ofullständig"):
        _restore(cut, "--force")

    text = tmp_path / "anteckningar.txt"
    text.write_text("inte ett arkiv")
    with pytest.raises(CommandError, match="inte ett läsbart tar-arkiv"):
        _restore(text, "--force")

    foreign = tmp_path / "annat.tar"
    with tarfile.open(foreign, "w") as tar:
        tar.add(text, arcname="anteckningar.txt")
    with pytest.raises(CommandError, match=r"manifest\.json saknas"):
        _restore(foreign, "--force")


def test_a_file_reaching_outside_the_media_folder_is_refused(archive: Path, tmp_path: Path) -> None:
    counted = _rewritten(archive, tmp_path / "counted.tar.gz", lambda m: m["media"].update(files=1))
    evil = tmp_path / "evil.tar.gz"
    escape = tarfile.TarInfo("media/../../utanfor.txt")
    escape.size = 3
    with tarfile.open(counted) as source, tarfile.open(evil, "w:gz") as tar:
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member) if member.isfile() else None)
        tar.addfile(escape, io.BytesIO(b"hej"))
    with pytest.raises(CommandError, match="går inte att packa upp"):
        _restore(evil, "--force")
    assert not (tmp_path / "utanfor.txt").exists()


def test_an_existing_file_is_not_overwritten_by_a_backup(archive: Path) -> None:
    size = archive.stat().st_size
    with pytest.raises(CommandError, match="finns redan"):
        _backup(archive)
    assert archive.stat().st_size == size


def test_the_default_backup_is_named_by_the_time_under_the_data_folder(
    tmp_path: Path, settings: Any, clock: Any
) -> None:
    clock.set(datetime(2026, 11, 23, 5, 10, 7), tick=False)
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("backup", stdout=out)
    path = tmp_path / "backups" / "utblick-20261123-051007.tar.gz"
    assert path.is_file() and str(path) in out.getvalue()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["created_at"] == "2026-11-23T05:10:07+01:00"
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["utblick_version"]


def test_a_missing_postgresql_client_program_is_named_in_swedish() -> None:
    with pytest.raises(BackupError, match=r"Programmet pg_saknas hittades inte.*postgresql-client"):
        client_binary("pg_saknas")
    assert Path(client_binary("sh")).name == "sh"  # found on PATH
