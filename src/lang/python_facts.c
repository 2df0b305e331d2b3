/* The MCP model of a Python file: FastMCP/MCPServer/fastmcp handlers (`@x.tool`, `@x.resource`,
 * `@x.prompt`, `x.add_tool(fn)`), low-level `@x.call_tool()` dispatchers, and the transports
 * the file starts (`x.run(...)`, ASGI apps, low-level transports) with their literal bind
 * address. Matching is by name and shape, not by resolved import. Everything is found in one
 * iterative pre-order walk; the work after it is linear in the nodes collected. */
#include "lang/facts.h"

#include <string.h>
#include <strings.h>

#include "lang/python_p.h"
#include "util/xalloc.h"

enum method { M_NONE, M_TOOL, M_RESOURCE, M_PROMPT, M_CALL_TOOL };

/* ---- calls and arguments -------------------------------------------------------------------- */

/* The value of keyword argument `name` in an argument_list, or a null node. */
TSNode ms_python__kwarg(ms_python *p, TSNode args, const char *name) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  if (!ms_facts__type(args, "argument_list")) return none;
  ms_facts__children(args, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++) {
    TSNode a = p->kids.items[i];
    if (ms_facts__type(a, "keyword_argument") && is(p, field(a, "name"), name)) return field(a, "value");
  }
  return none;
}

/* The i-th positional argument, or a null node. */
TSNode ms_python__posarg(ms_python *p, TSNode args, uint32_t i) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  if (!ms_facts__type(args, "argument_list")) return none;
  ms_facts__children(args, &p->kids);
  for (uint32_t k = 0; k < p->kids.len; k++) {
    const char *t = ts_node_type(p->kids.items[k]);
    if (strcmp(t, "keyword_argument") == 0 || strcmp(t, "list_splat") == 0 ||
        strcmp(t, "dictionary_splat") == 0)
      continue;
    if (i-- == 0) return p->kids.items[k];
  }
  return none;
}

/* A call's method name and receiver: `recv.name(...)` or `name(...)` (recv null). */
bool ms_python__callee(TSNode call, TSNode *recv, TSNode *name) {
  TSNode f = field(call, "function");
  memset(recv, 0, sizeof *recv);
  if (ms_facts__type(f, "attribute")) {
    *recv = field(f, "object");
    *name = field(f, "attribute");
    return !ts_node_is_null(*name);
  }
  *name = f;
  return ms_facts__type(f, "identifier");
}

bool ms_python__call_parts(ms_python *p, TSNode call, TSNode *recv, TSNode *name, TSNode *args) {
  if (!ts_node_eq(call, p->memo_call)) {
    p->memo_call = call;
    p->memo_ok = ms_python__callee(call, &p->memo_recv, &p->memo_name);
    p->memo_args = field(call, "arguments");
  }
  *recv = p->memo_recv;
  *name = p->memo_name;
  *args = p->memo_args;
  return p->memo_ok;
}

static enum method method_named(ms_python *p, TSNode name) {
  if (is(p, name, "tool")) return M_TOOL;
  if (is(p, name, "resource")) return M_RESOURCE;
  if (is(p, name, "prompt")) return M_PROMPT;
  return M_NONE;
}

/* Which MCP registration a decorator is (`@x.tool`, `@x.tool(...)`, ...); sets call (null
 * for a bare attribute) and the receiver x. */
static enum method decorator_method(ms_python *p, TSNode deco, TSNode *call, TSNode *recv) {
  TSNode e = ms_facts__first_child(deco), attr = e;
  memset(call, 0, sizeof *call);
  if (ms_facts__type(e, "call")) {
    *call = e;
    attr = field(e, "function");
  }
  if (!ms_facts__type(attr, "attribute")) return M_NONE;
  *recv = field(attr, "object");
  TSNode m = field(attr, "attribute");
  return is(p, m, "call_tool") ? M_CALL_TOOL : method_named(p, m);
}

static void add_server(ms_python *p, TSNode recv) {
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, recv, &l);
  if (!ts_node_is_null(recv)) ms_facts__names_add(&p->servers, s, l, recv);
}

bool ms_python__known_server(ms_python *p, TSNode recv) {
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, recv, &l);
  return !ts_node_is_null(recv) && ms_facts__names_find(&p->servers, s, l) != NULL;
}

/* ---- handlers ------------------------------------------------------------------------------- */

