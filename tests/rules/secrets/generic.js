// Generic hardcoded credentials in JavaScript.
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

// ruleid: secret-generic-assignment
const apiKey = "9tJ0mKVEvkihPbgY";
// ruleid: secret-generic-assignment
const client = new ServiceClient({ baseURL: "https://api.service.test", apiKey: 'q8yYFx3DmtXrj1K5O1tu' });
// ruleid: secret-generic-assignment
const token = process.env.API_TOKEN || "Fvh3O9J6BVoUzR";
const request = {
  // ruleid: secret-generic-assignment
  headers: { Authorization: `Bearer q8yYFx3DmtXrj1K5O1tuFvh3O9J6BVoUzR` },
};

class Store {
  constructor() {
    // ruleid: secret-generic-assignment
    this.password = "v1QNymZm*3KO";
  }
}

// ruleid: secret-aws-secret-access-key, secret-generic-assignment
const s3 = new S3Client({ credentials: { accessKeyId: keyId, secretAccessKey: "dlX496QfvvcUpa7hrCkUzoVFxITaX+Iau2yn6NvY" } });

// ruleid: secret-messaging-token
const bot = new DiscordClient(); bot.login("MvE7V4c0Z7AW6T4rfdNJZeySPQ.cjAbZD.l1tPtF7QrVWmHp3qsG8x8VnflmZy3EB0H4TCUp");
// ruleid: secret-messaging-token
const twilioKeySid = "SKb18ec31db92ab0151fb1456eb0dca78f";

// ok: secret-generic-assignment
const apiKey2 = process.env.API_KEY;
// ok: secret-generic-assignment
const token2 = process.env.API_TOKEN ?? "";
// ok: secret-generic-assignment
const password2 = `${user}:${pass}`;
// ok: secret-generic-assignment
const tokenType = "Bearer-Token";
// ok: secret-generic-assignment
const secretName = "mcp-server-prod-creds";
// ok: secret-generic-assignment
const auth = { headers: { Authorization: `Bearer ${token}` } };
// ok: secret-generic-assignment
const apiKeyHeader = "X-Api-Key";
// ok: secret-generic-assignment
const passwordField = "user_password_1";
// ok: secret-messaging-token
const version = "v1.2.3-build.4567";
