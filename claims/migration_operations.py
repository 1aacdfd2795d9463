"""Migration operations for the big tables: index changes that must not lock or rebuild them."""

from django.contrib.postgres.indexes import PostgresIndex
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations import AddField, AddIndex, AlterField, RemoveIndex


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """`CREATE INDEX CONCURRENTLY` on PostgreSQL, so a deploy does not lock the claims table.

    The embedded SQLite database gets a plain index instead, or none for PostgreSQL-only index
    types (GIN, GiST, ...), which SQLite cannot build; the migration state is the same either
    way, so `makemigrations --check` stays clean. The migration must be `atomic = False`.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        elif not isinstance(self.index, PostgresIndex):
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        elif not isinstance(self.index, PostgresIndex):
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Create index {self.index.name} on {self.model_name} (concurrently on PostgreSQL)"


class RemoveIndexConcurrentlyOnPostgres(RemoveIndexConcurrently):
    """`DROP INDEX CONCURRENTLY` on PostgreSQL; a plain drop elsewhere. The migration must be `atomic = False`."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            RemoveIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            RemoveIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Remove index {self.name} from {self.model_name} (concurrently on PostgreSQL)"


class AlterFieldOnPostgres(AlterField):
    """AlterField whose schema change runs on PostgreSQL only; elsewhere only the migration state moves.

    For changes that matter only at scale (dropping an index the writes pay for). SQLite cannot
    alter a column in place: it rebuilds the whole table, and the rebuild would try to create the
    PostgreSQL-only indexes (GIN) that the model declares. The embedded database keeps the old
    schema, which answers the same queries.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (schema change on PostgreSQL only)"


class AddFieldInPlace(AddField):
    """AddField that adds the column in place on SQLite too, never rebuilding the table.

    SQLite's schema editor rebuilds a table to add a NOT NULL column, and the rebuild would try to
    create the PostgreSQL-only indexes (GIN) the model declares. A column with a database default
    (`db_default`) can be added by `ALTER TABLE … ADD COLUMN … NOT NULL DEFAULT …` there as well,
    which is Django's generic path; PostgreSQL takes it anyway.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            field = model._meta.get_field(self.name)
            assert field.has_db_default() or field.null, "only a column with a database default or NULL"
            BaseDatabaseSchemaEditor.add_field(schema_editor, model, field)

    def describe(self):
        return f"{super().describe()} (in place on SQLite)"
