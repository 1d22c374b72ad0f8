"""Backup and restore of the whole installation: the database and the uploaded files.

A backup is one archive (``.tar.gz``) holding

- ``manifest.json``: format version, database engine, Utblick version, when it was
  made (from :mod:`utblick.core.clock`), the dump's SHA-256, the number of media
  files and the number of rows in every table;
- ``database.sqlite3`` (SQLite, made with SQLite's online backup API, so a copy
  taken while the server writes is consistent and holds every committed row, also
  those still in the write-ahead log) or ``database.pgdump`` (PostgreSQL,
  ``pg_dump -Fc`` of a snapshot whose row counts are the manifest's);
- ``media/``: the files under ``MEDIA_ROOT``, copied after the database so that
  every file the database names is there.

A restore checks the archive first (manifest, checksum, row counts of the copy),
refuses a database that already holds data unless forced, and then replaces the
database in one transaction and the media folder with one rename: it succeeds
whole or changes nothing. This module knows no domain app; the tables come from
the database itself and the models from django.apps.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import Error as DatabaseError
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from utblick.core import clock

FORMAT = "utblick-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
#: Prefix of the folder a restore stages new media files in, inside the media folder.
STAGING = ".utblick-restore-"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PSQL_POSITION = re.compile(r"^psql:[^:]*:\d+: ")
TABLE_NAME = re.compile(r"^[A-Za-z0-9_]{1,63}$")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the person running it."""


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    tables: dict[str, int] = field(default_factory=dict)
    media_files: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


# --- backup ---------------------------------------------------------------------------


def default_backup_path() -> Path:
    """``<data folder>/backups/utblick-ÅÅÅÅMMDD-TTMMSS.tar.gz`` in local time."""
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"utblick-{stamp}.tar.gz"


def backup_create(
    output: Path | None = None,
    *,
    database: BaseDatabaseWrapper | None = None,
    media_root: Path | None = None,
) -> BackupResult:
    """Write a backup of ``database`` (the configured one) and ``media_root`` to ``output``.

    The archive appears under its name only when it is complete.
    """
    source = database or connections["default"]
    engine = _engine(source)
    media = Path(media_root or settings.MEDIA_ROOT)
    output = Path(output or default_backup_path())
    if output.exists():
        raise BackupError(
            _("Filen %(path)s finns redan; välj ett annat namn eller ta bort den först.")
            % {"path": output}
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=output.parent, prefix=".utblick-backup-") as work:
            dump = Path(work) / DUMP_NAMES[engine]
            if engine == "sqlite":
                tables = _sqlite_dump(source, dump)
            else:
                tables = _postgres_dump(source, dump)
            files = _media_files(media)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "utblick_version": utblick_version(),
                "created_at": timezone.localtime(clock.now()).isoformat(),
                "database": {
                    "engine": engine,
                    "file": dump.name,
                    "size": dump.stat().st_size,
                    "sha256": _sha256(dump),
                },
                "media": {"files": len(files), "bytes": sum(p.stat().st_size for _r, p in files)},
                "tables": tables,
            }
            partial = Path(work) / "archive.tar.gz"
            with tarfile.open(partial, "w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
                tar.add(dump, arcname=dump.name)
                for relative, path in files:
                    tar.add(path, arcname=f"{MEDIA}/{relative}", recursive=False)
            partial.chmod(0o600)  # password hashes and personal data
            os.replace(partial, output)
    except OSError as error:
        raise BackupError(
            _("Kunde inte skriva säkerhetskopian %(path)s: %(error)s")
            % {"path": output, "error": error.strerror or error}
        ) from error
    return BackupResult(path=output, manifest=manifest)


def _sqlite_dump(source: BaseDatabaseWrapper, dump: Path) -> dict[str, int]:
    name = str(source.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or not Path(name).is_file():
        raise BackupError(
            _("SQLite-databasen %(name)s finns inte; det finns inget att säkerhetskopiera.")
            % {"name": name}
        )
    reader = _wrapper_for(source, name)
    copy = _wrapper_for(source, str(dump))
    try:
        # The online backup API reads one consistent snapshot through SQLite itself,
        # write-ahead log included; a plain file copy misses what is not checkpointed.
        reader.ensure_connection()
        copy.ensure_connection()
        reader.connection.backup(copy.connection)
        return _row_counts(copy)
    except (sqlite3.Error, DatabaseError) as error:
        raise BackupError(
            _("SQLite-databasen kunde inte kopieras: %(error)s") % {"error": error}
        ) from error
    finally:
        reader.close()
        copy.close()


def _postgres_dump(source: BaseDatabaseWrapper, dump: Path) -> dict[str, int]:
    pg_dump = client_binary("pg_dump")
    reader = _wrapper_for(source, source.settings_dict["NAME"])
    try:
        with reader.cursor() as cursor:
            # One snapshot for the row counts and pg_dump: the manifest describes the dump.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _row_counts(reader)
            _run(
                _pg_command(reader, pg_dump, ["-Fc", f"--snapshot={snapshot}", "-f", str(dump)]),
                _("pg_dump misslyckades"),
            )
            cursor.execute("COMMIT")
        return tables
    except BackupError:
        raise
    except DatabaseError as error:  # connection refused, no such database, …
        raise BackupError(
            _("PostgreSQL-databasen kunde inte läsas: %(error)s") % {"error": error}
        ) from error
    finally:
        reader.close()


def _media_files(media: Path) -> list[tuple[str, Path]]:
    """The regular files under the media folder, as (path in the archive, path on disk)."""
    if not media.is_dir():
        return []
    found = []
    for folder, dirs, names in os.walk(media):
        dirs[:] = sorted(d for d in dirs if not (folder == str(media) and d.startswith(STAGING)))
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(media).as_posix(), path))
    return found