/* True for annotations naming an MCP context: `Context`, `fastmcp.Context`,
 * `Context[ServerSession, None]`, `Context | None`, `Optional[Context]`. */
static bool name_char(char c) {
  return c == '_' || c == '.' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* True when the name s[b..e) ends with suffix. */
static bool ends_with(const char *s, uint32_t b, uint32_t e, const char *suffix) {
  uint32_t l = (uint32_t)strlen(suffix);
  return e - b >= l && memcmp(s + e - l, suffix, l) == 0;
}

static bool is_context_type(const char *s, uint32_t n) {
  uint32_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '(' || s[i] == '"' || s[i] == '\'')) i++;
    uint32_t b = i;
    while (i < n && name_char(s[i])) i++;
    if (ends_with(s, b, i, "Context")) return true;
    bool wrapper = ends_with(s, b, i, "Optional") || ends_with(s, b, i, "Union") || ends_with(s, b, i, "Annotated");
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (wrapper && i < n && s[i] == '[') {
      i++; /* look at the first name inside the brackets */
      continue;
    }
    /* Skip to the next top-level `|` (or, inside a wrapper, `,`) alternative. */
    int depth = 0;
    while (i < n) {
      if (s[i] == '[' || s[i] == '(') depth++;
      else if ((s[i] == ']' || s[i] == ')') && depth > 0) depth--;
      else if (depth == 0 && (s[i] == '|' || s[i] == ',')) break;
      else if (depth == 0 && (s[i] == ']' || s[i] == ')')) break;
      i++;
    }
    if (i < n) i++;
  }
  return false;
}

/* Adds the handler's inputs: its parameters minus self/cls, Context and Depends(...) ones; for a
 * low-level call_tool only the second (the arguments dict). */
static void add_params(ms_python *p, ms_handler *h, TSNode fn) {
  ms_facts__children(field(fn, "parameters"), &p->params);
  uint32_t seen = 0;
  for (uint32_t i = 0; i < p->params.len; i++) {
    TSNode c = p->params.items[i], name = c, type = {{0, 0, 0, 0}, NULL, NULL}, dflt = type;
    const char *t = ts_node_type(c);
    if (strcmp(t, "typed_parameter") == 0) {
      name = ms_facts__first_child(c);
      type = field(c, "type");
    } else if (strcmp(t, "default_parameter") == 0) {
      name = field(c, "name");
      dflt = field(c, "value");
    } else if (strcmp(t, "typed_default_parameter") == 0) {
      name = field(c, "name");
      type = field(c, "type");
      dflt = field(c, "value");
    } else if (strcmp(t, "identifier") != 0 && strcmp(t, "list_splat_pattern") != 0 &&
               strcmp(t, "dictionary_splat_pattern") != 0) {
      continue;
    }
    if (ms_facts__type(name, "list_splat_pattern") || ms_facts__type(name, "dictionary_splat_pattern"))
      name = ms_facts__first_child(name);
    if (!ms_facts__type(name, "identifier")) continue;
    if (i == 0 && (is(p, name, "self") || is(p, name, "cls"))) continue;
    if (!ts_node_is_null(type)) {
      uint32_t l;
      const char *s = ms_facts__text(p->text, p->len, type, &l);
      if (is_context_type(s, l)) continue;
    }
    /* fastmcp dependency injection (`bridge: Bridge = Depends(get_bridge)`) is no input. */
    TSNode recv, dname;
    if (ms_facts__type(dflt, "call") && ms_python__callee(dflt, &recv, &dname) && is(p, dname, "Depends")) continue;
    seen++;
    if (!h->low_level || seen == 2) ms_facts__add_param(h, p->text, p->len, name);
  }
}

/* The function's docstring, cleaned; *node is set to its string. */
static char *docstring(ms_python *p, TSNode fn, TSNode *node) {
  TSNode st = ms_facts__first_child(field(fn, "body"));
  if (!ms_facts__type(st, "expression_statement")) return NULL;
  TSNode s = ms_facts__first_child(st);
  if (!ms_python__is_string(s)) return NULL;
  *node = s;
  char *d = ms_python__eval_str(p, s);
  return d ? ms_facts__cleandoc(d) : NULL;
}

/* A handler for function fn registered as m by `call` (the decorator or add_tool call; null
 * for a bare `@x.tool`). by_reference: `x.add_tool(fn, ...)` / `x.tool()(fn)`, whose first
 * positional argument is the function, not the name. */
