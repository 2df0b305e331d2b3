const express = require("express");
const axios = require("axios");

const app = express();
const SERVICE_TOKEN = process.env.UPSTREAM_SERVICE_TOKEN;

app.get("/api/*", async (req, res) => {
  const auth = req.get("Authorization");
  // ruleid: js-token-passthrough
  const upstream = await axios({ url: `https://upstream.internal/${req.params[0]}`, headers: { Authorization: auth } });
  // ok: js-token-passthrough
  const audit = await axios({ url: "https://audit.internal/", headers: { Authorization: `Bearer ${SERVICE_TOKEN}` } });
  res.json({ data: upstream.data, audited: audit.status });
});

app.post("/graphql", async (req, res) => {
  // ruleid: js-token-passthrough
  const r = await fetch("https://api.github.com/graphql", { method: "POST", headers: { authorization: req.headers["authorization"] }, body: JSON.stringify(req.body) });
  res.status(r.status).send(await r.text());
});

app.all("/proxy/*", async (req, res) => {
  // ruleid: js-token-passthrough
  const r = await fetch(`https://upstream.internal/${req.params[0]}`, { method: req.method, headers: { ...req.headers, host: "upstream.internal" } });
  // ok: js-token-passthrough
  await fetch("https://audit.internal/", { method: "POST", headers: { "user-agent": req.headers["user-agent"] ?? "" } });
  res.status(r.status).send(await r.text());
});