def _add_bytes(tar: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- restore --------------------------------------------------------------------------


def backup_restore(
    archive: Path,
    *,
    force: bool = False,
    database: BaseDatabaseWrapper | None = None,
    media_root: Path | None = None,
) -> RestoreResult:
    """Restore ``archive`` into ``database`` (the configured one) and ``media_root``.

    Refuses a database or media folder that holds data unless ``force``. Everything
    is checked before anything is changed; the database is replaced in one
    transaction and the media folder by a rename after it.
    """
    archive = Path(archive)
    target = database or connections["default"]
    engine = _engine(target)
    media = Path(media_root or settings.MEDIA_ROOT)
    with _open_archive(archive) as tar:
        manifest = _read_manifest(tar, archive)
        wanted = manifest["database"]["engine"]
        if wanted != engine:
            raise BackupError(
                _(
                    "Säkerhetskopian %(path)s är gjord från %(source)s, men den här installationen "
                    "använder %(target)s. Återställning mellan databastyper stöds inte."
                )
                % {
                    "path": archive.name,
                    "source": ENGINE_NAMES.get(wanted, wanted),
                    "target": ENGINE_NAMES[engine],
                }
            )
        if not force:
            _refuse_if_in_use(target, media)
        try:
            media.mkdir(parents=True, exist_ok=True)
            # The new files are staged inside the media folder (the same file system, even
            # when it is a mount of its own), so they are moved into place with renames.
            with (
                tempfile.TemporaryDirectory(prefix="utblick-restore-") as work,
                tempfile.TemporaryDirectory(dir=media, prefix=STAGING) as staging,
            ):
                dump, new_media = _extract(tar, manifest, archive, Path(work), Path(staging))
                if engine == "sqlite":
                    tables = _sqlite_restore(target, dump, manifest, archive)
                else:
                    tables = _postgres_restore(target, dump, manifest)
                _swap_media(new_media, media, Path(staging))
        except OSError as error:
            raise BackupError(
                _("Kunde inte återställa från %(path)s: %(error)s")
                % {"path": archive.name, "error": error.strerror or error}
            ) from error
    return RestoreResult(manifest=manifest, tables=tables, media_files=manifest["media"]["files"])


def _open_archive(archive: Path) -> tarfile.TarFile:
    if not archive.is_file():
        raise BackupError(_("Filen %(path)s finns inte.") % {"path": archive})
    try:
        return tarfile.open(archive, "r:*")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(
            _("%(path)s är ingen säkerhetskopia från Utblick (inte ett läsbart tar-arkiv).")
            % {"path": archive.name}
        ) from error


def _corrupt(archive: Path, what: str) -> BackupError:
    return BackupError(
        _("Säkerhetskopian %(path)s är skadad eller ofullständig: %(what)s.")
        % {"path": archive.name, "what": what}
    )


def _read_manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, Any]:
    try:
        tar.getmembers()  # reads the archive to its end: a cut-off file is found here
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise _corrupt(archive, _("arkivet tar slut eller är ändrat")) from error
    try:
        member = tar.getmember(MANIFEST)
        handle = tar.extractfile(member)
        manifest = json.loads(handle.read().decode("utf-8")) if handle else None
    except KeyError as error:
        raise BackupError(
            _("%(path)s är ingen säkerhetskopia från Utblick (manifest.json saknas).")
            % {"path": archive.name}
        ) from error
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as error:
        raise _corrupt(archive, _("manifest.json går inte att läsa")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s är ingen säkerhetskopia från Utblick (okänt manifest).")
            % {"path": archive.name}
        )
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            _(
                "Säkerhetskopian %(path)s har formatversion %(version)s, som den här versionen "
                "av Utblick inte kan läsa; uppgradera Utblick först."
            )
            % {"path": archive.name, "version": version}
        )
    try:
        database, tables, media = manifest["database"], manifest["tables"], manifest["media"]
        valid = (
            database["engine"] in DUMP_NAMES
            and database["file"] == DUMP_NAMES[database["engine"]]
            and isinstance(database["sha256"], str)
            and isinstance(media["files"], int)
            and isinstance(tables, dict)
            and all(TABLE_NAME.match(t) and type(n) is int and n >= 0 for t, n in tables.items())
        )
    except (KeyError, TypeError) as error:
        raise _corrupt(archive, _("manifest.json saknar uppgifter")) from error
    if not valid:
        raise _corrupt(archive, _("manifest.json har ogiltiga uppgifter"))
    return manifest


