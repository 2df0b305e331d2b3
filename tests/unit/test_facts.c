/* lang/python_facts.c, lang/javascript_facts.c: the MCP model (handlers, inputs, transports)
 * extracted from Python, JavaScript, TypeScript and TSX snippets. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "lang/facts.h"
#include "lang/facts_p.h"
#include "util/xalloc.h"

static TSParser *parser;
static TSTree *tree;
static ms_facts facts;
static char *big;

void test_facts__initialize(void) {
  parser = ts_parser_new();
  memset(&facts, 0, sizeof facts);
}

void test_facts__cleanup(void) {
  ms_facts_dispose(&facts);
  if (tree) ts_tree_delete(tree);
  tree = NULL;
  ts_parser_delete(parser);
  parser = NULL;
  ms_free(big);
  big = NULL;
}

/* Parses src as lang into `tree` (replacing the earlier one); returns its root. */
static TSNode parse(ms_lang_id lang, const char *src) {
  if (tree) ts_tree_delete(tree);
  ts_parser_set_language(parser, ms_lang_get(lang)->ts_language());
  tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)strlen(src));
  return ts_tree_root_node(tree);
}

/* Parses src as lang and extracts its facts into `facts` (replacing earlier ones). */
static void extract(ms_lang_id lang, const char *src) {
  ms_facts_dispose(&facts);
  ms_facts_extract(lang, parse(lang, src), src, (uint32_t)strlen(src), &facts);
}

/* The handler named name (NULL when absent). */
static const ms_handler *handler(const char *name) {
  for (uint32_t i = 0; i < facts.handlers.len; i++) {
    const ms_handler *h = &facts.handlers.items[i];
    if (h->name && strcmp(h->name, name) == 0) return h;
  }
  return NULL;
}

/* The handler's parameter names joined with commas, for compact checks. */
static const char *params(const ms_handler *h) {
  static char buf[256];
  buf[0] = '\0';
  for (uint32_t i = 0; h && i < h->params.len; i++) {
    if (i) strncat(buf, ",", sizeof buf - strlen(buf) - 1);
    strncat(buf, h->params.items[i].name, sizeof buf - strlen(buf) - 1);
  }
  return buf;
}

/* ---- Python ---------------------------------------------------------------------------------- */

void test_facts__python_decorator_forms(void) {
  extract(MS_LANG_PYTHON,
          "from mcp.server.fastmcp import FastMCP\n"
          "mcp = FastMCP('demo')\n"
          "\n"
          "@mcp.tool\n"
          "def bare(a: str) -> str:\n"
          "    return a\n"
          "\n"
          "@mcp.tool()\n"
          "async def called(path: str, limit: int = 10):\n"
          "    \"\"\"Read a file.\"\"\"\n"
          "    return path\n"
          "\n"
          "@mcp.tool(name='renamed', description='Explicit.')\n"
          "def original(x):\n"
          "    \"\"\"Ignored docstring.\"\"\"\n"
          "\n"
          "@mcp.tool('positional_name')\n"
          "def by_position(): pass\n");
  MS_CHECK_INT(facts.handlers.len, 4);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "bare");
  MS_CHECK_INT(h->kind, MS_HANDLER_TOOL);
  MS_CHECK(!h->low_level);
  MS_CHECK(h->description == NULL);
  MS_CHECK_STR(h->function, "bare");
  MS_CHECK_INT(h->decl_line, 4);
  MS_CHECK_INT(h->start_line, 5);
  MS_CHECK_INT(h->end_line, 6);
  MS_CHECK_STR(params(h), "a");
  MS_CHECK_INT(h->params.items[0].line, 5);
  MS_CHECK_INT(h->params.items[0].col, 10);

  h = &facts.handlers.items[1];
  MS_CHECK_STR(h->name, "called");
  MS_CHECK_STR(h->description, "Read a file.");
  MS_CHECK_STR(params(h), "path,limit");
  MS_CHECK_INT(h->decl_line, 8);
  MS_CHECK_INT(h->start_line, 9); /* the function_definition, `async` included */

  h = &facts.handlers.items[2];
  MS_CHECK_STR(h->name, "renamed");
  MS_CHECK_STR(h->function, "original");
  MS_CHECK_STR(h->description, "Explicit.");
  MS_CHECK_STR(facts.handlers.items[3].name, "positional_name");
}

void test_facts__python_docstring_is_cleaned(void) {
  extract(MS_LANG_PYTHON,
          "@mcp.tool()\n"
          "def t(q):\n"
          "    \"\"\"\n"
          "    Search the index.\n"
          "\n"
          "      Indented detail.\n"
          "    Tab\\there and zero\\u200bwidth.\n"
          "    \"\"\"\n"
          "    return q\n"
          "@mcp.tool()\n"
          "def u(q):\n"
          "    'single' \"parts\"\n");
  MS_CHECK_INT(facts.handlers.len, 2);
  MS_CHECK_STR(facts.handlers.items[0].description,
               "Search the index.\n\n  Indented detail.\nTab\there and zero\xE2\x80\x8Bwidth.");
  MS_CHECK_STR(facts.handlers.items[1].description, "singleparts");
}

void test_facts__python_description_from_constants(void) {
  extract(MS_LANG_PYTHON,
          "DESC = 'Reads files. ' + \"<IMPORTANT>\"\n"
          "NAME = 'reader'\n"
          "TWICE = 'a'\n"
          "TWICE = 'b'\n"
          "@mcp.tool(name=NAME, description=DESC)\n"
          "def f(p): pass\n"
          "@mcp.tool(description=TWICE)\n"
          "def g(p):\n"
          "    'doc'\n"
          "@mcp.tool(description=f'{x}')\n"
          "def h(p): pass\n");
  MS_CHECK_INT(facts.handlers.len, 3);
  MS_CHECK_STR(facts.handlers.items[0].name, "reader");
  MS_CHECK_STR(facts.handlers.items[0].description, "Reads files. <IMPORTANT>");
  /* Reassigned names and f-strings are not constants; an explicit description still wins
   * over the docstring, so it is unknown. */
  MS_CHECK(facts.handlers.items[1].description == NULL);
  MS_CHECK(facts.handlers.items[2].description == NULL);
}

