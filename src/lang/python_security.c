/* The security configuration a Python file sets up, for the project checks: authentication
 * (server keywords, middleware, dependencies, header checks), Host/Origin validation, bind
 * addresses, CORS policies, and the modules it imports (to link files into projects). */
#include "lang/python_p.h"

#include <strings.h>

#include "util/xalloc.h"

/* ---- security configuration ----------------------------------------------------------------- */

/* A keyword argument given a value other than None. */
static TSNode set_kwarg(ms_python *p, TSNode args, const char *name) {
  TSNode v = ms_python__kwarg(p, args, name);
  if (is(p, v, "None")) memset(&v, 0, sizeof v);
  return v;
}

/* The keyword_argument node `name=...` (for sites), or a null node. */
static TSNode kwarg_node(ms_python *p, TSNode args, const char *name) {
  TSNode v = ms_python__kwarg(p, args, name);
  return ts_node_is_null(v) ? v : ts_node_parent(v);
}

/* A host expression's value: a literal, or the default of `os.getenv("HOST", "0.0.0.0")` /
 * `os.environ.get(...)`. Owned, or NULL. */
static char *eval_host(ms_python *p, TSNode v) {
  TSNode recv, name;
  if (ms_facts__type(v, "identifier")) { /* HOST = os.getenv("HOST", "0.0.0.0") */
    TSNode value = ms_facts__constant(&p->consts, p->text, p->len, v);
    if (ms_facts__type(value, "call")) v = value;
  }
  if (ms_facts__type(v, "call") && ms_python__callee(v, &recv, &name) && (is(p, name, "getenv") || is(p, name, "get")))
    v = ms_python__posarg(p, field(v, "arguments"), 1);
  return ts_node_is_null(v) ? NULL : ms_python__eval_str(p, v);
}

/* `host=` of a server constructor, run(...) or uvicorn: a bind. */
static void host_kwarg(ms_python *p, TSNode args, const char *what) {
  TSNode h = ms_python__kwarg(p, args, "host");
  if (ts_node_is_null(h)) return;
  char *host = eval_host(p, h);
  bool all = host != NULL && ms_facts__all_interfaces(host);
  ms_facts__add_bind(p->out, ts_node_parent(h), what, host, ms_python__eval_int(p, ms_python__kwarg(p, args, "port")), all);
}

/* fastmcp 2.x/3.x `host_origin_protection=True|"auto"|False` on the server, run() or http_app(). */
static void origin_protection_kwarg(ms_python *p, TSNode args) {
  TSNode v = set_kwarg(p, args, "host_origin_protection");
  if (ts_node_is_null(v)) return;
  bool off = is(p, v, "False");
  ms_facts__add_host_check(p->out, ts_node_parent(v), !off, off ? "host_origin_protection=False" : "host_origin_protection");
}

/* True for a list/tuple/set literal holding the string "*". */
static bool has_star(ms_python *p, TSNode list) {
  if (!ms_facts__type(list, "list") && !ms_facts__type(list, "tuple") && !ms_facts__type(list, "set")) return false;
  ms_facts__nodes items = MS_ARRAY_INIT;
  ms_facts__children(list, &items);
  bool star = false;
  for (uint32_t i = 0; i < items.len && !star; i++) {
    char *v = ms_python__is_string(items.items[i]) ? ms_python__eval_str(p, items.items[i]) : NULL;
    star = v != NULL && strcmp(v, "*") == 0;
    ms_free(v);
  }
  ms_array_free(&items);
  return star;
}

/* `Middleware(X, ...)` / `app.add_middleware(X, ...)`: X decides what it sets up. */
static void middleware(ms_python *p, TSNode c, TSNode args) {
  TSNode cls = ms_python__posarg(p, args, 0);
  if (ms_facts__type(cls, "attribute")) cls = field(cls, "attribute");
  if (!ms_facts__type(cls, "identifier")) return;
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, cls, &l);
  if (is(p, cls, "TrustedHostMiddleware")) {
    ms_facts__add_host_check(p->out, c, true, "TrustedHostMiddleware");
  } else if (is(p, cls, "CORSMiddleware")) {
    TSNode regex = set_kwarg(p, args, "allow_origin_regex");
    char *rx = ts_node_is_null(regex) ? NULL : ms_python__eval_str(p, regex);
    bool any = has_star(p, ms_python__kwarg(p, args, "allow_origins")) ||
               (rx && (strcmp(rx, ".*") == 0 || strcmp(rx, ".+") == 0 || strcmp(rx, "^.*$") == 0));
    bool creds = is(p, ms_python__kwarg(p, args, "allow_credentials"), "True");
    if (any) ms_facts__add_cors(p->out, c, rx ? "allow_origin_regex" : "allow_origins=[\"*\"]", false, creds);
    ms_free(rx);
  } else if (ms_facts__authish(s, l)) {
    char *what = ms_xasprintf("middleware `%.*s`", (int)l, s);
    ms_facts__add_auth(p->out, c, what);
    ms_free(what);
  }
}