def _extract(
    tar: tarfile.TarFile, manifest: dict[str, Any], archive: Path, work: Path, staging: Path
) -> tuple[Path, Path]:
    """The dump (into ``work``) and the media files (into ``staging``), checked."""
    dump_name = manifest["database"]["file"]
    new_media = staging / MEDIA
    new_media.mkdir()
    try:
        members = tar.getmembers()
        # The "data" filter refuses absolute paths, ".." and links out of the folder.
        dumps = [m for m in members if m.name == dump_name]
        tar.extractall(work, members=dumps, filter="data")
        files = [m for m in members if m.name.startswith(f"{MEDIA}/") and m.isfile()]
        tar.extractall(staging, members=files, filter="data")
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise _corrupt(archive, _("arkivet går inte att packa upp")) from error
    dump = work / dump_name
    if not dump.is_file():
        raise _corrupt(archive, _("databasfilen saknas"))
    if _sha256(dump) != manifest["database"]["sha256"]:
        raise _corrupt(archive, _("databasfilens kontrollsumma stämmer inte"))
    files = len(_media_files(new_media))
    if files != manifest["media"]["files"]:
        raise _corrupt(
            archive,
            _("%(found)s av %(expected)s filer finns med")
            % {"found": files, "expected": manifest["media"]["files"]},
        )
    return dump, new_media


def _refuse_if_in_use(target: BaseDatabaseWrapper, media: Path) -> None:
    reader = _wrapper_for(target, target.settings_dict["NAME"])
    try:
        rows = data_rows(reader)
    finally:
        reader.close()
    files = len(_media_files(media))
    if rows or files:
        raise BackupError(
            _(
                "Databasen eller filmappen innehåller redan data (%(rows)s rader användare och "
                "kommundata, %(files)s uppladdade filer). Återställningen ersätter allt; ange "
                "--force om det är meningen."
            )
            % {"rows": rows, "files": files}
        )


def data_rows(database: BaseDatabaseWrapper) -> int:
    """Rows of users and of the recorded (history-keeping) models and their history.

    A database that only `utblick migrate` has filled (migration list, content types,
    permissions, shipped reference lists) has none and counts as empty.
    """
    tables = {get_user_model()._meta.db_table}
    for model in registered_models.values():
        tables.add(model._meta.db_table)
        history = getattr(model, model._meta.simple_history_manager_attribute, None)
        if history is not None:
            tables.add(history.model._meta.db_table)
    try:
        existing = set(database.introspection.table_names())
        with database.cursor() as cursor:
            total = 0
            for table in sorted(tables & existing):
                cursor.execute(f"SELECT COUNT(*) FROM {database.ops.quote_name(table)}")
                total += cursor.fetchone()[0]
    except DatabaseError as error:  # connection refused, no such database, …
        raise BackupError(
            _("Databasen gick inte att läsa: %(error)s") % {"error": error}
        ) from error
    return total