static void add_handler(ms_python *p, enum method m, TSNode call, TSNode fn, uint32_t decl_line, bool by_reference) {
  ms_handler h;
  memset(&h, 0, sizeof h);
  TSNode args = ts_node_is_null(call) ? call : field(call, "arguments");
  TSNode fname = field(fn, "name");
  h.kind = m == M_RESOURCE ? MS_HANDLER_RESOURCE : m == M_PROMPT ? MS_HANDLER_PROMPT : MS_HANDLER_TOOL;
  h.low_level = m == M_CALL_TOOL;
  h.decl_line = decl_line;
  ms_facts__set_function(&h, p->text, p->len, fn, fname);
  if (h.low_level) {
    h.name = ms_xstrdup("*");
  } else {
    TSNode v = ms_python__kwarg(p, args, "name"), name_node = v;
    if (!ts_node_is_null(v)) h.name = ms_python__eval_str(p, v);
    if (h.name == NULL && ts_node_is_null(v) && !by_reference && m != M_RESOURCE) {
      TSNode a0 = ms_python__posarg(p, args, 0); /* fastmcp's @x.tool("name") */
      if (ms_python__is_string(a0)) h.name = ms_python__eval_str(p, a0), name_node = a0;
    }
    if (h.name == NULL && !ts_node_is_null(fname)) h.name = ms_facts__dup(p->text, p->len, fname), name_node = fname;
    if (h.name && h.kind == MS_HANDLER_TOOL)
      ms_facts__add_text(p->out, h.kind, MS_META_NAME, h.name, NULL, ms_xstrdup(h.name), name_node);
    TSNode d = ms_python__kwarg(p, args, "description"), title = ms_python__kwarg(p, args, "title");
    h.description = ts_node_is_null(d) ? docstring(p, fn, &d) : ms_python__eval_str(p, d);
    if (h.description)
      ms_facts__add_text(p->out, h.kind, MS_META_DESCRIPTION, h.name, NULL, ms_xstrdup(h.description), d);
    if (!ts_node_is_null(title))
      ms_facts__add_text(p->out, h.kind, MS_META_TITLE, h.name, NULL, ms_python__eval_str(p, title), title);
  }
  if (m == M_RESOURCE) {
    TSNode u = ms_python__kwarg(p, args, "uri");
    if (ts_node_is_null(u)) u = ms_python__posarg(p, args, 0);
    if (!ts_node_is_null(u)) h.uri = ms_python__eval_str(p, u);
  }
  add_params(p, &h, fn);
  ms_array_push(&p->out->handlers, h);
}

static void decorated(ms_python *p, TSNode dd) {
  TSNode def = field(dd, "definition");
  if (!ms_facts__type(def, "function_definition")) return;
  ms_facts__children(dd, &p->decos);
  for (uint32_t i = 0; i < p->decos.len; i++) {
    TSNode d = p->decos.items[i], call, recv;
    if (!ms_facts__type(d, "decorator")) continue;
    enum method m = decorator_method(p, d, &call, &recv);
    if (m != M_NONE) add_handler(p, m, call, def, ms_facts__line(d), false);
  }
}

/* The function_definition an identifier argument names, or a null node. */
static TSNode function_named(ms_python *p, TSNode id) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  if (!ms_facts__type(id, "identifier")) return none;
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, id, &l);
  const ms_facts__name *f = ms_facts__names_find(&p->funcs, s, l);
  return f ? f->node : none;
}

/* ---- metadata the low-level API and pydantic carry ------------------------------------------ */

/* A dictionary key's string value, or NULL (an ms_facts__eval_fn). Owned. */
static char *key_name(void *self, TSNode key) {
  return ms_python__is_string(key) ? ms_python__eval_str(self, key) : NULL;
}

static char *eval_value(void *self, TSNode value) { return ms_python__eval_str(self, value); }

/* The `"description"`s of a JSON schema written as a dict literal. */
static void schema_texts(ms_python *p, ms_handler_kind kind, const char *owner, TSNode schema) {
  if (ms_facts__type(schema, "dictionary"))
    ms_facts__schema_texts(p->out, schema, &p->pairs, key_name, eval_value, p, kind, owner);
}

