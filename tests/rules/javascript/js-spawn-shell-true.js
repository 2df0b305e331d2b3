// Fixtures for js-spawn-shell-true
const { spawn, spawnSync, execFile, execFileSync } = require("child_process");
const childProcess = require("child_process");
const { execa } = require("execa");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

const server = new McpServer({ name: "runner", version: "1.0.0" });
const NPM_ARGS = ["install", "--no-audit"];

server.tool("run_script", { script: z.string() }, async ({ script }) => {
  // ruleid: js-spawn-shell-true
  const child = spawn(script, { shell: true });
  return { content: [{ type: "text", text: String(child.pid) }] };
});

server.tool("clone", { url: z.string() }, async ({ url }) => {
  // ruleid: js-spawn-shell-true
  const res = spawnSync("git", ["clone", url], {
    cwd: "/tmp",
    shell: true,
  });
  return { content: [{ type: "text", text: res.stdout.toString() }] };
});

function build(target, args) {
  // ruleid: js-spawn-shell-true
  execFile("make", [`TARGET=${target}`], { shell: "/bin/bash" }, () => {});
  // ruleid: js-spawn-shell-true
  execFileSync(args.tool, args.argv, { shell: true });
  // ruleid: js-spawn-shell-true
  childProcess.spawn("npm", args.npmArgs, { "shell": true, stdio: "inherit" });
  // ruleid: js-spawn-shell-true
  require("child_process").spawn(`${args.bin} --version`, { shell: true });
  // ruleid: js-spawn-shell-true
  return execa("grep", ["-rn", args.pattern, "."], { shell: true });
}

function commented(args) {
  // ruleid: js-spawn-shell-true
  spawn(
    args.bin, // from the tool call
    args.argv, // also from the tool call
    { shell: true },
  );
}

function explicitShell(args) {
  // an explicit `sh -c` is a shell too
  // ruleid: js-spawn-shell-true
  spawn("sh", ["-c", `tar czf out.tgz ${args.path}`]);
  // ruleid: js-spawn-shell-true
  execFileSync("/bin/bash", ["-lc", "grep -r " + args.pattern]);
  // ruleid: js-spawn-shell-true
  spawn("cmd.exe", ["/c", args.command], { stdio: "inherit" });
  // ok: js-spawn-shell-true
  spawn("sh", ["-c", "ls -la | wc -l"]);
  // ok: js-spawn-shell-true
  spawn("sh", ["-c", 'tar czf out.tgz "$1"', "tar", args.path]);
  // ok: js-spawn-shell-true
  spawn("bash", ["backup.sh", args.path]);
  // ok: js-spawn-shell-true
  spawn("git", ["-c", args.config, "status"]);
}

// --- negatives ---------------------------------------------------------------
function safe(url, args) {
  // ok: js-spawn-shell-true
  spawn("git", ["clone", "--", url], { shell: false });
  // ok: js-spawn-shell-true
  spawn("git", ["clone", "--", url]);
  // ok: js-spawn-shell-true
  spawn(args.bin, args.argv, { stdio: "inherit" });
  // ok: js-spawn-shell-true
  spawnSync("npm", ["install", "--no-audit"], { shell: true });
  // ok: js-spawn-shell-true
  spawn("npm run build", { shell: true });
  // ok: js-spawn-shell-true
  spawn("npm", NPM_ARGS, { shell: true });
  // ok: js-spawn-shell-true
  execFile(args.tool, args.argv, { shell: "" }, () => {});
  // ok: js-spawn-shell-true
  spawn(args.bin, args.argv, { env: { shell: true } });
  // ok: js-spawn-shell-true
  const doc = "spawn(cmd, { shell: true }) is dangerous";
  // ok: js-spawn-shell-true
  terminal.open({ shell: true, title: args.title });
}