void test_facts__python_context_self_and_splats(void) {
  extract(MS_LANG_PYTHON,
          "class S:\n"
          "    def register(self):\n"
          "        @self.mcp.tool()\n"
          "        async def run(self, cmd: str, ctx: Context, *args, timeout: int = 5, **kw) -> str:\n"
          "            pass\n"
          "        @self.mcp.tool()\n"
          "        def other(cls, a, c: Context[ServerSession, None], d: 'Context', e: Optional[Context] = None,\n"
          "                  f: fastmcp.Context | None = None, g: ContextVar = None, h: dict[str, Context] = {},\n"
          "                  db: Bridge = Depends(get_db), k=fastmcp.Depends(x)):\n"
          "            pass\n");
  MS_CHECK_INT(facts.handlers.len, 2);
  MS_CHECK_STR(params(&facts.handlers.items[0]), "cmd,args,timeout,kw");
  MS_CHECK_STR(params(&facts.handlers.items[1]), "a,g,h");
}

void test_facts__python_register_function_and_renamed_server(void) {
  extract(MS_LANG_PYTHON,
          "def register(app):\n"
          "    @app.tool(name='echo')\n"
          "    def echo(text: str) -> str:\n"
          "        return text\n"
          "\n"
          "srv = MCPServer('x')\n"
          "@srv.prompt\n"
          "def greet(who):\n"
          "    '''Say hello.'''\n"
          "@get_server().tool\n"
          "def made(x): pass\n");
  MS_CHECK_INT(facts.handlers.len, 3);
  MS_CHECK_STR(facts.handlers.items[0].name, "echo");
  MS_CHECK_STR(params(&facts.handlers.items[0]), "text");
  MS_CHECK_INT(facts.handlers.items[1].kind, MS_HANDLER_PROMPT);
  MS_CHECK_STR(facts.handlers.items[1].name, "greet");
  MS_CHECK_STR(facts.handlers.items[1].description, "Say hello.");
  MS_CHECK_STR(facts.handlers.items[2].name, "made");
}

void test_facts__python_resource_template(void) {
  extract(MS_LANG_PYTHON,
          "@mcp.resource('users://{user_id}/profile', name='profile', description='A profile.')\n"
          "def get_profile(user_id: str) -> str:\n"
          "    return user_id\n"
          "@mcp.resource(uri='config://app')\n"
          "def config() -> str:\n"
          "    return '{}'\n");
  MS_CHECK_INT(facts.handlers.len, 2);
  const ms_handler *h = handler("profile");
  MS_CHECK(h != NULL);
  MS_CHECK_INT(h->kind, MS_HANDLER_RESOURCE);
  MS_CHECK_STR(h->uri, "users://{user_id}/profile");
  MS_CHECK_STR(h->description, "A profile.");
  MS_CHECK_STR(params(h), "user_id");
  h = handler("config");
  MS_CHECK(h != NULL);
  MS_CHECK_STR(h->uri, "config://app");
  MS_CHECK_INT(h->params.len, 0);
}

void test_facts__python_low_level_call_tool(void) {
  extract(MS_LANG_PYTHON,
          "server = Server('ops')\n"
          "@server.list_tools()\n"
          "async def list_tools(): return []\n"
          "@server.call_tool()\n"
          "async def call_tool(name: str, arguments: dict) -> list:\n"
          "    return arguments['cmd']\n"
          "class K:\n"
          "    @server.call_tool()\n"
          "    async def dispatch(self, tool, args):\n"
          "        pass\n");
  MS_CHECK_INT(facts.handlers.len, 2);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "*");
  MS_CHECK(h->low_level);
  MS_CHECK_STR(h->function, "call_tool");
  MS_CHECK(h->description == NULL);
  MS_CHECK_STR(params(h), "arguments");
  MS_CHECK_INT(h->params.items[0].line, 5);
  MS_CHECK_INT(h->params.items[0].col, 32);
  MS_CHECK_STR(params(&facts.handlers.items[1]), "args");
}

void test_facts__python_add_tool_by_reference(void) {
  extract(MS_LANG_PYTHON,
          "def setup(mcp):\n"
          "    def nested(q: str):\n"
          "        '''Nested doc.'''\n"
          "    mcp.add_tool(nested)\n"
          "    mcp.add_tool(top, name='top_tool', description='Top.')\n"
          "    mcp.add_tool(unknown_fn)\n"
          "    mcp.add_tool(module.fn)\n"
          "    mcp.tool()(later)\n"
          "def top(a, b): pass\n"
          "def later(z): pass\n");
  MS_CHECK_INT(facts.handlers.len, 3);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "nested");
  MS_CHECK_STR(h->description, "Nested doc.");
  MS_CHECK_INT(h->decl_line, 4);
  MS_CHECK_INT(h->start_line, 2);
  MS_CHECK_STR(params(h), "q");
  h = &facts.handlers.items[1];
  MS_CHECK_STR(h->name, "top_tool");
  MS_CHECK_STR(h->function, "top");
  MS_CHECK_STR(h->description, "Top.");
  MS_CHECK_INT(h->start_line, 9);
  MS_CHECK_STR(params(h), "a,b");
  MS_CHECK_STR(facts.handlers.items[2].name, "later");
}

void test_facts__python_lookalikes_are_ignored(void) {
  extract(MS_LANG_PYTHON,
          "import pytest\n"
          "@pytest.fixture\n"
          "def client(): pass\n"
          "@app.route('/x')\n"
          "def view(): pass\n"
          "@app.get('/y')\n"
          "async def get(): pass\n"
          "@tool\n"
          "def plain(): pass\n"
          "@mcp.tool()\n"
          "class NotAFunction: pass\n"
          "@mcp.tools()\n"
          "def typo(): pass\n"
          "asyncio.run(main())\n"
          "subprocess.run(['ls'])\n"
          "app.run(debug=True)\n"
          "thread.run()\n");
  MS_CHECK_INT(facts.handlers.len, 0);
  MS_CHECK_INT(facts.transports.len, 0);
}