void ms_python__security_call(ms_python *p, TSNode c) {
  static const char *const run_methods[] = {"run", "run_async", "run_http_async", "run_sse_async",
                                            "run_streamable_http_async", "sse_app", "streamable_http_app",
                                            "http_app", NULL};
  static const char *const auth_kwargs[] = {"auth", "token_verifier", "auth_server_provider", NULL};
  static const char *const auth_classes[] = {"BearerAuthBackend", "RequireAuthMiddleware", NULL};
  TSNode recv, name, args;
  if (!ms_python__call_parts(p, c, &recv, &name, &args)) return;
  bool has_recv = !ts_node_is_null(recv);
  if (ms_python__is_server_ctor(p, c)) {
    ms_facts__children(args, &p->params); /* in source order */
    for (uint32_t i = 0; i < p->params.len; i++) {
      TSNode a = p->params.items[i], k = field(a, "name");
      if (!ms_facts__type(a, "keyword_argument") || !text_in(p, k, auth_kwargs) || is(p, field(a, "value"), "None"))
        continue;
      uint32_t l;
      const char *s = ms_facts__text(p->text, p->len, k, &l);
      char *what = ms_xasprintf("%.*s=", (int)l, s);
      ms_facts__add_auth(p->out, a, what);
      ms_free(what);
    }
    host_kwarg(p, args, "FastMCP()");
    origin_protection_kwarg(p, args);
  } else if (has_recv && text_in(p, name, run_methods) &&
             /* `run` is a common name: only a known server's, or one given a transport */
             ((!is(p, name, "run") && !is(p, name, "run_async")) || ms_python__known_server(p, recv) ||
              !ts_node_is_null(ms_python__kwarg(p, args, "transport")))) {
    host_kwarg(p, args, "run()");
    origin_protection_kwarg(p, args);
  } else if (is(p, recv, "uvicorn") && (is(p, name, "run") || is(p, name, "Config"))) {
    host_kwarg(p, args, "uvicorn.run()");
  } else if (is(p, name, "TransportSecuritySettings")) {
    /* enable_dns_rebinding_protection defaults to True in the settings object. */
    TSNode v = ms_python__kwarg(p, args, "enable_dns_rebinding_protection");
    bool off = is(p, v, "False");
    ms_facts__add_host_check(p->out, off ? kwarg_node(p, args, "enable_dns_rebinding_protection") : c, !off,
                             off ? "enable_dns_rebinding_protection=False" : "TransportSecuritySettings");
  } else if (is(p, name, "Middleware") || (has_recv && is(p, name, "add_middleware"))) {
    middleware(p, c, args);
  } else if (is(p, name, "Depends") || is(p, name, "Security")) {
    /* FastAPI `dependencies=[Depends(verify_token)]` on the app or the MCP router. */
    TSNode dep = ms_python__posarg(p, args, 0);
    if (ms_facts__type(dep, "attribute")) dep = field(dep, "attribute");
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, dep, &l);
    if (ms_facts__type(dep, "identifier") && ms_facts__authish(s, l)) {
      char *what = ms_xasprintf("dependency `%.*s`", (int)l, s);
      ms_facts__add_auth(p->out, c, what);
      ms_free(what);
    }
  } else if (text_in(p, name, auth_classes)) {
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, name, &l);
    char *what = ms_xasprintf("%.*s()", (int)l, s);
    ms_facts__add_auth(p->out, c, what);
    ms_free(what);
  } else if (has_recv && is(p, name, "get") && ms_facts__type(recv, "attribute") &&
             is(p, field(recv, "attribute"), "headers")) {
    char *h = ms_python__eval_str(p, ms_python__posarg(p, args, 0));
    if (h && strcasecmp(h, "authorization") == 0) ms_facts__add_auth(p->out, c, "Authorization header check");
    ms_free(h);
  }
}

