// Fixtures for js-child-process-exec
const child_process = require("child_process");
const cp = require("node:child_process");
const { exec, execSync, execFile } = require("child_process");
const util = require("util");
const { promisify } = require("util");
const Database = require("better-sqlite3");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

const server = new McpServer({ name: "devtools", version: "1.0.0" });
const execAsync = promisify(exec);
const LIST_CMD = "ls -la /srv/workspace";
const db = new Database("notes.db");

server.tool("git_log", { branch: z.string() }, async ({ branch }) => {
  return new Promise((resolve) => {
    // ruleid: js-child-process-exec
    exec(`git log --oneline ${branch}`, (err, stdout) => {
      resolve({ content: [{ type: "text", text: stdout }] });
    });
  });
});

server.tool("disk_usage", { dir: z.string() }, async ({ dir }) => {
  // ruleid: js-child-process-exec
  const out = execSync("du -sh " + dir, { encoding: "utf8" });
  // ruleid: js-child-process-exec
  const { stdout } = await execAsync(`ls -la ${dir}`);
  return { content: [{ type: "text", text: out + stdout }] };
});

function runCommand(args) {
  const command = args.command;
  // ruleid: js-child-process-exec
  child_process.exec(command);
  // ruleid: js-child-process-exec
  cp.execSync(args.command, { timeout: 10000 });
  // ruleid: js-child-process-exec
  require("child_process").exec(command, () => {});
  // ruleid: js-child-process-exec
  return util.promisify(cp.exec)(
    "grep -rn " + args.pattern + " .",
  );
}

function withComments(args) {
  // ruleid: js-child-process-exec
  exec(/* built from tool input */ args.cmd);
  // ok: js-child-process-exec
  exec(
    // a fixed command, documented inline
    "git status --porcelain",
  );
}

// --- negatives ---------------------------------------------------------------
function safe(input, sql, branch) {
  // ok: js-child-process-exec
  exec("ls -la", () => {});
  // ok: js-child-process-exec
  const head = execSync(`git rev-parse HEAD`).toString();
  // ok: js-child-process-exec
  execSync(LIST_CMD);
  // ok: js-child-process-exec
  execFile("git", ["log", "--oneline", "--", branch], () => {});
  const regex = /(\d+)-(\d+)/g;
  // ok: js-child-process-exec
  const m = regex.exec(input);
  // ok: js-child-process-exec
  const n = /^v(\d+)/.exec(input);
  // ok: js-child-process-exec
  const pattern = new RegExp("a+"); pattern.exec(input);
  // ok: js-child-process-exec
  db.exec(sql);
  // ok: js-child-process-exec
  const doc = "exec(`rm -rf ${dir}`) would be injectable";
  // exec(command) in a comment
  // ok: js-child-process-exec
  return JSON.parse(input);
}
