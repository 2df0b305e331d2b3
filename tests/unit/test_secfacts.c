/* lang/python_facts.c, lang/javascript_facts.c: the security configuration of a file (authentication, Origin/Host
 * validation, binds, CORS, imported modules) as the project pass reads it. */
#include <stdio.h>

#include "harness.h"
#include "lang/facts.h"
#include "util/xalloc.h"

static TSParser *parser;
static TSTree *tree;
static ms_facts facts;
static const char *source;

void test_secfacts__initialize(void) {
  parser = ts_parser_new();
  memset(&facts, 0, sizeof facts);
}

void test_secfacts__cleanup(void) {
  ms_facts_dispose(&facts);
  if (tree) ts_tree_delete(tree);
  tree = NULL;
  ts_parser_delete(parser);
  parser = NULL;
}

static void extract(ms_lang_id lang, const char *src) {
  ms_facts_dispose(&facts);
  memset(&facts, 0, sizeof facts);
  if (tree) ts_tree_delete(tree);
  source = src;
  ts_parser_set_language(parser, ms_lang_get(lang)->ts_language());
  tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)strlen(src));
  ms_facts_extract(lang, ts_tree_root_node(tree), src, (uint32_t)strlen(src), &facts);
}

/* The source text a site starts with (first n bytes), for checking where facts point. */
static const char *site_text(uint32_t site, uint32_t n) {
  static char buf[128];
  const ms_site *s = &facts.sites.items[site];
  uint32_t len = s->end_byte - s->start_byte < n ? s->end_byte - s->start_byte : n;
  memcpy(buf, source + s->start_byte, len);
  buf[len] = '\0';
  return buf;
}

/* "what|what|..." of the auth facts. */
static const char *auths(void) {
  static char buf[512];
  buf[0] = '\0';
  for (uint32_t i = 0; i < facts.auths.len; i++) {
    if (i) strncat(buf, "|", sizeof buf - strlen(buf) - 1);
    strncat(buf, facts.auths.items[i].what, sizeof buf - strlen(buf) - 1);
  }
  return buf;
}

/* ---- Python ---------------------------------------------------------------------------------- */

void test_secfacts__python_auth(void) {
  extract(MS_LANG_PYTHON,
          "mcp = FastMCP('a', auth=None, token_verifier=V(), auth_server_provider=P())\n"
          "app.add_middleware(AuthenticationMiddleware, backend=BearerAuthBackend(v))\n"
          "Middleware(CORSMiddleware, allow_origins=['https://x'])\n"
          "tok = request.headers.get('Authorization')\n"
          "tok2 = request.headers['authorization']\n"
          "other = request.headers.get('x-request-id')\n"
          "app = FastAPI(dependencies=[Depends(security.verify_api_key)])\n"
          "def tool(bridge = Depends(get_bridge)): pass\n");
  MS_CHECK_STR(auths(), "token_verifier=|auth_server_provider=|middleware `AuthenticationMiddleware`|"
                        "BearerAuthBackend()|Authorization header check|Authorization header check|"
                        "dependency `verify_api_key`");
  MS_CHECK_STR(site_text(facts.auths.items[0].site, 15), "token_verifier=");
  MS_CHECK_INT(facts.cors.len, 0);
}

void test_secfacts__python_host_checks(void) {
  extract(MS_LANG_PYTHON,
          "a = TransportSecuritySettings(allowed_hosts=['127.0.0.1:*'])\n"
          "b = TransportSecuritySettings(enable_dns_rebinding_protection=False)\n"
          "Middleware(TrustedHostMiddleware, allowed_hosts=['x'])\n"
          "mcp.run(transport='http', host_origin_protection='auto')\n"
          "app = mcp.http_app(host_origin_protection=False)\n");
  MS_CHECK_INT(facts.host_checks.len, 5);
  const ms_host_check *c = facts.host_checks.items;
  MS_CHECK(c[0].enabled);
  MS_CHECK(!c[1].enabled);
  MS_CHECK_STR(c[1].what, "enable_dns_rebinding_protection=False");
  MS_CHECK_STR(site_text(c[1].site, 31), "enable_dns_rebinding_protection");
  MS_CHECK(c[2].enabled);
  MS_CHECK_STR(c[2].what, "TrustedHostMiddleware");
  MS_CHECK(c[3].enabled);
  MS_CHECK(!c[4].enabled);
}