def _sqlite_restore(
    target: BaseDatabaseWrapper, dump: Path, manifest: dict[str, Any], archive: Path
) -> dict[str, int]:
    copy = _wrapper_for(target, str(dump))
    writer = _wrapper_for(target, target.settings_dict["NAME"])
    try:
        copy.ensure_connection()
        with copy.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            if cursor.fetchone()[0] != "ok":
                raise _corrupt(archive, _("SQLite-filen klarar inte integritetskontrollen"))
        if _row_counts(copy) != manifest["tables"]:
            raise _corrupt(archive, _("databasens radantal stämmer inte med manifest.json"))
        writer.ensure_connection()
        # One write transaction on the target: readers see the old or the new database.
        copy.connection.backup(writer.connection)
        return _row_counts(writer)
    except (sqlite3.Error, DatabaseError) as error:
        raise BackupError(
            _("SQLite-databasen kunde inte återställas: %(error)s") % {"error": error}
        ) from error
    finally:
        copy.close()
        writer.close()


def _postgres_restore(
    target: BaseDatabaseWrapper, dump: Path, manifest: dict[str, Any]
) -> dict[str, int]:
    pg_restore, psql = client_binary("pg_restore"), client_binary("psql")
    script = dump.with_suffix(".sql")
    _run(
        ([pg_restore, "--no-owner", "--no-privileges", "-f", str(script), str(dump)], None),
        _("Säkerhetskopians databasdump kunde inte läsas av pg_restore"),
    )
    restore = dump.with_name("restore.sql")
    with restore.open("w", encoding="utf-8") as out:
        out.write(_postgres_clear(target))
        with script.open(encoding="utf-8") as dumped:
            shutil.copyfileobj(dumped, out)
        out.write(_postgres_verify(target, manifest["tables"]))
    script.unlink()
    writer = _wrapper_for(target, target.settings_dict["NAME"])
    try:
        # One transaction: clearing the old tables, the dump and the count check all
        # commit together, or none of it does.
        _run(
            _pg_command(
                writer,
                psql,
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", str(restore)],
            ),
            _("Återställningen i PostgreSQL misslyckades och ändrade ingenting"),
        )
        return _row_counts(writer)
    finally:
        writer.close()


