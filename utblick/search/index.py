"""The activities' search index, kept by the database itself.

Activities are the one kind that grows into thousands per municipality (the
national benchmark has one with 100 000), so they are searched through an
index instead of being read row by row. The database keeps it up to date with
triggers on ``activities_activity``: every write through ``activity_save``,
an archive, a bulk update or an import reaches it, and no service has to
remember it.

* SQLite: an FTS5 table with the ``unicode61 remove_diacritics 2`` tokenizer
  (case and å/ä/ö folded), columns title, body (the folded ``search_text``) and
  scope (the municipality as a token ``m<id>`` and ``live`` while the activity
  is not archived), ranked with ``bm25`` where a title hit weighs three times a
  body hit.
* PostgreSQL: a table with a stored ``tsvector`` (Swedish configuration, title
  weighted A, the rest B) under a GIN index, and the folded title under a
  trigram GIN index for misspellings.

SQLite drops a table's triggers when Django rebuilds the table in a migration,
so after every ``migrate`` that applied something the triggers are made again
and the SQLite index is filled anew (:func:`install`, from ``apps.py``).
"""

from __future__ import annotations

from typing import Any

FTS = "search_activity_fts"
PG_TABLE = "search_activity_index"
#: Weights of the FTS5 columns for ``bm25``: title, body, scope.
BM25 = f"bm25({FTS}, 3.0, 1.0, 0.0)"

_SQLITE_ROW = (
    "(rowid, title, body, scope) VALUES (NEW.id, NEW.title, NEW.search_text, "
    "'m' || NEW.municipality_id || CASE WHEN NEW.archived_at IS NULL THEN ' live' ELSE '' END)"
)
_SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "title, body, scope, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS search_activity_insert AFTER INSERT ON activities_activity "
    f"BEGIN INSERT INTO {FTS} {_SQLITE_ROW}; END",
    "CREATE TRIGGER IF NOT EXISTS search_activity_update "
    "AFTER UPDATE OF title, search_text, archived_at, municipality_id ON activities_activity "
    f"BEGIN DELETE FROM {FTS} WHERE rowid = OLD.id; INSERT INTO {FTS} {_SQLITE_ROW}; END",
    "CREATE TRIGGER IF NOT EXISTS search_activity_delete AFTER DELETE ON activities_activity "
    f"BEGIN DELETE FROM {FTS} WHERE rowid = OLD.id; END",
]
_SQLITE_REBUILD = [
    f"DELETE FROM {FTS}",
    f"INSERT INTO {FTS} (rowid, title, body, scope) SELECT id, title, search_text, "
    "'m' || municipality_id || CASE WHEN archived_at IS NULL THEN ' live' ELSE '' END "
    "FROM activities_activity",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_activity_insert",
    "DROP TRIGGER IF EXISTS search_activity_update",
    "DROP TRIGGER IF EXISTS search_activity_delete",
    f"DROP TABLE IF EXISTS {FTS}",
]

_PG_VALUES = (
    "lower(public.unaccent(coalesce({r}.title, ''))), "
    "setweight(to_tsvector('swedish'::regconfig, public.unaccent(coalesce({r}.title, ''))), 'A') "
    "|| setweight(to_tsvector('swedish'::regconfig, coalesce({r}.search_text, '')), 'B')"
)
_PG = [
    f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
    "id bigint PRIMARY KEY, municipality_id bigint NOT NULL, live boolean NOT NULL, "
    "title text NOT NULL, vector tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS search_activity_index_vector ON {PG_TABLE} USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS search_activity_index_title ON {PG_TABLE} "
    "USING gin (title gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS search_activity_index_scope ON {PG_TABLE} (municipality_id, live)",
    "CREATE OR REPLACE FUNCTION search_activity_index_row() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'DELETE' THEN DELETE FROM {PG_TABLE} WHERE id = OLD.id; RETURN NULL; END IF; "
    f"INSERT INTO {PG_TABLE} (id, municipality_id, live, title, vector) VALUES ("
    "NEW.id, NEW.municipality_id, NEW.archived_at IS NULL, " + _PG_VALUES.format(r="NEW") + ") "
    "ON CONFLICT (id) DO UPDATE SET municipality_id = EXCLUDED.municipality_id, "
    "live = EXCLUDED.live, title = EXCLUDED.title, vector = EXCLUDED.vector; "
    "RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION search_activity_index_clear() RETURNS trigger "
    f"LANGUAGE plpgsql AS $$ BEGIN TRUNCATE {PG_TABLE}; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS search_activity_index_row ON activities_activity",
    "CREATE TRIGGER search_activity_index_row "
    "AFTER INSERT OR DELETE OR UPDATE OF title, search_text, archived_at, municipality_id "
    "ON activities_activity FOR EACH ROW EXECUTE FUNCTION search_activity_index_row()",
    "DROP TRIGGER IF EXISTS search_activity_index_clear ON activities_activity",
    "CREATE TRIGGER search_activity_index_clear AFTER TRUNCATE ON activities_activity "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_activity_index_clear()",
    f"INSERT INTO {PG_TABLE} (id, municipality_id, live, title, vector) "
    "SELECT a.id, a.municipality_id, a.archived_at IS NULL, " + _PG_VALUES.format(r="a") + " "
    "FROM activities_activity a ON CONFLICT (id) DO NOTHING",
]
_PG_DROP = [
    "DROP TRIGGER IF EXISTS search_activity_index_row ON activities_activity",
    "DROP TRIGGER IF EXISTS search_activity_index_clear ON activities_activity",
    "DROP FUNCTION IF EXISTS search_activity_index_row()",
    "DROP FUNCTION IF EXISTS search_activity_index_clear()",
    f"DROP TABLE IF EXISTS {PG_TABLE}",
]


