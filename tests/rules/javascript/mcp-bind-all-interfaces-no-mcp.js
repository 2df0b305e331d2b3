// An ordinary web app: no MCP transport, so neither its bind nor its CORS is reported.
import express from "express";
import cors from "cors";

const app = express();
// ok: mcp-permissive-cors
app.use(cors());
// ok: mcp-bind-all-interfaces
app.listen(8080);