/* `types.Tool(name=..., title=..., description=..., inputSchema={...})`, and the same for
 * Resource, ResourceTemplate, Prompt and PromptArgument: the metadata a low-level
 * `list_tools` (list_resources, list_prompts) handler returns. */
static void meta_ctor(ms_python *p, TSNode c, TSNode name) {
  TSNode args = field(c, "arguments"), n = ms_python__kwarg(p, args, "name");
  if (ts_node_is_null(n)) return; /* the SDK's models take keywords only */
  char *owner = ms_python__eval_str(p, n);
  ms_handler_kind kind = is(p, name, "Tool") ? MS_HANDLER_TOOL
                         : is(p, name, "Prompt") || is(p, name, "PromptArgument") ? MS_HANDLER_PROMPT
                                                                                   : MS_HANDLER_RESOURCE;
  TSNode d = ms_python__kwarg(p, args, "description"), t = ms_python__kwarg(p, args, "title");
  if (is(p, name, "PromptArgument")) { /* its prompt: `Prompt(name=..., arguments=[PromptArgument(...)])` */
    char *prompt = NULL;
    TSNode up = ts_node_parent(c), recv, fn;
    for (int depth = 0; depth < 6 && !ts_node_is_null(up) && prompt == NULL; depth++, up = ts_node_parent(up))
      if (ms_facts__type(up, "call") && ms_python__callee(up, &recv, &fn) && is(p, fn, "Prompt"))
        prompt = ms_python__eval_str(p, ms_python__kwarg(p, field(up, "arguments"), "name"));
    if (!ts_node_is_null(d))
      ms_facts__add_text(p->out, kind, MS_META_PARAM, prompt, owner, ms_python__eval_str(p, d), d);
    ms_free(prompt);
  } else {
    if (owner && kind == MS_HANDLER_TOOL) ms_facts__add_text(p->out, kind, MS_META_NAME, owner, NULL, ms_xstrdup(owner), n);
    if (!ts_node_is_null(d)) ms_facts__add_text(p->out, kind, MS_META_DESCRIPTION, owner, NULL, ms_python__eval_str(p, d), d);
    if (!ts_node_is_null(t)) ms_facts__add_text(p->out, kind, MS_META_TITLE, owner, NULL, ms_python__eval_str(p, t), t);
    TSNode schema = ms_python__kwarg(p, args, "inputSchema");
    if (ts_node_is_null(schema)) schema = ms_python__kwarg(p, args, "input_schema");
    schema_texts(p, kind, owner, schema);
  }
  ms_free(owner);
}

/* `ToolAnnotations(title=...)`: clients show the title in place of the tool's name. Its tool
 * is the `Tool(name=...)` or decorator call around it (`@mcp.tool(annotations=...)`: the
 * `name=` given there, else the decorated function's name). */
static void annotations_title(ms_python *p, TSNode c) {
  TSNode t = ms_python__kwarg(p, field(c, "arguments"), "title");
  if (ts_node_is_null(t)) return;
  char *owner = NULL;
  TSNode up = ts_node_parent(c);
  for (int depth = 0; depth < 8 && !ts_node_is_null(up) && owner == NULL; depth++, up = ts_node_parent(up)) {
    if (ms_facts__type(up, "call")) {
      TSNode n = ms_python__kwarg(p, field(up, "arguments"), "name");
      if (!ts_node_is_null(n)) owner = ms_python__eval_str(p, n);
    } else if (ms_facts__type(up, "decorated_definition")) {
      TSNode fname = field(field(up, "definition"), "name");
      if (!ts_node_is_null(fname)) owner = ms_facts__dup(p->text, p->len, fname);
    }
  }
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_TITLE, owner, NULL, ms_python__eval_str(p, t), t);
  ms_free(owner);
}

/* The value of a dict literal's entry whose key is the plain string literal `key`, or a null node. */
static TSNode dict_value(ms_python *p, TSNode dict, const char *key) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  size_t n = strlen(key);
  ms_facts__children(dict, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++) {
    TSNode pair = p->kids.items[i];
    if (!ms_facts__type(pair, "pair")) continue;
    TSNode k = field(pair, "key");
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, k, &l);
    if (ms_facts__type(k, "string") && l == n + 2 && (s[0] == '"' || s[0] == '\'') &&
        memcmp(s + 1, key, n) == 0)
      return field(pair, "value");
  }
  return none;
}