void test_facts__python_run_transports(void) {
  extract(MS_LANG_PYTHON,
          "mcp = FastMCP('a', host='0.0.0.0', port=9000)\n"
          "@mcp.tool()\n"
          "def t(): pass\n"
          "mcp.run()\n"
          "mcp.run(transport='sse')\n"
          "mcp.run('streamable-http', port=8001)\n"
          "mcp.run(transport='http', host='127.0.0.1', port=7000)\n"
          "other.run(transport='stdio')\n"
          "await mcp.run_http_async(port=5000)\n"
          "mcp.run(transport=args.transport)\n");
  MS_CHECK_INT(facts.transports.len, 6);
  const ms_transport *t = facts.transports.items;
  MS_CHECK_INT(t[0].kind, MS_TRANSPORT_STDIO);
  MS_CHECK_INT(t[0].line, 4);
  MS_CHECK_INT(t[0].col, 1);
  MS_CHECK(t[0].host == NULL);
  MS_CHECK_INT(t[0].port, -1);
  MS_CHECK_INT(t[1].kind, MS_TRANSPORT_SSE);
  MS_CHECK_STR(t[1].host, "0.0.0.0"); /* from the constructor */
  MS_CHECK_INT(t[1].port, 9000);
  MS_CHECK_INT(t[2].kind, MS_TRANSPORT_STREAMABLE_HTTP);
  MS_CHECK_STR(t[2].host, "0.0.0.0");
  MS_CHECK_INT(t[2].port, 8001); /* the call's own keyword wins */
  MS_CHECK_INT(t[3].kind, MS_TRANSPORT_STREAMABLE_HTTP);
  MS_CHECK_STR(t[3].host, "127.0.0.1");
  MS_CHECK_INT(t[3].port, 7000);
  MS_CHECK_INT(t[4].kind, MS_TRANSPORT_STDIO);
  MS_CHECK_INT(t[5].kind, MS_TRANSPORT_STREAMABLE_HTTP);
  MS_CHECK_INT(t[5].port, 5000);
}

void test_facts__python_asgi_and_low_level_transports(void) {
  extract(MS_LANG_PYTHON,
          "HOST = '0.0.0.0'\n"
          "PORT = 8_080\n"
          "mcp = FastMCP('a', host='127.0.0.1')\n"
          "app = Starlette(routes=[Mount('/', app=mcp.sse_app())])\n"
          "sse = SseServerTransport('/messages/')\n"
          "manager = StreamableHTTPSessionManager(app=server, json_response=True)\n"
          "async def main():\n"
          "    async with mcp.server.stdio.stdio_server() as (r, w):\n"
          "        await server.run(r, w, server.create_initialization_options())\n"
          "if __name__ == '__main__':\n"
          "    uvicorn.run(app, host=HOST, port=PORT)\n");
  MS_CHECK_INT(facts.transports.len, 4);
  const ms_transport *t = facts.transports.items;
  MS_CHECK_INT(t[0].kind, MS_TRANSPORT_SSE);
  MS_CHECK_STR(t[0].host, "0.0.0.0"); /* a mounted app binds where uvicorn does */
  MS_CHECK_INT(t[0].port, 8080);
  MS_CHECK_INT(t[1].kind, MS_TRANSPORT_SSE);
  MS_CHECK_INT(t[1].line, 5);
  MS_CHECK_INT(t[1].col, 7);
  MS_CHECK_INT(t[2].kind, MS_TRANSPORT_STREAMABLE_HTTP);
  MS_CHECK_INT(t[2].port, 8080);
  MS_CHECK_INT(t[3].kind, MS_TRANSPORT_STDIO);
  MS_CHECK(t[3].host == NULL);
}

/* ---- JavaScript / TypeScript ----------------------------------------------------------------- */

void test_facts__js_tool_forms(void) {
  extract(MS_LANG_JAVASCRIPT,
          "const server = new McpServer({ name: 'x', version: '1' });\n"
          "server.tool('a', 'Desc of a.', { repo: z.string() },\n"
          "  async ({ repo, count: c, d = 1, ...rest }, extra) => {\n"
          "  return repo;\n"
          "});\n"
          "server.tool('b', async (args) => args.x);\n"
          "server.tool('c', { q: z.string() }, function named({ q }) {});\n"
          "server.tool('d', 'Only desc', async x => x);\n");
  MS_CHECK_INT(facts.handlers.len, 4);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "a");
  MS_CHECK_STR(h->description, "Desc of a.");
  MS_CHECK_STR(params(h), "repo,c,d,rest");
  MS_CHECK_INT(h->params.items[0].line, 3);
  MS_CHECK_INT(h->params.items[0].col, 12);
  MS_CHECK_INT(h->decl_line, 2);
  MS_CHECK_INT(h->start_line, 3);
  MS_CHECK_INT(h->end_line, 5);
  MS_CHECK(h->function == NULL);
  MS_CHECK_STR(params(&facts.handlers.items[1]), "args");
  MS_CHECK(facts.handlers.items[1].description == NULL);
  MS_CHECK_STR(facts.handlers.items[2].function, "named");
  MS_CHECK(facts.handlers.items[2].description == NULL);
  MS_CHECK_STR(params(&facts.handlers.items[2]), "q");
  MS_CHECK_STR(facts.handlers.items[3].description, "Only desc");
  MS_CHECK_STR(params(&facts.handlers.items[3]), "x");
}

void test_facts__ts_register_tool_and_prompt(void) {
  extract(MS_LANG_TYPESCRIPT,
          "const DESC = `Run a command.` + \" \\u200b<!-- hidden -->\";\n"
          "mcp.registerTool(\n"
          "  'run',\n"
          "  { title: 'Run', description: DESC, inputSchema: { cmd: z.string() } },\n"
          "  async ({ cmd, cwd }: { cmd: string; cwd?: string }, extra: RequestHandlerExtra) => ({ content: [] }),\n"
          ");\n"
          "mcp.registerPrompt('review', { description: `Review ${x}` }, ({ code }) => ({ messages: [] }));\n"
          "mcp.prompt('plain', 'A prompt.', { topic: z.string() }, async (args?: any) => ({ messages: [] }));\n");
  MS_CHECK_INT(facts.handlers.len, 3);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "run");
  MS_CHECK_STR(h->description, "Run a command. \xE2\x80\x8B<!-- hidden -->");
  MS_CHECK_STR(params(h), "cmd,cwd");
  MS_CHECK_INT(h->decl_line, 2);
  MS_CHECK_INT(h->start_line, 5);
  h = &facts.handlers.items[1];
  MS_CHECK_INT(h->kind, MS_HANDLER_PROMPT);
  MS_CHECK(h->description == NULL); /* a template with substitutions is not a literal */
  MS_CHECK_STR(params(h), "code");
  h = &facts.handlers.items[2];
  MS_CHECK_INT(h->kind, MS_HANDLER_PROMPT);
  MS_CHECK_STR(h->description, "A prompt.");
  MS_CHECK_STR(params(h), "args");
}

