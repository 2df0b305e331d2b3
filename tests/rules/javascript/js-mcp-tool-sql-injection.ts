import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import { Pool } from "pg";
import postgres from "postgres";
import { z } from "zod";

const pool = new Pool();
const db = new Database("/srv/crm.db");
const prisma = new PrismaClient();
const sql = postgres();
const server = new McpServer({ name: "crm", version: "1.0.0" });

server.tool("run_query", { query: z.string() }, async ({ query }) => {
  // ruleid: js-mcp-tool-sql-injection
  const { rows } = await pool.query(query);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

server.registerTool(
  "find_customer",
  { description: "Find a customer by name", inputSchema: { name: z.string(), orderBy: z.string() } },
  async ({ name, orderBy }) => {
    const q = `SELECT id, name FROM customers WHERE name = '${name}'`;
    // ruleid: js-mcp-tool-sql-injection
    const rows = db.prepare(q).all();
    // ruleid: js-mcp-tool-sql-injection
    const sorted = await pool.query("SELECT id FROM customers ORDER BY " + orderBy);
    return { content: [{ type: "text", text: JSON.stringify([rows, sorted.rows]) }] };
  },
);

server.tool("raw", { table: z.string(), id: z.string() }, async ({ table, id }) => {
  // ruleid: js-mcp-tool-sql-injection
  const a = await prisma.$queryRawUnsafe(`SELECT * FROM ${table}`);
  // ruleid: js-mcp-tool-sql-injection
  const b = await sql.unsafe(`DELETE FROM sessions WHERE id = ${id}`);
  // ok: js-mcp-tool-sql-injection
  const c = await prisma.$queryRaw`SELECT * FROM customers WHERE id = ${id}`;
  // ok: js-mcp-tool-sql-injection
  const d = await sql`SELECT * FROM customers WHERE id = ${id}`;
  return { content: [{ type: "text", text: JSON.stringify([a, b, c, d]) }] };
});

server.tool("mysql", { city: z.string() }, async ({ city }) => {
  const connection = await mysql.createConnection({ host: "localhost" });
  // ruleid: js-mcp-tool-sql-injection
  const [rows] = await connection.execute(`SELECT * FROM customers WHERE city = '${city}'`);
  // ok: js-mcp-tool-sql-injection
  const [same] = await connection.execute("SELECT * FROM customers WHERE city = ?", [city]);
  // ok: js-mcp-tool-sql-injection
  const [escaped] = await connection.query("SELECT * FROM customers WHERE city = " + connection.escape(city));
  return { content: [{ type: "text", text: JSON.stringify([rows, same, escaped]) }] };
});

function report(where: string) {
  // ruleid: js-mcp-tool-sql-injection
  db.exec("DELETE FROM cache WHERE " + where);
  return "purged";
}

server.tool("purge", { where: z.string() }, async ({ where }) => {
  return { content: [{ type: "text", text: report(where) }] };
});

server.resource("customer", new ResourceTemplate("customers://{id}", { list: undefined }), async (uri, { id }) => {
  // ruleid: js-mcp-tool-sql-injection
  const row = db.prepare("SELECT * FROM customers WHERE id = " + id).get();
  return { contents: [{ uri: uri.href, text: JSON.stringify(row) }] };
});

server.tool("parameterized", { name: z.string(), city: z.string() }, async ({ name, city }) => {
  // ok: js-mcp-tool-sql-injection
  const a = await pool.query("SELECT * FROM customers WHERE name = $1 AND city = $2", [name, city]);
  // ok: js-mcp-tool-sql-injection
  const b = await pool.query({ text: "SELECT * FROM customers WHERE name = $1", values: [name] });
  // ok: js-mcp-tool-sql-injection
  const c = db.prepare("SELECT * FROM customers WHERE city = ?").all(city);
  // ok: js-mcp-tool-sql-injection
  const d = await pool.query(`SELECT * FROM customers LIMIT ${Number(name)}`);
  return { content: [{ type: "text", text: JSON.stringify([a.rows, b.rows, c, d.rows]) }] };
});

server.tool("search", { text: z.string() }, async ({ text }) => {
  const index = { query: (q: string) => [q] };
  // ok: js-mcp-tool-sql-injection
  const hits = index.query(text);
  return { content: [{ type: "text", text: JSON.stringify(hits) }] };
});

function notReachable(query: string) {
  // ok: js-mcp-tool-sql-injection
  return pool.query(query);
}
