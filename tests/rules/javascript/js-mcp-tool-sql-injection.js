const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const sqlite3 = require("sqlite3");

const db = new sqlite3.Database("/srv/notes.db");
const server = new Server({ name: "notes", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "search": {
      const sql = `SELECT * FROM notes WHERE body LIKE '%${args.term}%'`;
      // ruleid: js-mcp-tool-sql-injection
      db.all(sql, (err, rows) => console.log(err, rows));
      return { content: [{ type: "text", text: "started" }] };
    }
    case "delete":
      // ruleid: js-mcp-tool-sql-injection
      db.run("DELETE FROM notes WHERE id = " + args.id);
      return { content: [{ type: "text", text: "deleted" }] };
    case "get":
      // ok: js-mcp-tool-sql-injection
      db.get("SELECT * FROM notes WHERE id = ?", [args.id], (err, row) => console.log(err, row));
      return { content: [{ type: "text", text: "started" }] };
    case "cached": {
      const cache = new Map();
      // ok: js-mcp-tool-sql-injection
      return { content: [{ type: "text", text: String(cache.get(args.key)) }] };
    }
    default:
      throw new Error(`unknown tool ${name}`);
  }
});

function unused(sql) {
  // ok: js-mcp-tool-sql-injection
  return db.exec(sql);
}