/* A tool defined as a dict literal (`{"name": ..., "description": ..., "inputSchema": {...}}`,
 * also `input_schema` and function-calling `parameters`), as low-level servers and tool
 * registries build them. */
static void meta_dict(ms_python *p, TSNode dict) {
  TSNode name = dict_value(p, dict, "name");
  if (ts_node_is_null(name)) return; /* most dicts: one pass */
  TSNode desc = dict_value(p, dict, "description");
  if (ts_node_is_null(desc)) return;
  TSNode schema = dict_value(p, dict, "inputSchema");
  if (ts_node_is_null(schema)) schema = dict_value(p, dict, "input_schema");
  if (ts_node_is_null(schema)) schema = dict_value(p, dict, "parameters");
  if (!ms_facts__type(schema, "dictionary")) return;
  char *owner = ms_python__eval_str(p, name);
  if (owner == NULL) return;
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_NAME, owner, NULL, ms_xstrdup(owner), name);
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_DESCRIPTION, owner, NULL, ms_python__eval_str(p, desc), desc);
  TSNode title = dict_value(p, dict, "title");
  if (!ts_node_is_null(title))
    ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_TITLE, owner, NULL, ms_python__eval_str(p, title), title);
  schema_texts(p, MS_HANDLER_TOOL, owner, schema);
  ms_free(owner);
}

/* `Field(description=...)` (also inside `Annotated[...]`): the description of the parameter or
 * model field it is the default or annotation of; the owner is the handler around it. */
static void field_call(ms_python *p, TSNode c) {
  TSNode d = ms_python__kwarg(p, field(c, "arguments"), "description");
  if (ts_node_is_null(d)) return;
  TSNode param = {{0, 0, 0, 0}, NULL, NULL};
  TSNode n = ts_node_parent(c);
  for (int depth = 0; depth < 8 && !ts_node_is_null(n) && ts_node_is_null(param); depth++, n = ts_node_parent(n)) {
    const char *t = ts_node_type(n);
    if (strcmp(t, "typed_parameter") == 0) param = ms_facts__first_child(n);
    else if (strcmp(t, "default_parameter") == 0 || strcmp(t, "typed_default_parameter") == 0) param = field(n, "name");
    else if (strcmp(t, "assignment") == 0) param = field(n, "left");
    else if (strcmp(t, "function_definition") == 0 || strcmp(t, "block") == 0) break;
  }
  char *pname = ms_facts__type(param, "identifier") ? ms_facts__dup(p->text, p->len, param) : NULL;
  const ms_handler *h = ms_facts_handler_at(p->out, ts_node_start_byte(c), ts_node_end_byte(c));
  ms_facts__add_text(p->out, h ? h->kind : MS_HANDLER_TOOL, MS_META_PARAM, h && !h->low_level ? h->name : NULL, pname,
                     ms_python__eval_str(p, d), d);
  ms_free(pname);
}

/* ---- transports ----------------------------------------------------------------------------- */

static bool transport_kind(const char *s, ms_transport_kind *out) {
  if (s == NULL) return false;
  if (strcmp(s, "stdio") == 0) *out = MS_TRANSPORT_STDIO;
  else if (strcmp(s, "sse") == 0) *out = MS_TRANSPORT_SSE;
  else if (strcmp(s, "streamable-http") == 0 || strcmp(s, "streamable_http") == 0 || strcmp(s, "http") == 0)
    *out = MS_TRANSPORT_STREAMABLE_HTTP;
  else return false;
  return true;
}

/* The transport named by a `transport=` keyword (else the first positional argument when
 * positional is set); *given tells whether one was written at all. */
static bool transport_arg(ms_python *p, TSNode args, bool positional, bool *given, ms_transport_kind *out) {
  TSNode v = ms_python__kwarg(p, args, "transport");
  if (ts_node_is_null(v) && positional) v = ms_python__posarg(p, args, 0);
  *given = !ts_node_is_null(v);
  if (!*given) return false;
  char *s = ms_python__eval_str(p, v);
  bool ok = transport_kind(s, out);
  ms_free(s);
  return ok;
}

static void read_binding(ms_python *p, TSNode args, ms_python_binding *b) {
  if (b->host == NULL) {
    TSNode h = ms_python__kwarg(p, args, "host");
    if (!ts_node_is_null(h)) b->host = ms_python__eval_str(p, h);
  }
  if (b->port < 0) b->port = ms_python__eval_int(p, ms_python__kwarg(p, args, "port"));
}

