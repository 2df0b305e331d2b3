// Fixtures for js-eval
const vm = require("vm");
const { runInNewContext } = require("node:vm");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

const server = new McpServer({ name: "calc", version: "1.0.0" });
const BOOTSTRAP = "globalThis.ready = true";

server.tool("calculate", { expression: z.string() }, async ({ expression }) => {
  // ruleid: js-eval
  const value = eval(expression);
  return { content: [{ type: "text", text: String(value) }] };
});

server.tool("transform", { body: z.string(), data: z.any() }, async ({ body, data }) => {
  // ruleid: js-eval
  const fn = new Function("data", body);
  // ruleid: js-eval
  const fn2 = Function("x", `return ${body}`);
  // ruleid: js-eval
  const fn3 = new Function(...Object.keys(data), body);
  return { content: [{ type: "text", text: JSON.stringify(fn(data) + fn2(1) + fn3()) }] };
});

function sandbox(args) {
  // ruleid: js-eval
  vm.runInNewContext(args.code, { console });
  // ruleid: js-eval
  vm.runInThisContext("(" + args.fn + ")");
  // ruleid: js-eval
  const script = new vm.Script(args.source, { filename: "tool.js" });
  // ruleid: js-eval
  runInNewContext(`${args.prefix};${args.code}`);
  // ruleid: js-eval
  require("vm").runInContext(args.code, vm.createContext({}));
  // ruleid: js-eval
  compileFunction(/* body */ args.body, ["input"]);
  // ruleid: js-eval
  eval(/* the user's */ args.expr);
  // ruleid: js-eval
  return globalThis.eval(args.expr);
}

// --- negatives ---------------------------------------------------------------
function safe(input, ctx) {
  // ok: js-eval
  const data = JSON.parse(input);
  // ok: js-eval
  const two = eval("1 + 1");
  // ok: js-eval
  const add = new Function("a", "b", "return a + b");
  // ok: js-eval
  const noop = new Function();
  // ok: js-eval
  vm.runInThisContext(BOOTSTRAP);
  // ok: js-eval
  runInThisContext(/* fixed */ "1 + 1");
  // ok: js-eval
  runInContext(input, ctx);
  // ok: js-eval
  evalSync(input);
  const script = new vm.Script("x += 1");
  // ok: js-eval
  script.runInContext(ctx);
  // ok: js-eval
  const m = /(\d+)/.exec(input);
  // ok: js-eval
  const r = mathjs.evaluate(input);
  // ok: js-eval
  const e = evaluator.eval(input);
  // ok: js-eval
  const hint = "eval(expression) is not a calculator";
  // eval(input) in a comment
  // ok: js-eval
  return typeof input === "function" ? input : Function.prototype;
}