void test_facts__ts_resources(void) {
  extract(MS_LANG_TYPESCRIPT,
          "server.resource('config', 'config://app', async (uri) => ({ contents: [] }));\n"
          "server.resource('user', new ResourceTemplate('users://{id}/profile', { list: undefined }),\n"
          "  async (uri: URL, { id }) => ({ contents: [] }));\n"
          "const tpl = new ResourceTemplate('repo://{owner}/{name}', { list: undefined });\n"
          "server.registerResource('repo', tpl, { title: 'Repo', description: 'A repository.' },\n"
          "  async (uri, variables) => ({ contents: [] }));\n");
  MS_CHECK_INT(facts.handlers.len, 3);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_INT(h->kind, MS_HANDLER_RESOURCE);
  MS_CHECK_STR(h->uri, "config://app");
  MS_CHECK_INT(h->params.len, 0);
  h = &facts.handlers.items[1];
  MS_CHECK_STR(h->uri, "users://{id}/profile");
  MS_CHECK_STR(params(h), "id");
  MS_CHECK_INT(h->params.items[0].line, 3);
  h = &facts.handlers.items[2];
  MS_CHECK_STR(h->name, "repo");
  MS_CHECK_STR(h->uri, "repo://{owner}/{name}");
  MS_CHECK_STR(h->description, "A repository.");
  MS_CHECK_STR(params(h), "variables");
}

void test_facts__js_low_level_set_request_handler(void) {
  extract(MS_LANG_JAVASCRIPT,
          "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));\n"
          "server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {\n"
          "  const { name, arguments: args } = request.params;\n"
          "});\n"
          "this.server.setRequestHandler(types.CallToolRequestSchema, handleCall);\n"
          "async function handleCall(req) {}\n");
  MS_CHECK_INT(facts.handlers.len, 2);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->name, "*");
  MS_CHECK(h->low_level);
  MS_CHECK_INT(h->kind, MS_HANDLER_TOOL);
  MS_CHECK_STR(params(h), "request");
  MS_CHECK_INT(h->decl_line, 2);
  h = &facts.handlers.items[1];
  MS_CHECK(h->low_level);
  MS_CHECK_STR(h->function, "handleCall");
  MS_CHECK_STR(params(h), "req");
  MS_CHECK_INT(h->start_line, 6);
  MS_CHECK_INT(h->decl_line, 5);
}

void test_facts__js_handler_by_reference(void) {
  const char *src = "server.tool('early', 'Declared below.', { a: z.string() }, hoisted);\n"
                    "const arrow = async ({ path }) => readFile(path);\n"
                    "server.registerTool('late', { description: 'Arrow.' }, arrow);\n"
                    "function hoisted({ a }) {\n"
                    "  return a;\n"
                    "}\n";
  extract(MS_LANG_JAVASCRIPT, src);
  MS_CHECK_INT(facts.handlers.len, 2);
  const ms_handler *h = &facts.handlers.items[0];
  MS_CHECK_STR(h->function, "hoisted");
  MS_CHECK_INT(h->decl_line, 1);
  MS_CHECK_INT(h->start_line, 4);
  MS_CHECK_INT(h->end_line, 6);
  MS_CHECK_INT(h->start_byte, (uint32_t)(strstr(src, "function hoisted") - src));
  MS_CHECK_STR(params(h), "a");
  h = &facts.handlers.items[1];
  MS_CHECK_STR(h->function, "arrow");
  MS_CHECK_INT(h->start_byte, (uint32_t)(strstr(src, "async ({ path })") - src));
  MS_CHECK_STR(params(h), "path");
  /* ms_facts_handler_at finds the referenced function's handler. */
  uint32_t at = (uint32_t)(strstr(src, "return a") - src);
  MS_CHECK(ms_facts_handler_at(&facts, at, at + 8) == &facts.handlers.items[0]);
}

void test_facts__js_lookalikes_are_ignored(void) {
  extract(MS_LANG_JAVASCRIPT,
          "router.get('/x', handler);\n"
          "app.post('/mcp', async (req, res) => {});\n"
          "obj.tool(42, () => {});\n"
          "obj.tool(name, () => {});\n"
          "server.tool('no_handler', { a: 1 });\n"
          "server.tool('not_a_function', notDeclared);\n"
          "server.tool('only_name');\n"
          "server.setRequestHandler(ListResourcesRequestSchema, async () => ({}));\n"
          "tool('bare', () => {});\n"
          "function handler() {}\n");
  MS_CHECK_INT(facts.handlers.len, 0);
  MS_CHECK_INT(facts.transports.len, 0);
}

