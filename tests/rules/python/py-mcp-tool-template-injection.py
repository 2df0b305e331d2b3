from string import Template as StringTemplate

import jinja2
from flask import render_template_string
from jinja2 import Environment, FileSystemLoader, Template
from mako.template import Template as MakoTemplate
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reports")
env = Environment(loader=FileSystemLoader("/srv/templates"), autoescape=True)


@mcp.tool()
def render_report(template: str, title: str) -> str:
    # ruleid: py-mcp-tool-template-injection
    return Template(template).render(title=title)


@mcp.tool()
def preview(body: str) -> str:
    source = "<h1>Preview</h1>\n" + body
    # ruleid: py-mcp-tool-template-injection
    return env.from_string(source).render()


@mcp.tool()
def legacy(text: str) -> str:
    # ruleid: py-mcp-tool-template-injection
    return render_template_string(text)


@mcp.tool()
def mako_preview(text: str) -> str:
    # ruleid: py-mcp-tool-template-injection
    return MakoTemplate(text=text).render()


@mcp.tool()
def direct(text: str) -> str:
    # ruleid: py-mcp-tool-template-injection
    return jinja2.Template(text).render()


@mcp.tool()
def greeting(name: str) -> str:
    # ok: py-mcp-tool-template-injection
    return env.get_template("greeting.j2").render(name=name)


@mcp.tool()
def fixed(name: str) -> str:
    # ok: py-mcp-tool-template-injection
    return Template("Hello {{ name }}").render(name=name)


@mcp.tool()
def substitute(text: str, name: str) -> str:
    # ok: py-mcp-tool-template-injection
    return StringTemplate(text).substitute(name=name)
