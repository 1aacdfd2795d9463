"""The embedded mode's full-text search: an SQLite FTS5 index of the claims' wording, kept by triggers.

PostgreSQL has its own (claim_text_search_idx, 0002) and gets nothing here. The index is an
external-content FTS5 table over claims_claim, so it stores only the index, not a second copy of
the text. A later migration that makes SQLite rebuild claims_claim (an AlterField there) drops
these triggers with the old table: claims/tests/test_claim_search_sqlite.py checks they survive
every migration.
"""

from django.db import migrations

FTS_TABLE = "claims_claim_fts"

CREATE = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        text, content='claims_claim', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON claims_claim BEGIN
        INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON claims_claim BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF text ON claims_claim BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text);
    END""",
    # The claims already stored.
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0011_claim_due_and_priority"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
