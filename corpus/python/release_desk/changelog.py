"""Changelog queries on the release desk's SQLite database."""
import os
import sqlite3

DB_PATH = os.environ.get("RELEASE_DB", "/srv/releases/releases.db")


def _connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def _entries(component: str, since: str) -> list[dict]:
    with _connect() as conn:
        rows = conn.execute(
            "SELECT version, summary FROM changes WHERE component = ? AND released >= ? ORDER BY released",
            (component, since),
        ).fetchall()
    return [dict(r) for r in rows]


def register(app):
    @app.tool(description="Changelog entries of a component since a date (YYYY-MM-DD).")
    def changes_since(component: str, since: str) -> list[dict]:
        return _entries(component, since)

    @app.tool(description="Search the changelog summaries.")
    def search_changes(text: str, order_by: str = "released") -> list[dict]:
        query = f"SELECT version, summary FROM changes WHERE summary LIKE '%{text}%' ORDER BY {order_by}"
        with _connect() as conn:
            return [dict(r) for r in conn.execute(query).fetchall()]

    @app.prompt(description="Draft release notes for a version.")
    def release_notes(version: str) -> str:
        return f"Write release notes for version {version} from its changelog entries."
