import sqlite3

import asyncpg
import pandas as pd
import sqlalchemy as sa
from mcp.server.fastmcp import FastMCP
from mcp.server.lowlevel import Server
from psycopg import sql
from sqlalchemy import select, text

from .models import Customer

mcp = FastMCP("crm")
server = Server("crm-lowlevel")
DB_PATH = "/srv/crm.db"
engine = sa.create_engine("sqlite:///" + DB_PATH)


@mcp.tool()
def run_query(query: str) -> list:
    conn = sqlite3.connect(DB_PATH)
    # ruleid: py-mcp-tool-sql-injection
    return conn.execute(query).fetchall()


@mcp.tool()
def find_customer(name: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    q = f"SELECT id, name FROM customers WHERE name = '{name}'"
    # ruleid: py-mcp-tool-sql-injection
    cur.execute(q)
    return cur.fetchall()


@mcp.tool()
def sorted_customers(order_by: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ruleid: py-mcp-tool-sql-injection
    cur.execute("SELECT id, name FROM customers ORDER BY %s" % order_by)
    # ruleid: py-mcp-tool-sql-injection
    cur.execute("SELECT id FROM customers ORDER BY {}".format(order_by))
    return cur.fetchall()


@mcp.tool()
def by_city(city: str) -> list:
    with engine.connect() as conn:
        # ruleid: py-mcp-tool-sql-injection
        rows = conn.execute(text("SELECT * FROM customers WHERE city = '" + city + "'"))
        # ruleid: py-mcp-tool-sql-injection
        stmt = sa.text(f"DELETE FROM sessions WHERE city = '{city}'")
        return list(rows) + [stmt]


@mcp.tool()
async def count_orders(status: str) -> int:
    conn = await asyncpg.connect()
    # ruleid: py-mcp-tool-sql-injection
    return await conn.fetchval(f"SELECT count(*) FROM orders WHERE status = '{status}'")


@mcp.tool()
def export(table: str):
    # ruleid: py-mcp-tool-sql-injection
    return pd.read_sql("SELECT * FROM " + table, engine).to_csv()


def _report(where: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ruleid: py-mcp-tool-sql-injection
    cur.executescript("DELETE FROM cache WHERE " + where)
    return cur.fetchall()


@mcp.tool()
def purge(where: str) -> list:
    return _report(where)


@mcp.resource("customers://{customer_id}")
def customer(customer_id: str) -> str:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ruleid: py-mcp-tool-sql-injection
    cur.execute("SELECT * FROM customers WHERE id = " + customer_id)
    return str(cur.fetchone())


@server.call_tool()
async def call_tool(name: str, arguments: dict):
    cur = sqlite3.connect(DB_PATH).cursor()
    if name == "search":
        term = arguments["term"]
        # ruleid: py-mcp-tool-sql-injection
        cur.execute(f"SELECT * FROM notes WHERE body LIKE '%{term}%'")
        return cur.fetchall()
    if name == "get":
        # ok: py-mcp-tool-sql-injection
        cur.execute("SELECT * FROM notes WHERE id = ?", (arguments["id"],))
        return cur.fetchall()


@mcp.tool()
def parameterized(name: str, city: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ok: py-mcp-tool-sql-injection
    cur.execute("SELECT * FROM customers WHERE name = ? AND city = ?", (name, city))
    query = "SELECT * FROM customers WHERE name = :name"
    # ok: py-mcp-tool-sql-injection
    cur.execute(query, {"name": name})
    # ok: py-mcp-tool-sql-injection
    cur.executemany("INSERT INTO seen (name) VALUES (?)", [(name,), (city,)])
    return cur.fetchall()


@mcp.tool()
def orm(name: str) -> list:
    with sa.orm.Session(engine) as session:
        # ok: py-mcp-tool-sql-injection
        return session.execute(select(Customer).where(Customer.name == name)).all()


@mcp.tool()
def orm_text(name: str) -> list:
    with engine.connect() as conn:
        # ok: py-mcp-tool-sql-injection
        return conn.execute(text("SELECT * FROM customers WHERE name = :n"), {"n": name}).all()


@mcp.tool()
def identifier(table: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ok: py-mcp-tool-sql-injection
    cur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
    return cur.fetchall()


@mcp.tool()
def top(n: str) -> list:
    cur = sqlite3.connect(DB_PATH).cursor()
    # ok: py-mcp-tool-sql-injection
    cur.execute(f"SELECT * FROM customers LIMIT {int(n)}")
    return cur.fetchall()


def _not_called_from_a_tool(query: str) -> list:
    # ok: py-mcp-tool-sql-injection
    return sqlite3.connect(DB_PATH).execute(query).fetchall()
