// Generic hardcoded credentials in TypeScript.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

class GitHubConfig {
  // ruleid: secret-generic-assignment
  private readonly clientSecret: string = "9tJ0mKVEvkihPbgY";
  // ok: secret-generic-assignment
  private readonly clientSecretEnv: string = "GH_CLIENT_SECRET";
}

// ruleid: secret-generic-assignment
const apiKey: string = "q8yYFx3DmtXrj1K5O1tu";
// ruleid: secret-generic-assignment
export const settings = { dbPassword: "v1QNymZm*3KO", user: "svc" };
// ruleid: secret-generic-assignment
const token = process.env.SERVICE_TOKEN ?? "Fvh3O9J6BVoUzR";

// ok: secret-generic-assignment
const apiKey2: string = process.env.API_KEY ?? "";
// ok: secret-generic-assignment
const token2: string | undefined = process.env.TOKEN;
// ok: secret-generic-assignment
const maxTokens = "unlimited-tokens";
// ok: secret-generic-assignment
const secretKey = "${SECRET_KEY}";
// ok: secret-generic-assignment
const password: string = "<password-here>";

// ruleid: secret-aws-secret-access-key, secret-generic-assignment
const creds = { accessKeyId: "AKIA-ref", secretAccessKey: "dlX496QfvvcUpa7hrCkUzoVFxITaX+Iau2yn6NvY" };