static void add_transport(ms_python *p, TSNode call, ms_transport_kind kind, bool mounted) {
  static const char *const low_level[] = {"SseServerTransport", "StreamableHTTPSessionManager", "stdio_server", NULL};
  ms_transport t = {kind, ms_facts__line(call), ms_facts__col(call), NULL, -1, 0, false};
  TSNode recv, name;
  t.site = ms_facts_add_site(p->out, ts_node_start_byte(call), ts_node_end_byte(call));
  ms_array_push(&p->high_level, !(ms_python__callee(call, &recv, &name) && text_in(p, name, low_level)));
  if (kind != MS_TRANSPORT_STDIO && !mounted) {
    ms_python_binding b = {NULL, -1};
    read_binding(p, field(call, "arguments"), &b);
    t.host = b.host;
    t.port = b.port;
  }
  ms_array_push(&p->out->transports, t);
  ms_array_push(&p->mounted, mounted);
}

static void call(ms_python *p, TSNode c) {
  static const char *const http_ctors[] = {"SseServerTransport", "StreamableHTTPSessionManager", NULL};
  static const char *const meta_ctors[] = {"Tool", "Resource", "ResourceTemplate", "Prompt", "PromptArgument", NULL};
  TSNode recv, name, args;
  if (!ms_python__call_parts(p, c, &recv, &name, &args)) {
    /* `x.tool()(fn)`: the decorator applied by hand. */
    TSNode f = field(c, "function"), inner_recv, fn;
    if (!ms_facts__type(f, "call") || !ms_python__callee(f, &inner_recv, &name) || ts_node_is_null(inner_recv)) return;
    enum method m = method_named(p, name);
    fn = function_named(p, ms_python__posarg(p, field(c, "arguments"), 0));
    if (m != M_NONE && !ts_node_is_null(fn)) add_handler(p, m, f, fn, ms_facts__line(c), false);
    return;
  }
  bool has_recv = !ts_node_is_null(recv), given;
  ms_transport_kind k = MS_TRANSPORT_STDIO;
  if (has_recv && (is(p, name, "add_tool") || is(p, name, "tool"))) {
    /* `x.add_tool(fn, ...)`, fastmcp's `x.tool(fn)`; never the decorator's own call. */
    TSNode fn = ms_python__kwarg(p, args, "fn");
    if (ts_node_is_null(fn)) fn = ms_python__posarg(p, args, 0);
    fn = function_named(p, fn);
    if (!ts_node_is_null(fn) && !ms_facts__type(ts_node_parent(c), "decorator"))
      add_handler(p, M_TOOL, c, fn, ms_facts__line(c), true);
  } else if (has_recv && (is(p, name, "run") || is(p, name, "run_async"))) {
    /* `x.run()` defaults to stdio, but `run` is a common name: without a transport, only
     * for receivers known to be servers, and never low-level `server.run(read, write, ...)`. */
    if (transport_arg(p, args, true, &given, &k)) add_transport(p, c, k, false);
    else if (!given && ms_python__known_server(p, recv)) add_transport(p, c, MS_TRANSPORT_STDIO, false);
  } else if (has_recv && is(p, name, "run_http_async")) {
    if (!transport_arg(p, args, false, &given, &k)) k = MS_TRANSPORT_STREAMABLE_HTTP;
    if (!given || k != MS_TRANSPORT_STDIO) add_transport(p, c, k, false);
  } else if (has_recv && is(p, name, "run_sse_async")) {
    add_transport(p, c, MS_TRANSPORT_SSE, false);
  } else if (has_recv && is(p, name, "run_streamable_http_async")) {
    add_transport(p, c, MS_TRANSPORT_STREAMABLE_HTTP, false);
  } else if (has_recv && is(p, name, "run_stdio_async")) {
    add_transport(p, c, MS_TRANSPORT_STDIO, false);
  } else if (has_recv && is(p, name, "sse_app")) {
    add_transport(p, c, MS_TRANSPORT_SSE, true);
  } else if (has_recv && (is(p, name, "streamable_http_app") || is(p, name, "http_app"))) {
    if (!transport_arg(p, args, false, &given, &k) || k == MS_TRANSPORT_STDIO) k = MS_TRANSPORT_STREAMABLE_HTTP;
    add_transport(p, c, k, true);
  } else if (text_in(p, name, http_ctors)) {
    add_transport(p, c, is(p, name, "SseServerTransport") ? MS_TRANSPORT_SSE : MS_TRANSPORT_STREAMABLE_HTTP, true);
  } else if (is(p, name, "stdio_server")) {
    add_transport(p, c, MS_TRANSPORT_STDIO, true);
  } else if (text_in(p, name, meta_ctors)) {
    meta_ctor(p, c, name);
  } else if (is(p, name, "ToolAnnotations")) {
    annotations_title(p, c);
  } else if (is(p, name, "Field")) {
    ms_array_push(&p->fields, c);
  }
}

