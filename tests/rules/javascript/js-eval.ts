// Fixtures for js-eval (TypeScript)
import vm from "node:vm";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "calc", version: "1.0.0" });

server.registerTool(
  "calculate",
  { description: "Evaluate an arithmetic expression", inputSchema: { expression: z.string() } },
  async ({ expression }: { expression: string }) => {
    // ruleid: js-eval
    const value: number = eval(expression as string);
    return { content: [{ type: "text" as const, text: String(value) }] };
  },
);

export function compile(src: string, params: string[]): (...a: unknown[]) => unknown {
  // ruleid: js-eval
  return new Function(...params, src) as (...a: unknown[]) => unknown;
}

export function run(code: string | undefined, ctx: vm.Context): unknown {
  // ruleid: js-eval
  const out = vm.runInContext(code!, ctx);
  // ruleid: js-eval
  const mod = new vm.SourceTextModule(`export default ${code}`);
  // ruleid: js-eval
  const f = vm.compileFunction(code ?? "", ["input"]);
  return [out, mod, f];
}

// --- negatives ---------------------------------------------------------------
type Evaluator = { eval(expr: string): number };
export function safe(input: string, ev: Evaluator, ctx: vm.Context): unknown {
  // ok: js-eval
  const parsed = JSON.parse(input) as Record<string, unknown>;
  // ok: js-eval
  const n = ev.eval(input);
  // ok: js-eval
  const ctor: FunctionConstructor = Function;
  // ok: js-eval
  const script: vm.Script = new vm.Script("1 + 1");
  // ok: js-eval
  return script.runInContext(ctx) ?? eval("0");
}
