// Cloud operations assistant on McpServer: lists S3 buckets, looks up Stripe payments,
// summarises with Claude, geocodes with Google and embeds with Hugging Face. Credentials were
// pasted into the code during a demo and never moved out (the planted flaws).
import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";
import Anthropic from "@anthropic-ai/sdk";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import Stripe from "stripe";
import { z } from "zod";

const s3 = new S3Client({
  region: "eu-west-1",
  credentials: {
    accessKeyId: "AKIANAURNNAVHOA7SLII",
    secretAccessKey: "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",
  },
});
const stripe = new Stripe("sk_live_yenHdjygS3kCwtzQEoaUueEsmtWE2V6nrazV0i7l");
const anthropic = new Anthropic({
  apiKey: "sk-ant-api03-TpVywEH1vbdfRGgO7f0TME8mYrJs_ZNJM1MzFBUu_ygp0ySdk9wK77CS0gvuRQUfmeB3iAC2H-VMNRpXBmtTBDaLTklgjAA",
});
const GOOGLE_MAPS_KEY = "AIzaWqZObBuQywYKzZOkSoDKugsPH_qXD-Gstcu";
const HF_TOKEN = "hf_xzRBPxXrRyw3xjr5Tf7TBp9HKjuf4I2OBO";

const server = new McpServer({ name: "cloud-ops", version: "0.3.0" });

server.registerTool(
  "list_buckets",
  { description: "List the S3 buckets of the ops account", inputSchema: {} },
  async () => {
    const out = await s3.send(new ListBucketsCommand({}));
    return { content: [{ type: "text", text: (out.Buckets ?? []).map((b) => b.Name).join("\n") }] };
  },
);

server.registerTool(
  "payment_status",
  { description: "Status of a Stripe payment intent", inputSchema: { id: z.string().regex(/^pi_[A-Za-z0-9]+$/) } },
  async ({ id }) => {
    const intent = await stripe.paymentIntents.retrieve(id);
    return { content: [{ type: "text", text: `${intent.id}: ${intent.status}` }] };
  },
);

server.registerTool(
  "geocode",
  { description: "Coordinates of an address", inputSchema: { address: z.string().max(200) } },
  async ({ address }) => {
    const url = new URL("https://maps.googleapis.com/maps/api/geocode/json");
    url.searchParams.set("address", address);
    url.searchParams.set("key", GOOGLE_MAPS_KEY);
    const res = await fetch(url);
    return { content: [{ type: "text", text: await res.text() }] };
  },
);

server.registerTool(
  "summarise",
  { description: "Summarise an incident note", inputSchema: { note: z.string().max(20000) } },
  async ({ note }) => {
    const msg = await anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 400,
      messages: [{ role: "user", content: `Summarise for the on-call channel:\n${note}` }],
    });
    const text = msg.content.map((c) => (c.type === "text" ? c.text : "")).join("");
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "embed",
  { description: "Embedding of a short text", inputSchema: { text: z.string().max(2000) } },
  async ({ text }) => {
    const res = await fetch("https://api-inference.huggingface.co/models/sentence-transformers/all-MiniLM-L6-v2", {
      method: "POST",
      headers: { Authorization: `Bearer ${HF_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ inputs: text }),
    });
    return { content: [{ type: "text", text: await res.text() }] };
  },
);

await server.connect(new StdioServerTransport());
