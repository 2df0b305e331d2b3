import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import got from "got";
import https from "node:https";
import { z } from "zod";

const API_BASE = process.env.API_BASE ?? "https://api.example.com/v1";
const STATUS_URL = "https://status.example.com/health";
const server = new McpServer({ name: "web", version: "1.0.0" });

server.tool("fetch_url", { url: z.string().url() }, async ({ url }) => {
  // ruleid: js-mcp-tool-ssrf
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});

server.registerTool(
  "probe",
  { description: "Probe a host", inputSchema: { host: z.string(), port: z.number() } },
  async ({ host, port }) => {
    const target = `http://${host}:${port}/health`;
    // ruleid: js-mcp-tool-ssrf
    const { status } = await axios.get(target, { timeout: 5000 });
    return { content: [{ type: "text", text: String(status) }] };
  },
);

server.tool("webhook", { hook: z.string(), message: z.string() }, async ({ hook, message }) => {
  // ruleid: js-mcp-tool-ssrf
  await axios({ method: "post", url: hook, data: { text: message } });
  // ok: js-mcp-tool-ssrf
  await axios({ method: "post", url: STATUS_URL, data: { text: message } });
  return { content: [{ type: "text", text: "sent" }] };
});

server.tool("download", { source: z.string() }, async ({ source }) => {
  // ruleid: js-mcp-tool-ssrf
  const body = await got(source).text();
  return { content: [{ type: "text", text: body }] };
});

server.tool("options", { hostname: z.string() }, async ({ hostname }) => {
  // ruleid: js-mcp-tool-ssrf
  https.get({ hostname, path: "/status" }, (res) => res.resume());
  return { content: [{ type: "text", text: "started" }] };
});

async function getJson(endpoint: string) {
  // ruleid: js-mcp-tool-ssrf
  const response = await fetch(new URL(endpoint), { redirect: "follow" });
  return response.json();
}

server.tool("get_json", { endpoint: z.string() }, async ({ endpoint }) => {
  return { content: [{ type: "text", text: JSON.stringify(await getJson(endpoint)) }] };
});

server.resource("proxy", new ResourceTemplate("proxy://{host}/status", { list: undefined }), async (uri, { host }) => {
  // ruleid: js-mcp-tool-ssrf
  const response = await fetch("http://" + host + "/status");
  return { contents: [{ uri: uri.href, text: await response.text() }] };
});

server.tool("repo", { repo: z.string() }, async ({ repo }) => {
  // The host is fixed by the literal: only the path is chosen.
  // ok: js-mcp-tool-ssrf
  const response = await fetch(`https://api.github.com/repos/${encodeURI(repo)}`);
  // ok: js-mcp-tool-ssrf
  const user = await axios.get(`${API_BASE}/users/${repo}`);
  return { content: [{ type: "text", text: (await response.text()) + JSON.stringify(user.data) }] };
});

server.tool("repo_via_variable", { repo: z.string() }, async ({ repo }) => {
  const url = `${API_BASE}/repos/${repo}`;
  // Only the path is tainted: the host is fixed by the constant prefix.
  // ok: js-mcp-tool-ssrf
  const response = await fetch(url);
  return { content: [{ type: "text", text: await response.text() }] };
});

server.tool("status", { q: z.string() }, async ({ q }) => {
  // ok: js-mcp-tool-ssrf
  const response = await fetch(STATUS_URL, { method: "POST", body: JSON.stringify({ q }) });
  // ok: js-mcp-tool-ssrf
  const page = await fetch(`http://internal/list?page=${Number(q)}`);
  return { content: [{ type: "text", text: (await response.text()) + (await page.text()) }] };
});

function notReachable(url: string) {
  // ok: js-mcp-tool-ssrf
  return fetch(url);
}
