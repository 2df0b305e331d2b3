// Fixtures for js-spawn-shell-true (TypeScript)
import { spawn, spawnSync, execFile, type SpawnOptions } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "runner", version: "1.0.0" });
const isWindows: boolean = process.platform === "win32";

server.registerTool(
  "exec",
  { description: "Run a program", inputSchema: { cmd: z.string(), args: z.array(z.string()) } },
  async ({ cmd, args }: { cmd: string; args: string[] }) => {
    // ruleid: js-spawn-shell-true
    const child = spawn(cmd as string, args, { shell: true } as SpawnOptions);
    // ruleid: js-spawn-shell-true
    const r = spawnSync("ffmpeg", ["-i", args[0]!, "out.mp4"], { shell: true, encoding: "utf8" });
    return { content: [{ type: "text" as const, text: `${child.pid} ${r.status}` }] };
  },
);

export function lint(files: string[]): void {
  // ruleid: js-spawn-shell-true
  execFile("eslint", files, { shell: process.platform === "win32" ? "cmd.exe" : "/bin/sh" } as const, () => {});
  // ruleid: js-spawn-shell-true
  spawn(`eslint ${files.join(" ")}`, { shell: true });
}

// --- negatives ---------------------------------------------------------------
export function safe(url: string, opts: SpawnOptions): void {
  // ok: js-spawn-shell-true
  spawn("git", ["clone", "--", url], { shell: false });
  // ok: js-spawn-shell-true
  spawn("npm", ["ci"], { shell: isWindows });
  // ok: js-spawn-shell-true
  spawn("npm", ["run", "build"], { shell: true, stdio: "inherit" } satisfies SpawnOptions);
  // ok: js-spawn-shell-true
  spawn(url, [], opts);
}