void test_secfacts__python_binds(void) {
  extract(MS_LANG_PYTHON,
          "HOST = '0.0.0.0'\n"
          "mcp = FastMCP('a', host=HOST, port=9000)\n"
          "mcp.settings.host = '127.0.0.1'\n"
          "uvicorn.run(app, host=os.getenv('HOST', '::'), port=8000)\n"
          "uvicorn.Config(app, host=cfg.host)\n"
          "flask_app.run(host='0.0.0.0')\n"
          "x.run(transport='sse', host='')\n"
          "BIND = os.environ.get('BIND', '0.0.0.0')\n"
          "uvicorn.run(app, host=BIND)\n");
  MS_CHECK_INT(facts.binds.len, 6);
  MS_CHECK(facts.binds.items[5].all_interfaces);
  const ms_bind *b = facts.binds.items;
  MS_CHECK_STR(b[0].what, "FastMCP()");
  MS_CHECK_STR(b[0].host, "0.0.0.0");
  MS_CHECK_INT(b[0].port, 9000);
  MS_CHECK(b[0].all_interfaces);
  MS_CHECK_STR(b[1].what, "settings.host");
  MS_CHECK(!b[1].all_interfaces);
  MS_CHECK_STR(b[2].host, "::");
  MS_CHECK(b[2].all_interfaces);
  MS_CHECK(b[3].host == NULL && !b[3].all_interfaces); /* unknown: not reported */
  MS_CHECK_STR(b[4].what, "run()");                     /* flask_app.run is no MCP run */
  MS_CHECK(b[4].all_interfaces);
}

void test_secfacts__python_cors(void) {
  extract(MS_LANG_PYTHON,
          "app.add_middleware(CORSMiddleware, allow_origins=['*'])\n"
          "Middleware(CORSMiddleware, allow_origins=('https://a', '*'), allow_credentials=True)\n"
          "app.add_middleware(CORSMiddleware, allow_origin_regex='.*')\n"
          "app.add_middleware(CORSMiddleware, allow_origins=ORIGINS)\n"
          "response.headers['Access-Control-Allow-Origin'] = request.headers.get('origin')\n"
          "response.headers['Access-Control-Allow-Origin'] = 'https://a'\n");
  MS_CHECK_INT(facts.cors.len, 4);
  MS_CHECK(facts.cors.items[3].reflects);
  MS_CHECK(!facts.cors.items[0].credentials);
  MS_CHECK(facts.cors.items[1].credentials);
  MS_CHECK_STR(facts.cors.items[2].what, "allow_origin_regex");
}

void test_secfacts__python_sdk_guard_and_imports(void) {
  extract(MS_LANG_PYTHON,
          "from mcp.server.fastmcp import FastMCP\n"
          "from . import tools, util as u\n"
          "from .app import mcp\n"
          "import pkg.sub, other\n"
          "mcp.run(transport='sse')\n"
          "app = mcp.streamable_http_app()\n"
          "sse = SseServerTransport('/m')\n");
  MS_CHECK_INT(facts.imports, MS_IMPORTS_MCP_SDK);
  MS_CHECK_INT(facts.transports.len, 3);
  MS_CHECK(facts.transports.items[0].sdk_guard);
  MS_CHECK(facts.transports.items[1].sdk_guard);
  MS_CHECK(!facts.transports.items[2].sdk_guard); /* low-level: no FastMCP defaults */
  MS_CHECK_INT(facts.modules.len, 9);
  const char *want[] = {"mcp.server.fastmcp", "mcp.server.fastmcp.FastMCP", ".", ".tools", ".util", ".app",
                        ".app.mcp", "pkg.sub", "other"};
  for (int i = 0; i < 9; i++) MS_CHECK_STR(facts.modules.items[i], want[i]);

  extract(MS_LANG_PYTHON,
          "from fastmcp import FastMCP\n"
          "mcp = FastMCP('a', host='0.0.0.0')\n"
          "app = mcp.http_app()\n");
  MS_CHECK_INT(facts.imports, MS_IMPORTS_FASTMCP);
  MS_CHECK(!facts.transports.items[0].sdk_guard);

  extract(MS_LANG_PYTHON,
          "mcp = FastMCP('a', transport_security=SETTINGS)\n"
          "mcp.run(transport='sse')\n");
  MS_CHECK(!facts.transports.items[0].sdk_guard);
}

/* ---- JavaScript / TypeScript ------------------------------------------------------------------ */

void test_secfacts__js_auth(void) {
  extract(MS_LANG_TYPESCRIPT,
          "const auth = requireBearerAuth({ verifier });\n"
          "app.post('/mcp', verifyToken, handler);\n"
          "app.post('/other', express.json(), handler);\n"
          "app.use(passport.authenticate('bearer'));\n"
          "router.get('/sse', (req, res) => { const h = req.headers.authorization; });\n"
          "const t = req.get('Authorization');\n"
          "const u = req.headers['Authorization'];\n"
          "app.get('/health', handler);\n"
          "fastify.addHook('onRequest', fastify.authenticate);\n"
          "fastify.register(fastifyJwt, { secret });\n"
          "fastify.register(routes);\n");
  MS_CHECK_STR(auths(), "requireBearerAuth()|middleware `verifyToken`|passport.authenticate()|"
                        "Authorization header check|Authorization header check|Authorization header check|"
                        "middleware `authenticate`|middleware `fastifyJwt`");
  MS_CHECK_STR(site_text(facts.auths.items[1].site, 11), "verifyToken");
}