/* ---- the walk ------------------------------------------------------------------------------- */

bool ms_python__is_server_ctor(ms_python *p, TSNode c) {
  static const char *const ctors[] = {"FastMCP", "MCPServer", NULL};
  TSNode recv, name, args;
  return ms_facts__type(c, "call") && ms_python__call_parts(p, c, &recv, &name, &args) && text_in(p, name, ctors);
}

/* Definitions, constants, server names and bind settings: everything the second pass looks up. */
static void index_file(ms_python *p) {
  for (uint32_t i = 0; i < p->nodes.len; i++) {
    TSNode n = p->nodes.items[i];
    const char *t = ts_node_type(n);
    uint32_t l;
    const char *s;
    if (strcmp(t, "function_definition") == 0) {
      TSNode name = field(n, "name");
      s = ms_facts__text(p->text, p->len, name, &l);
      if (!ts_node_is_null(name)) ms_facts__names_add(&p->funcs, s, l, n);
    } else if (strcmp(t, "assignment") == 0 || strcmp(t, "augmented_assignment") == 0) {
      TSNode left = field(n, "left"), right = field(n, "right");
      bool plain = strcmp(t, "assignment") == 0;
      if (ms_facts__type(left, "identifier")) {
        s = ms_facts__text(p->text, p->len, left, &l);
        /* An augmented assignment counts as a second definition: the name is not constant. */
        ms_facts__names_add(&p->consts, s, l, plain ? right : n);
        if (plain && ms_python__is_server_ctor(p, right)) add_server(p, left);
      } else if (plain && ms_facts__type(left, "attribute") && ms_facts__type(field(left, "object"), "attribute") &&
                 is(p, field(field(left, "object"), "attribute"), "settings")) {
        /* FastMCP v1: `mcp.settings.host = "0.0.0.0"` */
        TSNode a = field(left, "attribute");
        if (is(p, a, "host") && p->ctor.host == NULL) p->ctor.host = ms_python__eval_str(p, right);
        if (is(p, a, "port") && p->ctor.port < 0) p->ctor.port = ms_python__eval_int(p, right);
      }
    } else if (strcmp(t, "decorated_definition") == 0) {
      ms_facts__children(n, &p->decos);
      for (uint32_t k = 0; k < p->decos.len; k++) {
        TSNode call, recv;
        if (ms_facts__type(p->decos.items[k], "decorator") &&
            decorator_method(p, p->decos.items[k], &call, &recv) != M_NONE)
          add_server(p, recv);
      }
    }
  }
  ms_facts__names_freeze(&p->funcs);
  ms_facts__names_freeze(&p->consts);
  /* Bind settings need the constants; `x.add_tool` receivers are servers too. */
  for (uint32_t i = 0; i < p->nodes.len; i++) {
    TSNode n = p->nodes.items[i], recv, name, args;
    if (!ms_facts__type(n, "call") || !ms_python__call_parts(p, n, &recv, &name, &args)) continue;
    if (ms_python__is_server_ctor(p, n)) {
      read_binding(p, args, &p->ctor);
      TSNode ts = ms_python__kwarg(p, args, "transport_security");
      p->ctor_security |= !ts_node_is_null(ts) && !is(p, ts, "None");
    }
    else if (is(p, recv, "uvicorn") && (is(p, name, "run") || is(p, name, "Config")))
      read_binding(p, args, &p->uvicorn);
    else if (!ts_node_is_null(recv) && is(p, name, "add_tool")) add_server(p, recv);
  }
  ms_facts__names_freeze(&p->servers);
}

/* Fills the bind address the transports' own calls left open: a run(...) falls back to the
 * server constructor, then uvicorn; a mounted ASGI app is bound by uvicorn first. */
