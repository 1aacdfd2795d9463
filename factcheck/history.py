"""Writes to rows that keep a history, recorded as the person who made them.

simple-history names the request's user on its own; services also run from tasks, commands and
tests, where only the `actor` they were given says who it was.
"""


def save_as(instance, *, actor, fields=None) -> None:
    """Save a new row, or `fields` of an existing one; its history names `actor`."""
    instance._history_user = actor
    instance.save(update_fields=None if fields is None else list(fields))


def delete_as(instance, *, actor) -> None:
    """Delete a row (and what cascades with it); the row's last history entry names `actor`."""
    instance._history_user = actor
    instance.delete()