def _postgres_clear(target: BaseDatabaseWrapper) -> str:
    """SQL dropping every table, view, sequence, function and collation of the target's schema.

    Functions are the ones the application made (the search index's trigger functions),
    not those an extension owns: the dump makes its own again.
    """
    reader = _wrapper_for(target, target.settings_dict["NAME"])
    kinds = {"r": "TABLE", "p": "TABLE", "f": "FOREIGN TABLE", "v": "VIEW"}
    kinds |= {"m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    try:
        with reader.cursor() as cursor:
            cursor.execute(
                "SELECT current_schema(), c.relname, c.relkind FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r','p','f','v','m','S') "
                # Sequences last: those of identity columns go with their tables.
                "ORDER BY c.relkind = 'S', c.relname"
            )
            relations = cursor.fetchall()
            cursor.execute(
                "SELECT current_schema(), collname FROM pg_collation "
                "WHERE collnamespace = current_schema()::regnamespace ORDER BY collname"
            )
            collations = cursor.fetchall()
            cursor.execute(
                "SELECT current_schema(), p.proname, pg_get_function_identity_arguments(p.oid) "
                "FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace "
                "AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                "WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY p.proname"
            )
            functions = cursor.fetchall()
    except DatabaseError as error:  # connection refused, no such database, …
        raise BackupError(
            _("PostgreSQL-databasen kunde inte läsas: %(error)s") % {"error": error}
        ) from error
    finally:
        reader.close()
    q = _pg_quote
    lines = [
        f"DROP {kinds[kind]} IF EXISTS {q(schema)}.{q(name)} CASCADE;"
        for schema, name, kind in relations
    ]
    lines += [
        f"DROP FUNCTION IF EXISTS {q(schema)}.{q(name)}({arguments}) CASCADE;"
        for schema, name, arguments in functions
    ]
    lines += [f"DROP COLLATION IF EXISTS {q(schema)}.{q(name)};" for schema, name in collations]
    lines.insert(0, "SET client_min_messages = warning;")
    return "\n".join(lines) + "\n"


def _postgres_verify(target: BaseDatabaseWrapper, tables: dict[str, int]) -> str:
    """A block that aborts the restore's transaction when a table's count is not the manifest's."""
    checks = "".join(
        f"  SELECT count(*) INTO n FROM {_pg_quote(table)};\n"
        f"  IF n <> {count} THEN RAISE EXCEPTION 'tabellen % har % rader, väntade %', "
        f"'{table}', n, {count}; END IF;\n"
        for table, count in sorted(tables.items())
    )
    return f"\nRESET search_path;\nDO $$\nDECLARE n bigint;\nBEGIN\n{checks}END\n$$;\n"


def _swap_media(new_media: Path, media: Path, staging: Path) -> None:
    """Move the media folder's entries aside and the restored ones in (renames only)."""
    old = staging / "old"
    old.mkdir()
    moved: list[str] = []
    placed: list[str] = []
    try:
        for entry in sorted(media.iterdir()):
            if entry != staging:
                os.replace(entry, old / entry.name)
                moved.append(entry.name)
        for entry in sorted(new_media.iterdir()):
            os.replace(entry, media / entry.name)
            placed.append(entry.name)
    except OSError:
        # Put the folder back as it was (renames within one file system rarely fail).
        for name in placed:
            with contextlib.suppress(OSError):
                os.replace(media / name, new_media / name)
        for name in moved:
            with contextlib.suppress(OSError):
                os.replace(old / name, media / name)
        raise


# --- shared -----------------------------------------------------------------------------


def utblick_version() -> str:
    try:
        return metadata.version("utblick")
    except metadata.PackageNotFoundError:
        return "okänd"


def client_binary(name: str) -> str:
    """A PostgreSQL client program: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates.sort(key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if candidates:
        return candidates[-1]
    raise BackupError(
        _(
            "Programmet %(name)s hittades inte. Installera PostgreSQL-klienten i samma "
            "version som servern (Debian: apt-get install postgresql-client) eller lägg "
            "programmet i PATH."
        )
        % {"name": name}
    )


def table_counts(database: BaseDatabaseWrapper | None = None) -> dict[str, int]:
    """Rows per table of ``database`` (the configured one), every table it has."""
    return _row_counts(database or connections["default"])


def _row_counts(database: BaseDatabaseWrapper) -> dict[str, int]:
    counts = {}
    with database.cursor() as cursor:
        for table in sorted(database.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {database.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _engine(database: BaseDatabaseWrapper) -> str:
    if database.vendor not in DUMP_NAMES:
        raise BackupError(
            _("Säkerhetskopiering stöds för SQLite och PostgreSQL, inte %(vendor)s.")
            % {"vendor": database.vendor}
        )
    return database.vendor


def _wrapper_for(database: BaseDatabaseWrapper, name: str) -> BaseDatabaseWrapper:
    """A connection of its own to database ``name`` with ``database``'s settings."""
    return database.__class__({**database.settings_dict, "NAME": name}, alias="utblick-backup")


def _pg_command(
    database: BaseDatabaseWrapper, program: str, options: list[str]
) -> tuple[list[str], dict[str, str]]:
    """``program`` with ``options`` and the connection settings of ``database``."""
    args, env = database.client.settings_to_cmd_args_env(database.settings_dict, options)
    return [program, *args[1:]], {**os.environ, **(env or {})}


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _run(command: tuple[list[str], dict[str, str] | None], failure: str) -> None:
    args, env = command
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BackupError(f"{failure}: {error}") from error
    if done.returncode != 0:
        # The programs' own words, the errors first, without psql's script positions.
        lines = [PSQL_POSITION.sub("", line) for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if re.search(r"ERROR|FATAL|error:", line)]
        detail = "\n".join((errors or lines)[:5]) or _("avslutades med kod %(code)s") % {
            "code": done.returncode
        }
        raise BackupError(f"{failure}:\n{detail}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
