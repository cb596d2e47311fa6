"""Bulk writes: COPY on PostgreSQL, executemany on SQLite — never one ORM object per row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, text


def bulk_insert(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (tuples in the order of `columns`) into `table`; returns the number of rows."""
    if connection.dialect.name == "postgresql":
        return _copy_rows(connection, table, columns, rows)
    batch = [dict(zip(columns, row, strict=True)) for row in rows]
    if batch:
        connection.execute(insert(table), batch)
    return len(batch)


def _copy_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    raw = connection.connection.driver_connection  # the psycopg connection under this transaction
    assert raw is not None
    column_list = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({column_list}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """After rows were inserted with explicit ids, move each id sequence past the largest id."""
    if connection.dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY continues from max(rowid) by itself
    for table in tables:
        if "id" not in table.c:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )
