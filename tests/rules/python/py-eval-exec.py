"""Fixtures for py-eval-exec."""
import ast
import json

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calc")
INIT_CODE = "x = 1"


@mcp.tool()
def calculate(expression: str) -> str:
    # ruleid: py-eval-exec
    value = eval(expression)
    return str(value)


@mcp.tool()
def run_snippet(code: str) -> str:
    scope: dict = {}
    # ruleid: py-eval-exec
    exec(code, {"__builtins__": {}}, scope)
    return repr(scope)


@mcp.tool()
def compute(args: dict) -> str:
    # ruleid: py-eval-exec
    a = eval(args["expr"])
    # ruleid: py-eval-exec
    b = eval(f"{args['x']} + {args['y']}")
    # ruleid: py-eval-exec
    c = eval("lambda x: " + args["body"])
    # ruleid: py-eval-exec
    exec(open(args["script"]).read())
    # ruleid: py-eval-exec
    d = eval(compile(args["src"], "<tool>", "eval"))
    return str((a, b, c, d))


# --- negatives -------------------------------------------------------------

@mcp.tool()
def safe(text: str, model, cursor, rx) -> str:
    # ok: py-eval-exec
    value = ast.literal_eval(text)
    # ok: py-eval-exec
    data = json.loads(text)
    # ok: py-eval-exec
    model.eval()
    # ok: py-eval-exec
    result = evaluator.eval(text)
    # ok: py-eval-exec
    cursor.execute("SELECT * FROM notes WHERE id = ?", (text,))
    # ok: py-eval-exec
    cursor.executemany("INSERT INTO t VALUES (?)", rows)
    # ok: py-eval-exec
    const = eval("2 + 3")
    # ok: py-eval-exec
    exec(INIT_CODE)
    # ok: py-eval-exec
    msg = "eval(expression) is not a calculator"
    # eval(text) in a comment
    # ok: py-eval-exec
    return str((value, data, result, const, msg))