void test_facts__js_transports_and_listen(void) {
  extract(MS_LANG_TYPESCRIPT,
          "const PORT = 3000;\n"
          "const stdio = new StdioServerTransport();\n"
          "app.get('/sse', (req, res) => { const t = new SSEServerTransport('/messages', res); });\n"
          "const h = new sdk.StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n"
          "new SomethingElse();\n"
          "app.listen(PORT, '0.0.0.0', () => console.log('up'));\n");
  MS_CHECK_INT(facts.transports.len, 3);
  const ms_transport *t = facts.transports.items;
  MS_CHECK_INT(t[0].kind, MS_TRANSPORT_STDIO);
  MS_CHECK(t[0].host == NULL);
  MS_CHECK_INT(t[0].port, -1);
  MS_CHECK_INT(t[1].kind, MS_TRANSPORT_SSE);
  MS_CHECK_INT(t[1].line, 3);
  MS_CHECK_INT(t[1].col, 43);
  MS_CHECK_STR(t[1].host, "0.0.0.0");
  MS_CHECK_INT(t[1].port, 3000);
  MS_CHECK_INT(t[2].kind, MS_TRANSPORT_STREAMABLE_HTTP);
  MS_CHECK_INT(t[2].port, 3000);

  extract(MS_LANG_JAVASCRIPT,
          "const t = new StreamableHTTPServerTransport({});\n"
          "fastify.listen({ port: 8080, host: '127.0.0.1' });\n");
  MS_CHECK_INT(facts.transports.len, 1);
  MS_CHECK_STR(facts.transports.items[0].host, "127.0.0.1");
  MS_CHECK_INT(facts.transports.items[0].port, 8080);

  extract(MS_LANG_JAVASCRIPT,
          "const t = new SSEServerTransport('/m', res);\n"
          "app.listen(Number(process.env.PORT ?? 8931));\n");
  MS_CHECK_INT(facts.transports.len, 1);
  MS_CHECK(facts.transports.items[0].host == NULL);
  MS_CHECK_INT(facts.transports.items[0].port, -1);
}

void test_facts__tsx_is_extracted(void) {
  extract(MS_LANG_TSX,
          "const View = () => <div>{'x'}</div>;\n"
          "server.tool('tsx_tool', 'In TSX.', async ({ q }: { q: string }) => ({ content: [] }));\n");
  MS_CHECK_INT(facts.handlers.len, 1);
  MS_CHECK_STR(facts.handlers.items[0].description, "In TSX.");
  MS_CHECK_STR(params(&facts.handlers.items[0]), "q");
}

/* ---- edge cases ------------------------------------------------------------------------------ */

void test_facts__empty_and_broken_files(void) {
  extract(MS_LANG_PYTHON, "");
  MS_CHECK_INT(facts.handlers.len, 0);
  MS_CHECK_INT(facts.transports.len, 0);
  extract(MS_LANG_TYPESCRIPT, "");
  MS_CHECK_INT(facts.handlers.len, 0);
  MS_CHECK_INT(facts.transports.len, 0);
  extract(MS_LANG_PYTHON, "@mcp.tool(\ndef (:\n");
  extract(MS_LANG_JAVASCRIPT, "server.tool('x', 'y', async ({ a }) => {\n");
  extract(MS_LANG_PYTHON, "@mcp.tool\ndef f(): pass\n");
  MS_CHECK_INT(facts.handlers.len, 1);
  /* Languages without an extractor add nothing. */
  ms_facts_extract(MS_LANG_JSON, ts_tree_root_node(tree), "", 0, &facts);
  MS_CHECK_INT(facts.handlers.len, 1);
}

void test_facts__strings_are_valid_utf8(void) {
  extract(MS_LANG_PYTHON,
          "@mcp.tool(description='bad \xFF byte \\x00 nul \\ud800 lone')\n"
          "def f(): pass\n");
  MS_CHECK_INT(facts.handlers.len, 1);
  MS_CHECK_STR(facts.handlers.items[0].description,
               "bad \xEF\xBF\xBD byte \xE2\x90\x80 nul \xEF\xBF\xBD lone");
  extract(MS_LANG_JAVASCRIPT, "s.tool('t', 'pair \\ud83d\\ude00 \\u{1F600} lone \\udc00', () => {});\n");
  MS_CHECK_INT(facts.handlers.len, 1);
  MS_CHECK_STR(facts.handlers.items[0].description,
               "pair \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 lone \xEF\xBF\xBD");
}

void test_facts__deep_and_long_inputs_are_bounded(void) {
  /* 20,000 nested arrays around a registration: no recursion on depth. */
  const size_t depth = 20000;
  const char *mid = "server.tool('deep', () => 1)";
  size_t n = depth * 2 + strlen(mid) + 2;
  big = ms_xmalloc(n);
  memset(big, '[', depth);
  memcpy(big + depth, mid, strlen(mid));
  memset(big + depth + strlen(mid), ']', depth);
  big[n - 2] = '\n';
  big[n - 1] = '\0';
  extract(MS_LANG_JAVASCRIPT, big);
  MS_CHECK_INT(facts.handlers.len, 1);
  MS_CHECK_STR(facts.handlers.items[0].name, "deep");
  ms_free(big);

  /* A `'a' + 'a' + ...` chain past the evaluation budget gives no description. */
  const char *head = "s.tool('t', ", *tail = "'a', () => 1);\n";
  size_t terms = 5000;
  n = strlen(head) + terms * 6 + strlen(tail) + 1;
  big = ms_xmalloc(n);
  char *w = big;
  memcpy(w, head, strlen(head));
  w += strlen(head);
  for (size_t i = 0; i < terms; i++, w += 6) memcpy(w, "'a' + ", 6);
  memcpy(w, tail, strlen(tail) + 1);
  extract(MS_LANG_JAVASCRIPT, big);
  MS_CHECK_INT(facts.handlers.len, 1);
  MS_CHECK(facts.handlers.items[0].description == NULL);
}

/* ms_facts__field answers as ts_node_child_by_field_name, whatever grammar asked before it
 * with the same name literal (its field-id cache is keyed by grammar). */
void test_facts__field_matches_lookup_by_name(void) {
  static const char *const names[] = {"function", "arguments", "name", "no_such_field", NULL};
  const char *py = "f(1)\n", *js = "f(1);\n";
  for (int round = 0; round < 2; round++) {
    for (int l = 0; l < 2; l++) {
      ms_lang_id lang = l ? MS_LANG_JAVASCRIPT : MS_LANG_PYTHON;
      const char *src = l ? js : py;
      parse(lang, src);
      ms_facts__nodes calls = {0};
      static const char *const types[] = {"call", "call_expression", NULL};
      ms_facts__collect(ts_tree_root_node(tree), types, &calls);
      MS_CHECK_INT(calls.len, 1);
      for (const char *const *nm = names; *nm; nm++) {
        TSNode want = ts_node_child_by_field_name(calls.items[0], *nm, (uint32_t)strlen(*nm));
        MS_CHECK(ts_node_eq(ms_facts__field(calls.items[0], *nm), want));
      }
      MS_CHECK(!ts_node_is_null(ms_facts__field(calls.items[0], "function")));
      MS_CHECK(ts_node_is_null(ms_facts__field(calls.items[0], "no_such_field")));
      TSNode none = {{0, 0, 0, 0}, NULL, NULL};
      MS_CHECK(ts_node_is_null(ms_facts__field(none, "function")));
      ms_array_free(&calls);
    }
  }
}