void test_secfacts__js_host_checks(void) {
  extract(MS_LANG_JAVASCRIPT,
          "const a = createMcpExpressApp();\n"
          "const b = createMcpExpressApp({ host: '0.0.0.0' });\n"
          "const c = createMcpExpressApp({ host: '0.0.0.0', allowedHosts: ['x'] });\n"
          "app.use(hostHeaderValidation(['x']));\n"
          "new StreamableHTTPServerTransport({ enableDnsRebindingProtection: false });\n"
          "const opts = { enableDnsRebindingProtection: true };\n");
  MS_CHECK_INT(facts.host_checks.len, 5);
  const ms_host_check *c = facts.host_checks.items;
  MS_CHECK_STR(c[0].what, "createMcpExpressApp()");
  MS_CHECK_STR(site_text(c[1].site, 19), "createMcpExpressApp");
  MS_CHECK_INT(c[1].site, facts.host_checks.items[1].site);
  MS_CHECK_STR(c[2].what, "hostHeaderValidation()");
  MS_CHECK(!c[3].enabled);
  MS_CHECK(c[4].enabled);
}

void test_secfacts__js_binds(void) {
  extract(MS_LANG_JAVASCRIPT,
          "app.listen(3000);\n"
          "app.listen(PORT, () => {});\n"
          "server.listen(3000, '127.0.0.1');\n"
          "server.listen({ port: 3000 });\n"
          "server.listen('/tmp/mcp.sock');\n"
          "app.listen(3000, process.env.HOST ?? '0.0.0.0');\n"
          "serve({ fetch: app.fetch, port: 8787 });\n"
          "serve(handler);\n"
          "const HOST = process.env.HOST || '::';\n"
          "app.listen(PORT, HOST);\n");
  MS_CHECK_INT(facts.binds.len, 7);
  MS_CHECK_STR(facts.binds.items[6].host, "::");
  const ms_bind *b = facts.binds.items;
  MS_CHECK(b[0].all_interfaces && b[0].host == NULL && b[0].port == 3000);
  MS_CHECK(b[1].all_interfaces);
  MS_CHECK(!b[2].all_interfaces);
  MS_CHECK_STR(b[2].host, "127.0.0.1");
  MS_CHECK(b[3].all_interfaces);
  MS_CHECK_STR(b[4].host, "0.0.0.0");
  MS_CHECK(b[4].all_interfaces);
  MS_CHECK_STR(b[5].what, "serve()");
  MS_CHECK(b[5].all_interfaces);
}

void test_secfacts__js_cors(void) {
  extract(MS_LANG_JAVASCRIPT,
          "app.use(cors());\n"
          "app.use(cors({ origin: '*' }));\n"
          "app.use(cors({ origin: true, credentials: true }));\n"
          "app.use(cors({ origin: ['https://a'] }));\n"
          "app.use(cors(options));\n"
          "res.setHeader('Access-Control-Allow-Origin', '*');\n"
          "res.header('access-control-allow-origin', req.headers.origin);\n"
          "res.set('Access-Control-Allow-Origin', 'https://a');\n"
          "res.setHeader('Access-Control-Allow-Credentials', 'true');\n");
  MS_CHECK_INT(facts.cors.len, 5);
  const ms_cors *c = facts.cors.items;
  MS_CHECK_STR(c[0].what, "cors()");
  MS_CHECK(!c[0].credentials);
  MS_CHECK(!c[1].reflects);
  MS_CHECK(c[2].reflects && c[2].credentials);
  MS_CHECK(!c[3].reflects && c[3].credentials); /* the credentials header applies to header policies */
  MS_CHECK(c[4].reflects && c[4].credentials);
}

void test_secfacts__js_modules(void) {
  extract(MS_LANG_TYPESCRIPT,
          "import express from 'express';\n"
          "import { app } from './app.js';\n"
          "export { x } from '../lib/x';\n"
          "const h = require('./handler');\n"
          "const m = await import('./lazy.mjs');\n"
          "const n = require(name);\n");
  MS_CHECK_INT(facts.modules.len, 4);
  MS_CHECK_STR(facts.modules.items[0], "./app.js");
  MS_CHECK_STR(facts.modules.items[1], "../lib/x");
  MS_CHECK_STR(facts.modules.items[2], "./handler");
  MS_CHECK_STR(facts.modules.items[3], "./lazy.mjs");
}

void test_secfacts__sites_are_in_bounds(void) {
  extract(MS_LANG_JAVASCRIPT, "app.use(cors()); app.listen(1); new SSEServerTransport('/m', res);\n");
  MS_CHECK_INT(facts.sites.len, 3);
  for (uint32_t i = 0; i < facts.sites.len; i++)
    MS_CHECK(facts.sites.items[i].start_byte < facts.sites.items[i].end_byte &&
             facts.sites.items[i].end_byte <= strlen(source));
  MS_CHECK_STR(site_text(facts.transports.items[0].site, 22), "new SSEServerTransport");
}
