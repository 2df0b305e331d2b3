import ast

from fastmcp import FastMCP

mcp = FastMCP("calc")


@mcp.tool
def calculate(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    # ruleid: py-mcp-tool-code-injection
    return str(eval(expression))


@mcp.tool
def run_snippet(code: str) -> str:
    scope = {}
    body = "result = " + code
    # ruleid: py-mcp-tool-code-injection
    exec(body, scope)
    return repr(scope.get("result"))


@mcp.tool
def literal(value: str) -> str:
    # ok: py-mcp-tool-code-injection
    return repr(ast.literal_eval(value))


@mcp.tool
def constant(value: str) -> str:
    # ok: py-mcp-tool-code-injection
    return str(eval("1 + 1"))


@mcp.tool
def numeric(value: str) -> str:
    n = float(value)
    # ok: py-mcp-tool-code-injection
    return str(eval(f"{n} * 2"))


@mcp.prompt()
def template(topic: str) -> str:
    # ruleid: py-mcp-tool-code-injection
    code = compile(topic, "<prompt>", "eval")
    return str(code)


def not_a_tool(expr):
    # ok: py-mcp-tool-code-injection
    return eval(expr)


@mcp.tool
def branchy(expr: str, safe: bool) -> str:
    value = "0"
    if safe:
        value = expr
    # ruleid: py-mcp-tool-code-injection
    return str(eval(value))