static void bind_transports(ms_python *p) {
  for (uint32_t i = p->first_transport; i < p->out->transports.len; i++) {
    ms_transport *t = &p->out->transports.items[i];
    if (t->kind == MS_TRANSPORT_STDIO) continue;
    bool mounted = p->mounted.items[i - p->first_transport];
    const ms_python_binding *first = mounted ? &p->uvicorn : &p->ctor, *second = mounted ? &p->ctor : &p->uvicorn;
    if (t->host == NULL) {
      const char *h = first->host ? first->host : second->host;
      if (h) t->host = ms_xstrdup(h);
    }
    if (t->port < 0) t->port = first->port >= 0 ? first->port : second->port;
    /* FastMCP guards its own transports when its host is loopback (the default); a mounted
     * app takes the host from the constructor, whatever uvicorn binds. */
    const char *guard_host = mounted ? p->ctor.host : t->host;
    t->sdk_guard = p->high_level.items[i - p->first_transport] && !p->ctor_security &&
                   (guard_host == NULL || ms_facts__loopback(guard_host));
  }
}

/* What the walk collects, and the subtrees it need not enter (docs/internals/facts-walk.md).
 * Every collected kind needs one of these tokens in its text: a call's `(` (arguments or a
 * generator), a decorator `@`, a definition's `def` and `(`, an assignment `=` or `:` (also
 * `x: int`), a dictionary `{`, a subscript `[`, `import`. */
static const char *const walk_types[] = {"decorated_definition", "call", "function_definition", "assignment",
                                         "augmented_assignment", "dictionary", "subscript", "import_from_statement",
                                         "import_statement", NULL};
static const char *const walk_words[] = {"import", NULL};
static const ms_facts__guard walk_guards[] = {
    /* Expressions only inside an f-string's `{...}` fields. */
    {"string", "{", NULL},
    /* Annotations hold calls (`Annotated[str, Field(...)]`), but only with their tokens. */
    {"type", "(@={[:", walk_words},
    {NULL, NULL, NULL},
};
const ms_facts__walk ms_facts__py_walk = {walk_types, walk_guards};

void ms_facts_extract_python(TSNode root, const char *text, uint32_t len, ms_facts *out) {
  ms_python p;
  memset(&p, 0, sizeof p);
  p.text = text;
  p.len = len;
  p.out = out;
  p.first_transport = out->transports.len;
  uint32_t first_text = out->texts.len;
  p.ctor.port = p.uvicorn.port = -1;
  ms_strbuf_init(&p.sb, MS_STRBUF_UNBOUNDED);
  ms_facts__walk_collect(root, &ms_facts__py_walk, text, len, &p.nodes);
  index_file(&p);
  for (uint32_t i = 0; i < p.nodes.len; i++) {
    TSNode n = p.nodes.items[i];
    if (ms_facts__type(n, "decorated_definition")) {
      decorated(&p, n);
    } else if (ms_facts__type(n, "call")) {
      call(&p, n);
      ms_python__security_call(&p, n);
    } else if (ms_facts__type(n, "dictionary")) {
      meta_dict(&p, n);
    } else if (ms_facts__type(n, "subscript")) {
      ms_python__security_subscript(&p, n);
    } else if (ms_facts__type(n, "assignment")) {
      ms_python__security_assignment(&p, n);
    } else if (ms_facts__type(n, "import_from_statement") || ms_facts__type(n, "import_statement")) {
      ms_python__imports(&p, n);
    }
  }
  for (uint32_t i = 0; i < p.fields.len; i++) field_call(&p, p.fields.items[i]);
  ms_facts__finish_texts(out, first_text);
  bind_transports(&p);
  ms_array_free(&p.mounted);
  ms_array_free(&p.high_level);
  ms_array_free(&p.nodes);
  ms_array_free(&p.decos);
  ms_array_free(&p.kids);
  ms_array_free(&p.params);
  ms_array_free(&p.stack);
  ms_array_free(&p.pairs);
  ms_array_free(&p.items);
  ms_array_free(&p.fields);
  ms_array_free(&p.funcs);
  ms_array_free(&p.consts);
  ms_array_free(&p.servers);
  ms_strbuf_dispose(&p.sb);
  ms_free(p.ctor.host);
  ms_free(p.uvicorn.host);
}
