// Fixtures for js-child-process-exec (TypeScript)
import { exec, execSync, execFileSync } from "node:child_process";
import * as cp from "child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const execAsync = promisify(exec);
const server = new McpServer({ name: "repo-tools", version: "1.0.0" });

server.registerTool(
  "clone",
  { description: "Clone a repository", inputSchema: { repo: z.string() } },
  async ({ repo }: { repo: string }) => {
    // ruleid: js-child-process-exec
    const { stdout } = await execAsync(`git clone ${repo as string} /tmp/work`);
    return { content: [{ type: "text" as const, text: stdout }] };
  },
);

export function run(args: Record<string, unknown>): string {
  // ruleid: js-child-process-exec
  const out = execSync(args.command as string, { encoding: "utf8" });
  // ruleid: js-child-process-exec
  exec(args.script!, (err: Error | null, stdout: string) => console.log(stdout));
  // ruleid: js-child-process-exec
  cp.exec(`tar czf ${String(args.name)}.tgz .`);
  // ruleid: js-child-process-exec
  const sync = <string>cp.execSync("cat " + (args.path as string));
  return out + sync;
}

// --- negatives ---------------------------------------------------------------
export function safe(line: string, db: { exec(sql: string): void }, sql: string): void {
  // ok: js-child-process-exec
  const version: string = execSync("npm --version", { encoding: "utf8" });
  // ok: js-child-process-exec
  const m: RegExpExecArray | null = /(\d+)\.(\d+)/.exec(line);
  const re: RegExp = new RegExp("^[a-z]+$");
  // ok: js-child-process-exec
  const ok = re.exec(line as string);
  // ok: js-child-process-exec
  db.exec(sql);
  // ok: js-child-process-exec
  execFileSync("git", ["status", "--porcelain"], { cwd: line });
  // ok: js-child-process-exec
  const parsed = JSON.parse(line) as { cmd: string };
}