def install(connection: Any, *, rebuild: bool) -> None:
    """Make the index, its triggers and (``rebuild``) fill it from the activities."""
    statements = {"sqlite": _SQLITE + (_SQLITE_REBUILD if rebuild else []), "postgresql": _PG}
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def uninstall(connection: Any) -> None:
    """Remove the index and its triggers (the migration's way back)."""
    statements = {"sqlite": _SQLITE_DROP, "postgresql": _PG_DROP}
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


# The index alone answers: its triggers keep the municipality and the archived state, and
# the hits shown are read again through ``Activity.objects.visible_to`` (selectors.py).
# bm25() works only in the query that holds the MATCH: rank there, count outside.
_SQLITE_FIND = (
    f"WITH m AS MATERIALIZED (SELECT rowid AS id, -{BM25} AS rank FROM {FTS} "
    f"WHERE {FTS} MATCH %s) "
    "SELECT id, rank, count(*) OVER () FROM m ORDER BY rank DESC, id LIMIT %s"
)
_PG_FIND = (
    f"SELECT i.id, ts_rank(i.vector, q) AS rank, count(*) OVER () FROM {PG_TABLE} i, "
    "to_tsquery('swedish'::regconfig, %s) q "
    "WHERE i.municipality_id = %s AND i.live AND i.vector @@ q "
    "ORDER BY rank DESC, i.id LIMIT %s"
)
# Only when the words themselves find nothing: titles that look like them (misspellings).
_PG_FIND_SIMILAR = (
    "SELECT i.id, word_similarity(%s, i.title) AS rank, count(*) OVER () "
    f"FROM {PG_TABLE} i WHERE i.municipality_id = %s AND i.live AND %s <%% i.title "
    "ORDER BY rank DESC, i.id LIMIT %s"
)


def find_activities(
    connection: Any, municipality_id: int, words: list[str], stems: list[str], limit: int
) -> tuple[int, list[tuple[int, float]]]:
    """How many current activities of the municipality match every word, and the best ``limit``.

    ``words`` are folded ``\\w+`` words (see ``selectors.query_words``), so neither
    query language can be handed an operator; ``stems`` are their SQLite stems.
    Returns the count and (activity id, rank) pairs, best first. On PostgreSQL,
    when the words find nothing, titles that look like them (trigram word
    similarity at least ``pg_trgm.word_similarity_threshold``, 0.6) are returned.
    """
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        text = " ".join(words)
        queries = [
            (_PG_FIND, [tsquery, municipality_id, limit]),
            (_PG_FIND_SIMILAR, [text, municipality_id, text, limit]),
        ]
    else:
        terms = " AND ".join(f'"{stem}"*' for stem in stems)
        match = f"scope : (m{municipality_id} AND live) AND {{title body}} : ({terms})"
        queries = [(_SQLITE_FIND, [match, limit])]
    rows: list[Any] = []
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if rows:
                break
    return (rows[0][2] if rows else 0), [(row[0], float(row[1])) for row in rows]
