import express from "express";
import cors from "cors";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";

const app = express();
// ruleid: mcp-permissive-cors
app.use(cors());
// ok: mcp-permissive-cors
app.use(cors({ origin: ["https://app.example.com"] }));
// ruleid: mcp-permissive-cors
app.use("/mcp", cors({ origin: true, credentials: true }));
// ok: mcp-permissive-cors
app.use(cors(corsOptions));

app.get("/sse", (req, res) => {
  // ruleid: mcp-permissive-cors
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  // ok: mcp-permissive-cors
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
  const transport = new SSEServerTransport("/messages", res);
});
