// The same cloud operations assistant with credentials where they belong: the AWS SDK's
// default provider chain, and the environment for everything else (read once, checked).
import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";
import Anthropic from "@anthropic-ai/sdk";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import Stripe from "stripe";
import { z } from "zod";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const s3 = new S3Client({ region: process.env.AWS_REGION ?? "eu-west-1" });
const stripe = new Stripe(required("STRIPE_SECRET_KEY"));
const anthropic = new Anthropic({ apiKey: required("ANTHROPIC_API_KEY") });
const googleMapsKey = required("GOOGLE_MAPS_API_KEY");
const hfToken = process.env.HF_TOKEN ?? "";
const tokenHeader = "Authorization";

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
    url.searchParams.set("key", googleMapsKey);
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
      headers: { [tokenHeader]: `Bearer ${hfToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ inputs: text }),
    });
    return { content: [{ type: "text", text: await res.text() }] };
  },
);

await server.connect(new StdioServerTransport());