/* ---- the pruned walk ------------------------------------------------------------------------- */

/* True when n has an ancestor (or is itself) of type t. */
static bool under(TSNode n, const char *t) {
  for (; !ts_node_is_null(n); n = ts_node_parent(n))
    if (ts_node_type(n) != NULL && strcmp(ts_node_type(n), t) == 0) return true;
  return false;
}

/* The walks' reference: every node in preorder, moved through by the cursor alone (the walks
 * move by child counts), those of the listed types kept. */
static void cursor_collect(TSNode root, const char *const *types, ms_facts__nodes *out) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    for (const char *const *t = types; *t && ts_node_is_named(n); t++)
      if (strcmp(*t, ts_node_type(n)) == 0) {
        ms_array_push(out, n);
        break;
      }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
}

/* The walks move from a node to its next sibling by the count of its parent's children, never
 * asking the cursor for a sibling past the last one: they visit what the cursor visits, in
 * its order, through hidden and aliased nodes, comments between children, syntax errors
 * (ERROR nodes, MISSING tokens) and deep nesting, from the root or from a node inside. */
void test_facts__walk_visits_what_the_cursor_visits(void) {
  static const char *const types[] = {"identifier", "property_identifier", "shorthand_property_identifier",
                                      "statement_identifier", "type_identifier", "comment", "string",
                                      "string_fragment", "string_content", "number", "integer",
                                      "call_expression", "call", "arguments", "argument_list", "attribute",
                                      "member_expression", "jsx_element", "jsx_attribute", "decorator",
                                      "template_substitution", "interpolation", "keyword_argument", NULL};
  static const struct { ms_lang_id lang; const char *src; } cases[] = {
      {MS_LANG_JAVASCRIPT, "a.b(c, /* x */ d, ...e)[f]`t${g}`;\nlabel: for (;;) { break label; }\n"},
      {MS_LANG_JAVASCRIPT, "const {a: [b, {c = d.e}], ...f} = g; class K { #p = 1; static m() { return this.#p; } }\n"},
      {MS_LANG_JAVASCRIPT, "f(a, b\nconst = ;\n}}} x(\n"},
      {MS_LANG_JAVASCRIPT, "x = ((((((((((((((((((((a))))))))))))))))))));\n"},
      {MS_LANG_TYPESCRIPT, "@dec() class A<T extends B = C> implements D { constructor(private readonly x: E) {} }\n"},
      {MS_LANG_TYPESCRIPT, "let v = <T>w as unknown satisfies X; enum E { A = f(), B }\nnamespace N { export const q = 1 }\n"},
      {MS_LANG_TYPESCRIPT, "function f(a: string, b?: { c: number }\n"},
      {MS_LANG_TSX, "const e = <A b={f(x)} {...p}>{c}<B/>text</A>;\n"},
      {MS_LANG_PYTHON, "@d(1)\ndef f(a, *b, c=g(h.i), **k) -> T:\n    return f'{a!r:>{b}}' + \"s\" 'x'\n"},
      {MS_LANG_PYTHON, "class C(B, metaclass=M):\n    x: int = 1  # c\n    def m(self): print(self.x,\n"},
      {MS_LANG_PYTHON, "lambda: [y for x in z if x for y in x] or {k: v for k, v in w.items()}\nif (a := b): pass\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    TSNode root = parse(cases[i].lang, cases[i].src);
    TSNode starts[] = {root, ts_node_named_child(root, 0)};
    for (size_t k = 0; k < 2; k++) {
      ms_facts__nodes want = {0}, got = {0};
      cursor_collect(starts[k], types, &want);
      ms_facts__collect(starts[k], types, &got);
      MS_CHECK(want.len > 0);
      MS_CHECK_INT(got.len, want.len);
      for (uint32_t j = 0; j < want.len && j < got.len; j++) MS_CHECK(ts_node_eq(got.items[j], want.items[j]));
      ms_array_free(&want);
      ms_array_free(&got);
    }
  }
}

/* Parses src as lang; the pruned walk w must collect exactly what the cursor's full walk
 * collects, and (when inside is not NULL) at least one collected node lies in a node of that
 * guarded kind. */
static void check_walk(ms_lang_id lang, const ms_facts__walk *w, const char *src, const char *inside) {
  parse(lang, src);
  ms_facts__nodes all = {0}, pruned = {0};
  cursor_collect(ts_tree_root_node(tree), w->types, &all);
  ms_facts__walk_collect(ts_tree_root_node(tree), w, src, (uint32_t)strlen(src), &pruned);
  MS_CHECK_INT(pruned.len, all.len);
  bool nested = inside == NULL;
  for (uint32_t i = 0; i < all.len && i < pruned.len; i++) {
    MS_CHECK(ts_node_eq(all.items[i], pruned.items[i]));
    nested |= inside != NULL && under(ts_node_parent(all.items[i]), inside);
  }
  if (!nested) fprintf(stderr, "no collected node inside %s in: %s\n", inside, src);
  MS_CHECK(nested);
  ms_array_free(&all);
  ms_array_free(&pruned);
}

/* Every guarded kind that can hold a collected node (by the grammar) still yields the nodes
 * inside it: template substitutions, `typeof` queries, computed names and parameter defaults
 * in TypeScript types, f-string fields and calls in Python annotations. */
void test_facts__walk_guards_keep_nested_nodes(void) {
  static const struct { ms_lang_id lang; const char *src, *inside; } cases[] = {
      {MS_LANG_JAVASCRIPT, "const s = `a ${f(x)} b ${o.p} ${{k: 1}}`;\n", "template_string"},
      {MS_LANG_JAVASCRIPT, "const s = 'f(x)' + \"o.p\" + /a.(b)[c]/g;\n", NULL},
      {MS_LANG_JAVASCRIPT, "import {a, b as c} from './m.js';\nexport {a, c as d};\n", NULL},
      {MS_LANG_TYPESCRIPT, "let a: typeof x.y = 1;\n", "type_annotation"},
      {MS_LANG_TYPESCRIPT, "let a: typeof import('./m');\n", "type_annotation"},
      {MS_LANG_TYPESCRIPT, "let f: (a = g()) => void;\n", "type_annotation"},
      {MS_LANG_TYPESCRIPT, "let o: { [Symbol.iterator](): void; n: number };\n", "type_annotation"},
      {MS_LANG_TYPESCRIPT, "interface I { [k.z]: string; m(a: typeof q.r): void }\n", "property_signature"},
      {MS_LANG_TYPESCRIPT, "type U = A | typeof m.n;\n", "union_type"},
      {MS_LANG_TYPESCRIPT, "let g: Foo<typeof q.r>;\n", "generic_type"},
      {MS_LANG_TYPESCRIPT, "f<typeof a.b>();\n", "type_arguments"},
      {MS_LANG_TYPESCRIPT, "function h<T = typeof s.t>() {}\n", "type_parameters"},
      {MS_LANG_TYPESCRIPT, "let a: string; let b: Promise<void>; let c: 'x' | 'y';\n", NULL},
      {MS_LANG_TYPESCRIPT, "let a: Foo<(> = 1;\nlet b: Bar<typeof c.d>;\n", NULL}, /* a syntax error */
      {MS_LANG_JAVASCRIPT, "f(g(x), [o.p], (new A), ...a.b, !c.d, 1 + e(), `${h.i}`, k.l + 1);\n", "arguments"},
      {MS_LANG_JAVASCRIPT, "function f(a = g(), {b = c.d}, [e = {k: 1}]) { return h.i; }\n", "formal_parameters"},
      {MS_LANG_JAVASCRIPT, "f(function () { let x = 1; });\nf(() => { var y; });\n", "arguments"},
      {MS_LANG_JAVASCRIPT, "f(() => { x = 1; });\nf((import('./m')));\nf(a[b]);\n", "arguments"},
      {MS_LANG_JAVASCRIPT, "f(() => { const y = 2; }, (() => { export default 1 }));\n", "arguments"},
      {MS_LANG_JAVASCRIPT, "x = (a.b);\ny = [c(), d];\nz = -e.f;\nreturn g`t`;\n", NULL},
      {MS_LANG_JAVASCRIPT, "f(x, 'y', 2);\nf([1, 2], (3), -4, ...z);\nreturn a + b;\n", NULL},
      {MS_LANG_TYPESCRIPT, "interface I { a: string; m(): typeof x.y; [k: string]: Q<typeof r.s> }\n", "interface_body"},
      {MS_LANG_TYPESCRIPT, "let o: { a: number; b(): typeof c.d };\nfunction f({a, b}: T, [c]: U) {}\n", "object_type"},
      {MS_LANG_TSX, "const e = <A b={f(x)}>{`t ${g.h}`}</A>;\nlet t: typeof u.v;\n", "type_annotation"},
      {MS_LANG_PYTHON, "s = f\"{g(x)} {d['k']} {ff(1)}\"\nt = 'f(x)' \"{y}\"\n", "string"},
      {MS_LANG_PYTHON, "def f(a: Annotated[str, Field(description='d')], b: int = 1) -> Dict[str, int]:\n  pass\n",
       "type"},
      {MS_LANG_PYTHON, "x: int\ny: list[int] = []\nz: Callable[[int], str]\n", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const ms_facts__walk *w = cases[i].lang == MS_LANG_PYTHON ? &ms_facts__py_walk : &ms_facts__js_walk;
    check_walk(cases[i].lang, w, cases[i].src, cases[i].inside);
  }
}

/* A guarded kind is skipped only when its text lacks every token of its guard and it has no
 * syntax error (this walk's guard is wrong on purpose, to see the skip happen). */
void test_facts__walk_skips_guarded_subtrees(void) {
  static const char *const types[] = {"call_expression", NULL};
  static const char *const words[] = {"zz", NULL};
  static const ms_facts__guard guards[] = {{"arguments", "#", words}, {NULL, NULL, NULL}};
  static const ms_facts__walk w = {types, guards};
  static const struct { const char *src; uint32_t want; } cases[] = {
      {"f(g(1));\n", 1},          /* g(1) is inside skipped arguments */
      {"f(g(1), '#');\n", 2},     /* a guard character */
      {"f(g(zz));\n", 2},         /* a guard word */
      {"f(g(1) +);\n", 2},       /* arguments with a syntax error are walked */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *src = cases[i].src;
    parse(MS_LANG_JAVASCRIPT, src);
    ms_facts__nodes got = {0};
    ms_facts__walk_collect(ts_tree_root_node(tree), &w, src, (uint32_t)strlen(src), &got);
    if (got.len != cases[i].want) fprintf(stderr, "case %zu: %u calls\n", i, got.len);
    MS_CHECK_INT(got.len, cases[i].want);
    ms_array_free(&got);
  }
  ms_facts__guard g = {"x", "{", words};
  MS_CHECK(ms_facts__may_hold(&g, "a{b", 3));
  MS_CHECK(ms_facts__may_hold(&g, "azz", 3));
  MS_CHECK(!ms_facts__may_hold(&g, "az{", 2));
  ms_facts__guard never = {"x", NULL, NULL};
  MS_CHECK(!ms_facts__may_hold(&never, "{zz", 3));
}

/* ---- symbol-id type tests -------------------------------------------------------------------- */

typedef struct symbol_check {
  const TSLanguage *lang;
  uint32_t pairs, mismatches;
} symbol_check;

/* Every (symbol, name) pair of a grammar: ms_facts__symbol_is agrees with comparing the
 * symbol's name. Runs on its own thread so that the per-thread table starts empty. */
static void *check_symbols(void *arg) {
  symbol_check *c = arg;
  uint32_t count = ts_language_symbol_count(c->lang);
  for (uint32_t round = 0; round < 2; round++) {
    for (uint32_t b = 0; b < count; b++) {
      const char *t = ts_language_symbol_name(c->lang, (TSSymbol)b);
      if (t == NULL) continue;
      for (uint32_t a = 0; a < count; a++) {
        const char *name = ts_language_symbol_name(c->lang, (TSSymbol)a);
        bool want = name != NULL && strcmp(name, t) == 0;
        c->pairs++;
        if (ms_facts__symbol_is(c->lang, (TSSymbol)a, t) != want) c->mismatches++;
      }
    }
  }
  return NULL;
}

void test_facts__symbol_is_agrees_with_names(void) {
  static const ms_lang_id langs[] = {MS_LANG_PYTHON, MS_LANG_JAVASCRIPT, MS_LANG_TYPESCRIPT, MS_LANG_TSX};
  bool shared_name = false;
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
    symbol_check c = {ms_lang_get(langs[i])->ts_language(), 0, 0};
    pthread_t th;
    MS_CHECK(pthread_create(&th, NULL, check_symbols, &c) == 0);
    pthread_join(th, NULL);
    MS_CHECK(c.pairs > 1000);
    if (c.mismatches) fprintf(stderr, "lang %d: %u mismatches\n", (int)langs[i], c.mismatches);
    MS_CHECK_INT(c.mismatches, 0);
    /* The grammars do give distinct symbols one name (the case a single id would miss). */
    uint32_t count = ts_language_symbol_count(c.lang);
    for (uint32_t a = 0; a < count && !shared_name; a++)
      for (uint32_t b = a + 1; b < count && !shared_name; b++)
        shared_name = strcmp(ts_language_symbol_name(c.lang, (TSSymbol)a), ts_language_symbol_name(c.lang, (TSSymbol)b)) == 0 &&
                      ts_language_symbol_type(c.lang, (TSSymbol)a) == TSSymbolTypeRegular &&
                      ts_language_symbol_type(c.lang, (TSSymbol)b) == TSSymbolTypeRegular;
  }
  MS_CHECK(shared_name);
}

/* On parsed trees, ms_facts__type(n, t) is strcmp(ts_node_type(n), t) == 0: the public symbol
 * ts_node_symbol gives has the name ts_node_type gives. */
void test_facts__symbol_names_agree(void) {
  static const struct { ms_lang_id lang; const char *src; } cases[] = {
    {MS_LANG_PYTHON, "import os\n@app.tool()\ndef f(a: int = 1, *b, **c) -> str:\n  '''d'''\n  x = {'k': [1, f'{a}']}\n  return os.getenv(\"X\") or a.b[0]\n"},
    {MS_LANG_JAVASCRIPT, "import x from 'y';\nconst s = new McpServer({name: 'n'});\nclass A { m() { return `t${1}` + /r/g; } }\nexport default s.tool('t', {a: z.string().describe('d')}, async ({a}) => ({content: []}));\n"},
    {MS_LANG_TYPESCRIPT, "import {X} from 'y';\ntype T = {a: string; [Symbol.iterator]: number};\nconst f = <T,>(a: T, b?: number): T => a as T;\nenum E { A = 1 }\ninterface I { m(x: typeof y.z): void }\nexport const s = app.listen(3000, '0.0.0.0');\n"},
    {MS_LANG_TSX, "import React from 'react';\nconst C = (p: {a: string}) => <div className={p.a}>{p.a}<b/></div>;\nexport default function App(): JSX.Element { return <C a=\"x\" />; }\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const TSLanguage *lang = ms_lang_get(cases[i].lang)->ts_language();
    TSTreeCursor c = ts_tree_cursor_new(parse(cases[i].lang, cases[i].src));
    uint32_t nodes = 0, bad = 0;
    for (bool more = true; more;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      nodes++;
      const char *t = ts_node_type(n);
      if (strcmp(ts_language_symbol_name(lang, ts_node_symbol(n)), t) != 0 || !ms_facts__type(n, t)) bad++;
      if (ms_facts__type(n, "call_expression") != (strcmp(t, "call_expression") == 0)) bad++;
      if (ms_facts__type(n, "identifier") != (strcmp(t, "identifier") == 0)) bad++;
      /* The walk's per-symbol class map takes namedness from the symbol. */
      if (ts_node_is_named(n) != (ts_language_symbol_type(lang, ts_node_symbol(n)) == TSSymbolTypeRegular)) bad++;
      if (ts_tree_cursor_goto_first_child(&c)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&c))
        if (!ts_tree_cursor_goto_parent(&c)) {
          more = false;
          break;
        }
    }
    ts_tree_cursor_delete(&c);
    MS_CHECK(nodes > 20);
    if (bad) fprintf(stderr, "case %zu: %u nodes disagree\n", i, bad);
    MS_CHECK_INT(bad, 0);
  }
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  MS_CHECK(!ms_facts__type(none, "identifier"));
}

/* ms_facts__walk_kind gives each collected node the index of its type in the walk's list
 * (every JS grammar), and -1 for a node of another type. */
void test_facts__walk_kind_is_type_index(void) {
  static const ms_lang_id langs[] = {MS_LANG_JAVASCRIPT, MS_LANG_TYPESCRIPT, MS_LANG_TSX};
  const char *src = "import a from './a';\nexport const x = {k: f(o.p[0])};\nfunction g() { y += new Z(); }\n";
  for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
    parse(langs[l], src);
    ms_facts__nodes got = {0};
    const ms_facts__walk *w = &ms_facts__js_walk;
    ms_facts__walk_collect(ts_tree_root_node(tree), w, src, (uint32_t)strlen(src), &got);
    MS_CHECK(got.len >= 10);
    for (uint32_t i = 0; i < got.len; i++) {
      int k = ms_facts__walk_kind(w, got.items[i]);
      MS_CHECK(k >= 0);
      if (k >= 0) MS_CHECK_STR(w->types[k], ts_node_type(got.items[i]));
    }
    MS_CHECK_INT(ms_facts__walk_kind(w, ts_tree_root_node(tree)), -1);
    ms_array_free(&got);
  }
}
