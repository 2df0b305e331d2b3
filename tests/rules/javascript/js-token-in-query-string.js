const express = require("express");

const app = express();

app.get("/sse", (req, res) => {
  // ruleid: js-token-in-query-string
  const apiKey = req.query["api_key"];
  // ok: js-token-in-query-string
  const topic = req.query["topic"];
  res.json({ ok: Boolean(apiKey), topic });
});

app.get("/callback", (req, res) => {
  // ok: js-token-in-query-string
  const { code, state } = req.query;
  res.json({ code, state });
});
