import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Octokit } from "@octokit/rest";
import axios from "axios";
import express from "express";
import superagent from "superagent";
import { z } from "zod";

const server = new McpServer({ name: "github-proxy", version: "1.0.0" });
const SERVICE_TOKEN = process.env.GITHUB_SERVICE_TOKEN ?? "";

server.tool("list_repos", {}, async (_args, extra) => {
  // ruleid: js-token-passthrough
  const response = await fetch("https://api.github.com/user/repos", { headers: { Authorization: `Bearer ${extra.authInfo?.token}` } });
  return { content: [{ type: "text", text: await response.text() }] };
});

server.tool("list_issues", { repo: z.string() }, async ({ repo }, { authInfo }) => {
  const token = authInfo?.token;
  // ruleid: js-token-passthrough
  const octokit = new Octokit({ auth: token });
  const { data } = await octokit.rest.issues.listForRepo({ owner: "acme", repo });
  return { content: [{ type: "text", text: JSON.stringify(data) }] };
});

server.tool("list_gists", {}, async (_args, extra) => {
  const user = extra.authInfo?.clientId;
  // ok: js-token-passthrough
  const response = await fetch("https://api.github.com/gists", { headers: { Authorization: `Bearer ${SERVICE_TOKEN}`, "X-On-Behalf-Of": user ?? "" } });
  return { content: [{ type: "text", text: await response.text() }] };
});

const app = express();
app.get("/proxy/*", async (req, res) => {
  const headers = { authorization: req.headers.authorization ?? "", accept: "application/json" };
  // ruleid: js-token-passthrough
  const upstream = await axios.get(`https://upstream.internal/${req.params[0]}`, { headers });
  // ok: js-token-passthrough
  await axios.post("https://audit.internal/events", { path: req.path, authenticated: Boolean(req.get("authorization")) });
  res.json(upstream.data);
});

app.post("/hook", async (req, res) => {
  // ruleid: js-token-passthrough
  await superagent.post("https://upstream.internal/hook").set("Authorization", req.get("Authorization") ?? "").send(req.body);
  // ok: js-token-passthrough
  await superagent.post("https://upstream.internal/hook").set("Authorization", `Bearer ${SERVICE_TOKEN}`).send(req.body);
  res.sendStatus(204);
});