/* `request.headers["Authorization"]` */
void ms_python__security_subscript(ms_python *p, TSNode n) {
  TSNode value = field(n, "value"), key = field(n, "subscript");
  if (!ms_facts__type(value, "attribute") || !is(p, field(value, "attribute"), "headers") || !ms_python__is_string(key)) return;
  char *h = ms_python__eval_str(p, key);
  if (h && strcasecmp(h, "authorization") == 0) ms_facts__add_auth(p->out, n, "Authorization header check");
  ms_free(h);
}

/* `response.headers["Access-Control-Allow-Origin"] = "*"` (or the request's own Origin). */
static void cors_header(ms_python *p, TSNode n, TSNode left) {
  TSNode key = field(left, "subscript"), value = field(left, "value"), right = field(n, "right");
  if (!ms_facts__type(value, "attribute") || !is(p, field(value, "attribute"), "headers") || !ms_python__is_string(key)) return;
  char *h = ms_python__eval_str(p, key);
  bool acao = h && strcasecmp(h, "Access-Control-Allow-Origin") == 0;
  ms_free(h);
  if (!acao) return;
  uint32_t l;
  const char *v = ms_facts__text(p->text, p->len, right, &l);
  char *lit = ms_python__is_string(right) ? ms_python__eval_str(p, right) : NULL;
  bool star = lit && strcmp(lit, "*") == 0, reflects = !lit && memmem(v, l, "origin", 6) != NULL;
  ms_free(lit);
  if (star || reflects)
    ms_facts__add_cors(p->out, n, reflects ? "Access-Control-Allow-Origin: <request Origin>" : "Access-Control-Allow-Origin: *",
                       reflects, false);
}

/* FastMCP v1 `mcp.settings.host = "0.0.0.0"` */
void ms_python__security_assignment(ms_python *p, TSNode n) {
  TSNode left = field(n, "left");
  if (ms_facts__type(left, "subscript")) cors_header(p, n, left);
  if (!ms_facts__type(left, "attribute") || !is(p, field(left, "attribute"), "host") ||
      !ms_facts__type(field(left, "object"), "attribute") || !is(p, field(field(left, "object"), "attribute"), "settings"))
    return;
  char *host = eval_host(p, field(n, "right"));
  bool all = host != NULL && ms_facts__all_interfaces(host);
  ms_facts__add_bind(p->out, n, "settings.host", host, -1, all);
}

/* Records `import a.b`, `from .a import b` (".a" and ".a.b": b may be a module) and
 * `from . import b` (".b") for linking files into projects. */
static void module_names(ms_python *p, TSNode n, TSNode mod) {
  uint32_t l, nl;
  const char *s = ms_facts__text(p->text, p->len, mod, &l);
  ms_facts__children(n, &p->kids);
  bool from = ms_facts__type(n, "import_from_statement");
  if (from) ms_facts_add_module(p->out, s, l);
  for (uint32_t i = 0; i < p->kids.len; i++) {
    TSNode k = p->kids.items[i];
    if (ms_facts__type(k, "aliased_import")) k = field(k, "name");
    if (!ms_facts__type(k, "dotted_name") || ts_node_eq(k, mod)) continue;
    const char *name = ms_facts__text(p->text, p->len, k, &nl);
    if (!from) {
      ms_facts_add_module(p->out, name, nl);
      continue;
    }
    bool dots_only = l > 0 && s[l - 1] == '.';
    char *full = ms_xasprintf("%.*s%s%.*s", (int)l, s, dots_only ? "" : ".", (int)nl, name);
    ms_facts_add_module(p->out, full, (uint32_t)strlen(full));
    ms_free(full);
  }
}

void ms_python__imports(ms_python *p, TSNode n) {
  TSNode mod = field(n, "module_name");
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, mod, &l);
  module_names(p, n, mod);
  if (ms_facts__type(n, "import_statement")) {
    s = ms_facts__text(p->text, p->len, n, &l);
    if (l >= 14 && memcmp(s, "import fastmcp", 14) == 0) p->out->imports |= MS_IMPORTS_FASTMCP;
    return;
  }
  if ((l == 7 && memcmp(s, "fastmcp", 7) == 0) || (l > 8 && memcmp(s, "fastmcp.", 8) == 0))
    p->out->imports |= MS_IMPORTS_FASTMCP;
  else if ((l == 3 && memcmp(s, "mcp", 3) == 0) || (l > 4 && memcmp(s, "mcp.", 4) == 0))
    p->out->imports |= MS_IMPORTS_MCP_SDK;
}
