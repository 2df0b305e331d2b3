/* The MCP model of a JavaScript, TypeScript or TSX file (one extractor: the node types are
 * shared): McpServer registrations (`x.tool`, `x.registerTool`, `x.resource`,
 * `x.registerResource`, `x.prompt`, `x.registerPrompt`), low-level
 * `x.setRequestHandler(CallToolRequestSchema, ...)` dispatchers, the SDK's server transports
 * and the literal port/host of `x.listen(...)`. Matching is by name and shape, not by
 * resolved import. One iterative pre-order walk; the work after it is linear. */
#include "lang/facts.h"

#include <string.h>
#include <strings.h>

#include "lang/facts_p.h"
#include "util/xalloc.h"

enum method {
  J_NONE,
  J_TOOL,
  J_REGISTER_TOOL,
  J_RESOURCE,
  J_REGISTER_RESOURCE,
  J_PROMPT,
  J_REGISTER_PROMPT,
  J_SET_REQUEST_HANDLER,
};

/* A registration call's extent, for finding the tool a zod schema inside it belongs to. */
typedef struct registration_span {
  uint32_t start_byte, end_byte;
  ms_handler_kind kind;
  char *name; /* owned */
} registration_span;

typedef struct js {
  const char *text;
  uint32_t len;
  ms_facts *out;
  uint32_t first_transport;       /* out->transports.len on entry */
  ms_facts__nodes nodes;          /* collected in source order */
  ms_facts__nodes args, kids, params, stack, pairs, items; /* scratch */
  ms_facts__nodes describes;      /* zod `.describe(...)` calls, examined after registrations */
  ms_array(registration_span) regs; /* the registrations seen, in source order */
  ms_facts__names funcs;          /* function name -> function node */
  ms_facts__names consts;         /* declared/assigned name -> value */
  ms_strbuf sb;
  char *listen_host;              /* of the first x.listen(...) with a literal port or host */
  int64_t listen_port;
  bool listen_seen;
} js;

static TSNode field(TSNode n, const char *name) { return ms_facts__field(n, name); }

static TSNode null_node(void) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  return none;
}

static bool is(js *p, TSNode n, const char *s) { return ms_facts__is(p->text, p->len, n, s); }

static bool has_child_type(TSNode n, const char *type) {
  bool found = false;
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      found = ms_facts__type(ts_tree_cursor_current_node(&c), type);
    } while (!found && ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return found;
}

/* The last name of an identifier or `a.b.Name` (what constructors and schemas are matched on). */
static TSNode last_name(TSNode n) {
  if (ms_facts__type(n, "member_expression")) return field(n, "property");
  if (ms_facts__type(n, "identifier")) return n;
  return null_node();
}

/* ---- literals ------------------------------------------------------------------------------- */

static int64_t hex_escape(const char *s, uint32_t n, uint32_t *i) {
  /* s[*i] is just past `\u`: either {hex+} or four hex digits. */
  if (*i < n && s[*i] == '{') {
    uint32_t e = *i + 1;
    while (e < n && s[e] != '}') e++;
    if (e >= n) return -1;
    int64_t cp = ms_facts__hex(s + *i + 1, e - *i - 1);
    if (cp >= 0) *i = e + 1;
    return cp;
  }
  int64_t cp = *i + 4 <= n ? ms_facts__hex(s + *i, 4) : -1;
  if (cp >= 0) *i += 4;
  return cp;
}

/* Appends the value of a string or template body (between the delimiters) to b. */
static void decode(ms_strbuf *b, const char *s, uint32_t n) {
  for (uint32_t i = 0; i < n && b->len <= MS_FACTS__MAX_LITERAL;) {
    char c = s[i];
    if (c == '\r') {
      (void)ms_strbuf_putc(b, '\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || i + 1 >= n) {
      (void)ms_strbuf_putc(b, c);
      i++;
      continue;
    }
    char e = s[i + 1];
    i += 2;
    int64_t cp = -1;
    switch (e) {
      case '\n': break;
      case '\r': if (i < n && s[i] == '\n') i++; break;
      case 'n': cp = 10; break;
      case 't': cp = 9; break;
      case 'r': cp = 13; break;
      case 'b': cp = 8; break;
      case 'f': cp = 12; break;
      case 'v': cp = 11; break;
      case '0': cp = 0; break;
      case 'x':
        cp = i + 2 <= n ? ms_facts__hex(s + i, 2) : -1;
        if (cp >= 0) i += 2;
        else (void)ms_strbuf_putc(b, 'x');
        break;
      case 'u':
        cp = hex_escape(s, n, &i);
        if (cp < 0) {
          (void)ms_strbuf_putc(b, 'u');
        } else if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < n && s[i] == '\\' && s[i + 1] == 'u') {
          uint32_t j = i + 2; /* a surrogate pair written as two escapes */
          int64_t lo = hex_escape(s, n, &j);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i = j;
          }
        }
        break;
      default: (void)ms_strbuf_putc(b, e); /* \\ \' \" \` \$ and identity escapes */
    }
    if (cp >= 0) (void)ms_facts__put_cp(b, (uint32_t)cp);
  }
}

/* For a call that only reshapes text, pushes what it stands for onto the evaluation stack:
 * `s.trim()` (whitespace does not change what a text says), `["a", "b"].join(sep)` and the
 * dedent-style template tags (`dedent\`...\``). False for any other call. */
static bool push_text_call(js *p, TSNode c) {
  TSNode f = field(c, "function"), args = field(c, "arguments");
  if (ms_facts__type(args, "template_string")) { /* a tagged template */
    bool dedent = is(p, f, "dedent") || is(p, f, "outdent") || is(p, f, "stripIndent") || is(p, f, "stripIndents");
    if (dedent) ms_array_push(&p->stack, args);
    return dedent;
  }
  if (!ms_facts__type(f, "member_expression")) return false;
  TSNode recv = field(f, "object"), name = field(f, "property");
  ms_facts__children(args, &p->kids);
  if (p->kids.len == 0 && (is(p, name, "trim") || is(p, name, "trimStart") || is(p, name, "trimEnd"))) {
    ms_array_push(&p->stack, recv);
    return true;
  }
  if (p->kids.len != 1 || !is(p, name, "join") || !ms_facts__type(recv, "array")) return false;
  TSNode sep = p->kids.items[0];
  ms_facts__children(recv, &p->items);
  for (uint32_t i = p->items.len; i > 0; i--) {
    ms_array_push(&p->stack, p->items.items[i - 1]);
    if (i > 1) ms_array_push(&p->stack, sep);
  }
  return true;
}

/* JavaScript's own literal nodes: strings, templates without substitutions and the
 * text-reshaping calls of push_text_call. */
static bool leaf(void *self, TSNode n, const char *t) {
  js *p = self;
  if (strcmp(t, "call_expression") == 0) return push_text_call(p, n);
  if (strcmp(t, "string") != 0 && (strcmp(t, "template_string") != 0 || has_child_type(n, "template_substitution")))
    return false;
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, n, &l);
  if (l < 2) return false;
  decode(&p->sb, s + 1, l - 2);
  return true;
}

static ms_facts__eval evaluator(js *p) {
  static const char *const wrappers[] = {"parenthesized_expression", "as_expression", "satisfies_expression", NULL};
  static const char *const names[] = {"identifier", "shorthand_property_identifier", NULL};
  ms_facts__eval ev = {p->text, p->len, &p->consts, &p->stack, &p->sb, "binary_expression", wrappers, names, leaf, p};
  return ev;
}

/* The value of a string expression built from literals: strings, templates without
 * substitutions, `+`, parentheses, `as const`, names bound exactly once and the
 * text-reshaping calls of push_text_call. Owned, or NULL. */
static char *eval_str(js *p, TSNode node) {
  ms_facts__eval ev = evaluator(p);
  return ms_facts__eval_str(&ev, node);
}

/* A non-negative integer literal, or a name bound to one exactly once; -1 otherwise. */
static int64_t eval_int(js *p, TSNode n) {
  ms_facts__eval ev = evaluator(p);
  return ms_facts__eval_int(&ev, n, "number");
}

/* The value node of property `key` in an object literal (for `{ key }`, the identifier). */
static TSNode property(js *p, TSNode obj, const char *key) {
  if (!ms_facts__type(obj, "object")) return null_node();
  ms_facts__children(obj, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++) {
    TSNode c = p->kids.items[i];
    if (ms_facts__type(c, "shorthand_property_identifier") && is(p, c, key)) return c;
    if (!ms_facts__type(c, "pair")) continue;
    TSNode k = field(c, "key");
    if (ms_facts__type(k, "property_identifier") && is(p, k, key)) return field(c, "value");
    if (ms_facts__type(k, "string")) {
      uint32_t l;
      const char *s = ms_facts__text(p->text, p->len, k, &l);
      if (l == strlen(key) + 2 && memcmp(s + 1, key, l - 2) == 0) return field(c, "value");
    }
  }
  return null_node();
}

/* ---- functions and parameters --------------------------------------------------------------- */

static bool is_function(TSNode n) {
  return ms_facts__type(n, "arrow_function") || ms_facts__type(n, "function_expression") ||
         ms_facts__type(n, "function") || ms_facts__type(n, "generator_function");
}

/* The function a handler argument is: inline, or named by an identifier declared in the
 * file. *name is set to the function's name node (null for anonymous functions). */
static TSNode handler_function(js *p, TSNode n, TSNode *name) {
  *name = null_node();
  for (int steps = 0; steps < 8 && !ts_node_is_null(n); steps++) {
    if (is_function(n)) {
      *name = field(n, "name");
      return n;
    }
    if (ms_facts__type(n, "identifier")) {
      uint32_t l;
      const char *s = ms_facts__text(p->text, p->len, n, &l);
      const ms_facts__name *f = ms_facts__names_find(&p->funcs, s, l);
      if (f == NULL) break;
      *name = n;
      return f->node;
    }
    if (!ms_facts__type(n, "parenthesized_expression") && !ms_facts__type(n, "as_expression") &&
        !ms_facts__type(n, "satisfies_expression"))
      break;
    n = ms_facts__first_child(n);
  }
  return null_node();
}

/* Number of parameters of a function node. Fills p->params with them. */
static uint32_t function_params(js *p, TSNode fn) {
  TSNode single = field(fn, "parameter"); /* `x => ...` */
  ms_array_clear(&p->params);
  if (!ts_node_is_null(single)) {
    ms_array_push(&p->params, single);
    return 1;
  }
  ms_facts__children(field(fn, "parameters"), &p->params);
  return p->params.len;
}

/* Adds the names bound by parameter pattern `param` (an identifier, or a destructuring
 * pattern flattened in source order; TypeScript annotations skipped). */
static void add_pattern(js *p, ms_handler *h, TSNode param) {
  ms_array_clear(&p->stack);
  ms_array_push(&p->stack, param);
  while (p->stack.len > 0) {
    TSNode n = p->stack.items[--p->stack.len];
    const char *t = ts_node_is_null(n) ? "" : ts_node_type(n);
    if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier_pattern") == 0) {
      ms_facts__add_param(h, p->text, p->len, n);
    } else if (strcmp(t, "required_parameter") == 0 || strcmp(t, "optional_parameter") == 0) {
      TSNode pat = field(n, "pattern");
      if (!ts_node_is_null(pat)) ms_array_push(&p->stack, pat);
    } else if (strcmp(t, "pair_pattern") == 0) {
      TSNode v = field(n, "value");
      if (!ts_node_is_null(v)) ms_array_push(&p->stack, v);
    } else if (strcmp(t, "object_assignment_pattern") == 0 || strcmp(t, "assignment_pattern") == 0) {
      TSNode l = field(n, "left");
      if (!ts_node_is_null(l)) ms_array_push(&p->stack, l);
    } else if (strcmp(t, "object_pattern") == 0 || strcmp(t, "array_pattern") == 0 || strcmp(t, "rest_pattern") == 0) {
      ms_facts__children(n, &p->kids);
      for (uint32_t i = p->kids.len; i > 0; i--) ms_array_push(&p->stack, p->kids.items[i - 1]);
    }
  }
}

static enum method method_of(js *p, TSNode prop) {
  static const struct { const char *name; enum method m; } table[] = {
      {"tool", J_TOOL},
      {"registerTool", J_REGISTER_TOOL},
      {"resource", J_RESOURCE},
      {"registerResource", J_REGISTER_RESOURCE},
      {"prompt", J_PROMPT},
      {"registerPrompt", J_REGISTER_PROMPT},
      {"setRequestHandler", J_SET_REQUEST_HANDLER},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (is(p, prop, table[i].name)) return table[i].m;
  return J_NONE;
}

/* A resource's URI argument: sets *uri (owned) for a literal or a ResourceTemplate's
 * pattern; returns 1 for a template, 0 for a fixed URI, -1 when unknown. */
static int resource_uri(js *p, TSNode a, char **uri) {
  if (ms_facts__type(a, "identifier")) { /* `const tpl = new ResourceTemplate(...)` */
    TSNode value = ms_facts__constant(&p->consts, p->text, p->len, a);
    if (ms_facts__type(value, "new_expression")) a = value;
  }
  if (ms_facts__type(a, "new_expression")) {
    if (!is(p, last_name(field(a, "constructor")), "ResourceTemplate")) return -1;
    ms_facts__children(field(a, "arguments"), &p->kids);
    TSNode pattern = p->kids.len > 0 ? p->kids.items[0] : null_node();
    *uri = eval_str(p, pattern);
    return 1;
  }
  *uri = eval_str(p, a);
  return *uri ? 0 : -1;
}

/* The `title` of tool annotations (`annotations: { title, readOnlyHint, ... }`): clients show
 * it in place of the name, and some hand it to the model. */
static void annotations_title(js *p, ms_handler_kind kind, const char *owner, TSNode annotations) {
  TSNode title = property(p, annotations, "title");
  if (!ts_node_is_null(title)) ms_facts__add_text(p->out, kind, MS_META_TITLE, owner, NULL, eval_str(p, title), title);
}

/* `x.tool(...)` and the other registrations: a handler when the first argument is a name
 * (CallToolRequestSchema for setRequestHandler) and the last one a function. */
static void registration(js *p, TSNode c, enum method m) {
  TSNode a[4], fname;
  ms_facts__children(field(c, "arguments"), &p->args);
  uint32_t n = p->args.len;
  if (n < 2) return;
  for (uint32_t i = 0; i < 4; i++) a[i] = i < n ? p->args.items[i] : null_node();
  TSNode fn = handler_function(p, p->args.items[n - 1], &fname);
  if (ts_node_is_null(fn)) return;
  ms_handler h;
  memset(&h, 0, sizeof h);
  h.decl_line = ms_facts__line(c);
  uint32_t input = 0; /* which parameter carries the inputs; UINT32_MAX: none */
  TSNode desc = null_node();
  if (m == J_SET_REQUEST_HANDLER) {
    if (!is(p, last_name(a[0]), "CallToolRequestSchema")) return;
    h.name = ms_xstrdup("*");
    h.low_level = true;
  } else {
    h.name = eval_str(p, a[0]);
    if (h.name == NULL) return;
  }
  switch (m) {
    case J_TOOL:
    case J_PROMPT:
      if (n >= 3 && !ms_facts__type(a[1], "object")) desc = a[1];
      break;
    case J_REGISTER_TOOL:
    case J_REGISTER_PROMPT:
      if (n >= 3) desc = property(p, a[1], "description");
      break;
    case J_RESOURCE:
    case J_REGISTER_RESOURCE: {
      int template = n >= 3 ? resource_uri(p, a[1], &h.uri) : -1;
      if (n >= 4) desc = property(p, a[2], "description");
      /* Template handlers get (uri, variables); a fixed URI's handler has no inputs. */
      input = template == 1 || (template < 0 && function_params(p, fn) >= 2) ? 1 : UINT32_MAX;
      break;
    }
    default: break;
  }
  h.kind = m == J_RESOURCE || m == J_REGISTER_RESOURCE ? MS_HANDLER_RESOURCE
           : m == J_PROMPT || m == J_REGISTER_PROMPT   ? MS_HANDLER_PROMPT
                                                       : MS_HANDLER_TOOL;
  if (h.kind == MS_HANDLER_TOOL && !h.low_level)
    ms_facts__add_text(p->out, h.kind, MS_META_NAME, h.name, NULL, ms_xstrdup(h.name), a[0]);
  if (!ts_node_is_null(desc)) h.description = eval_str(p, desc);
  if (h.description)
    ms_facts__add_text(p->out, h.kind, MS_META_DESCRIPTION, h.name, NULL, ms_xstrdup(h.description), desc);
  if (m == J_REGISTER_TOOL || m == J_REGISTER_PROMPT || m == J_REGISTER_RESOURCE) {
    TSNode title = property(p, m == J_REGISTER_RESOURCE ? a[2] : a[1], "title");
    if (!ts_node_is_null(title)) ms_facts__add_text(p->out, h.kind, MS_META_TITLE, h.name, NULL, eval_str(p, title), title);
    if (m == J_REGISTER_TOOL) annotations_title(p, h.kind, h.name, property(p, a[1], "annotations"));
  } else if (m == J_TOOL && n >= 4) { /* server.tool(name, [description,] [schema,] annotations, cb) */
    annotations_title(p, h.kind, h.name, p->args.items[n - 2]);
  }
  if (!h.low_level) {
    registration_span reg = {ts_node_start_byte(c), ts_node_end_byte(c), h.kind, ms_xstrdup(h.name)};
    ms_array_push(&p->regs, reg);
  }
  ms_facts__set_function(&h, p->text, p->len, fn, fname);
  if (input != UINT32_MAX && input < function_params(p, fn)) add_pattern(p, &h, p->params.items[input]);
  ms_array_push(&p->out->handlers, h);
}

/* ---- metadata outside registrations ---------------------------------------------------------- */

/* The name a property key stands for (`path`, `"path"`), or NULL (an ms_facts__eval_fn). Owned. */
static char *key_name(void *self, TSNode key) {
  js *p = self;
  if (ms_facts__type(key, "property_identifier")) return ms_facts__dup(p->text, p->len, key);
  return ms_facts__type(key, "string") ? eval_str(p, key) : NULL;
}

static char *eval_value(void *self, TSNode value) { return eval_str(self, value); }

/* The `description`s of a JSON schema written as an object literal. */
static void schema_texts(js *p, ms_handler_kind kind, const char *owner, TSNode schema) {
  if (ms_facts__type(schema, "object"))
    ms_facts__schema_texts(p->out, schema, &p->pairs, key_name, eval_value, p, kind, owner);
}

/* An object literal that describes a tool (`{ name, description, inputSchema }`), a resource
 * (`{ uri | uriTemplate, name, description }`) or a prompt (`{ name, description, arguments }`)
 * as low-level `ListTools`/`ListResources`/`ListPrompts` handlers return them. */
static void meta_object(js *p, TSNode obj) {
  TSNode name = property(p, obj, "name");
  if (ts_node_is_null(name)) return; /* most objects: one pass over the properties */
  TSNode desc = property(p, obj, "description"), title = property(p, obj, "title");
  if (ts_node_is_null(desc) && ts_node_is_null(title)) return;
  TSNode schema = property(p, obj, "inputSchema"), args = property(p, obj, "arguments");
  ms_handler_kind kind;
  if (!ts_node_is_null(schema)) kind = MS_HANDLER_TOOL;
  else if (!ts_node_is_null(property(p, obj, "uri")) || !ts_node_is_null(property(p, obj, "uriTemplate")))
    kind = MS_HANDLER_RESOURCE;
  else if (ms_facts__type(args, "array")) kind = MS_HANDLER_PROMPT;
  else return;
  char *owner = eval_str(p, name);
  if (owner == NULL) return;
  if (!ts_node_is_null(desc)) ms_facts__add_text(p->out, kind, MS_META_DESCRIPTION, owner, NULL, eval_str(p, desc), desc);
  if (!ts_node_is_null(title)) ms_facts__add_text(p->out, kind, MS_META_TITLE, owner, NULL, eval_str(p, title), title);
  if (kind == MS_HANDLER_TOOL) ms_facts__add_text(p->out, kind, MS_META_NAME, owner, NULL, ms_xstrdup(owner), name);
  if (kind == MS_HANDLER_TOOL) annotations_title(p, kind, owner, property(p, obj, "annotations"));
  if (kind == MS_HANDLER_TOOL) schema_texts(p, kind, owner, schema);
  ms_facts__children(args, &p->pairs);
  for (uint32_t i = 0; kind == MS_HANDLER_PROMPT && i < p->pairs.len; i++) {
    TSNode arg = p->pairs.items[i], d = property(p, arg, "description");
    char *pname = ts_node_is_null(d) ? NULL : eval_str(p, property(p, arg, "name"));
    if (!ts_node_is_null(d)) ms_facts__add_text(p->out, kind, MS_META_PARAM, owner, pname, eval_str(p, d), d);
    ms_free(pname);
  }
  ms_free(owner);
}

/* True when a `.describe(...)` call is zod's: its receiver chain starts at `z` (`z.string()
 * .min(1).describe(...)`). */
static bool is_zod_describe(js *p, TSNode call) {
  TSNode n = field(field(call, "function"), "object");
  for (int steps = 0; steps < 64 && !ts_node_is_null(n); steps++) {
    if (ms_facts__type(n, "identifier")) return is(p, n, "z") || is(p, n, "zod");
    if (ms_facts__type(n, "call_expression")) n = field(n, "function");
    else if (ms_facts__type(n, "member_expression")) n = field(n, "object");
    else return false;
  }
  return false;
}

/* `z.string().describe("...")`: the description of the property (or variable) it is the
 * schema of; the owner is the registration whose arguments hold it. */
static void zod_describe(js *p, TSNode call) {
  ms_facts__children(field(call, "arguments"), &p->pairs);
  if (p->pairs.len == 0) return;
  TSNode arg = p->pairs.items[0], key = null_node();
  for (TSNode n = ts_node_parent(call); !ts_node_is_null(n) && ts_node_is_null(key); n = ts_node_parent(n)) {
    const char *t = ts_node_type(n);
    if (strcmp(t, "pair") == 0) key = field(n, "key");
    else if (strcmp(t, "variable_declarator") == 0) key = field(n, "name");
    else if (strcmp(t, "call_expression") != 0 && strcmp(t, "member_expression") != 0 && strcmp(t, "arguments") != 0)
      break;
  }
  char *param = ms_facts__type(key, "identifier") ? ms_facts__dup(p->text, p->len, key) : key_name(p, key);
  const registration_span *owner = NULL;
  uint32_t s = ts_node_start_byte(call), e = ts_node_end_byte(call);
  for (uint32_t i = 0; i < p->regs.len; i++) /* the innermost registration around it */
    if (p->regs.items[i].start_byte <= s && e <= p->regs.items[i].end_byte) owner = &p->regs.items[i];
  ms_facts__add_text(p->out, owner ? owner->kind : MS_HANDLER_TOOL, MS_META_PARAM, owner ? owner->name : NULL, param,
                     eval_str(p, arg), arg);
  ms_free(param);
}

/* ---- transports ----------------------------------------------------------------------------- */

static void transport(js *p, TSNode n) {
  TSNode name = last_name(field(n, "constructor"));
  ms_transport t = {MS_TRANSPORT_STDIO, ms_facts__line(n), ms_facts__col(n), NULL, -1, 0, false};
  if (is(p, name, "StdioServerTransport")) t.kind = MS_TRANSPORT_STDIO;
  else if (is(p, name, "SSEServerTransport")) t.kind = MS_TRANSPORT_SSE;
  else if (is(p, name, "StreamableHTTPServerTransport")) t.kind = MS_TRANSPORT_STREAMABLE_HTTP;
  else if (is(p, name, "ProxyOAuthServerProvider")) {
    ms_facts__add_auth(p->out, n, "ProxyOAuthServerProvider");
    return;
  } else {
    return;
  }
  t.site = ms_facts_add_site(p->out, ts_node_start_byte(n), ts_node_end_byte(n));
  ms_array_push(&p->out->transports, t);
}

/* `x.listen(port[, host][, cb])` or `x.listen({ port, host })`: remembers the first call
 * that shows a literal port or host. */
static void listen_call(js *p, TSNode c) {
  if (p->listen_seen) return;
  ms_facts__children(field(c, "arguments"), &p->args);
  if (p->args.len == 0) return;
  TSNode a0 = p->args.items[0], a1 = p->args.len > 1 ? p->args.items[1] : null_node();
  TSNode host = a1, port = a0;
  if (ms_facts__type(a0, "object")) {
    port = property(p, a0, "port");
    host = property(p, a0, "host");
  }
  p->listen_port = eval_int(p, port);
  p->listen_host = ts_node_is_null(host) || is_function(host) ? NULL : eval_str(p, host);
  p->listen_seen = p->listen_port >= 0 || p->listen_host != NULL;
}

/* ---- security configuration ----------------------------------------------------------------- */

/* True when the string value of n equals s, ignoring case. */
static bool str_is(js *p, TSNode n, const char *s) {
  char *v = ms_facts__type(n, "string") || ms_facts__type(n, "template_string") ? eval_str(p, n) : NULL;
  bool r = v != NULL && strcasecmp(v, s) == 0;
  ms_free(v);
  return r;
}

/* The host of a listener: a literal, or the default of `process.env.HOST || "0.0.0.0"` /
 * `?? "0.0.0.0"`. Owned, or NULL. */
static char *eval_host(js *p, TSNode v) {
  if (ms_facts__type(v, "identifier")) { /* const HOST = process.env.HOST || "0.0.0.0" */
    TSNode value = ms_facts__constant(&p->consts, p->text, p->len, v);
    if (ms_facts__type(value, "binary_expression")) v = value;
  }
  if (ms_facts__type(v, "binary_expression") &&
      (is(p, field(v, "operator"), "||") || is(p, field(v, "operator"), "??")))
    v = field(v, "right");
  return ts_node_is_null(v) || is_function(v) ? NULL : eval_str(p, v);
}

/* `x.listen(port[, host][, cb])` / `x.listen({ port, host })`: Node binds every interface
 * when no host is given. A string first argument is a Unix socket path: no bind. */
static void listen_bind(js *p, TSNode c) {
  ms_facts__children(field(c, "arguments"), &p->args);
  if (p->args.len == 0) return;
  TSNode a0 = p->args.items[0], a1 = p->args.len > 1 ? p->args.items[1] : null_node(), port = a0, host = a1;
  if (ms_facts__type(a0, "string") || ms_facts__type(a0, "template_string") || is_function(a0)) return;
  if (ms_facts__type(a0, "object")) {
    port = property(p, a0, "port");
    host = property(p, a0, "host");
    if (ts_node_is_null(port) && ts_node_is_null(host)) return;
  }
  bool given = !ts_node_is_null(host) && !is_function(host);
  char *h = given ? eval_host(p, host) : NULL;
  bool all = given ? h != NULL && ms_facts__all_interfaces(h) : true;
  ms_facts__add_bind(p->out, c, "listen()", h, eval_int(p, port), all);
}

/* @hono/node-server `serve({ fetch: app.fetch, port, hostname })` */
static void serve_bind(js *p, TSNode c) {
  ms_facts__children(field(c, "arguments"), &p->args);
  TSNode o = p->args.len ? p->args.items[0] : null_node();
  if (ts_node_is_null(property(p, o, "fetch"))) return;
  TSNode host = property(p, o, "hostname");
  char *h = ts_node_is_null(host) ? NULL : eval_host(p, host);
  bool all = ts_node_is_null(host) || (h != NULL && ms_facts__all_interfaces(h));
  ms_facts__add_bind(p->out, c, "serve()", h, eval_int(p, property(p, o, "port")), all);
}

/* An `origin` option that admits whatever origin asks: `(origin, cb) => cb(null, origin)`,
 * `(o, cb) => cb(null, true)` (a function that decides nothing), or the regex `/.*\/`. */
static bool accepts_every_origin(js *p, TSNode origin) {
  if (ms_facts__type(origin, "regex")) {
    TSNode pat = field(origin, "pattern");
    return is(p, pat, ".*") || is(p, pat, ".+") || is(p, pat, "^.*$");
  }
  if (!ms_facts__type(origin, "arrow_function")) return false;
  TSNode params = field(origin, "parameters"), body = field(origin, "body");
  if (!ms_facts__type(body, "call_expression")) return false; /* a block decides something */
  ms_facts__children(params, &p->kids);
  if (p->kids.len < 2) return false;
  TSNode first = p->kids.items[0], cb = p->kids.items[1];
  if (ms_facts__type(first, "required_parameter")) first = field(first, "pattern");
  if (ms_facts__type(cb, "required_parameter")) cb = field(cb, "pattern");
  uint32_t fl, cl, gl;
  const char *fs = ms_facts__text(p->text, p->len, first, &fl), *cs = ms_facts__text(p->text, p->len, cb, &cl);
  TSNode callee = field(body, "function");
  const char *gs = ms_facts__text(p->text, p->len, callee, &gl);
  if (gl != cl || memcmp(gs, cs, cl) != 0) return false;
  ms_facts__children(field(body, "arguments"), &p->kids);
  if (p->kids.len != 2) return false;
  TSNode allowed = p->kids.items[1];
  uint32_t al;
  const char *as = ms_facts__text(p->text, p->len, allowed, &al);
  return is(p, allowed, "true") || (al == fl && memcmp(as, fs, fl) == 0);
}

/* `cors()` (every origin, the package's default), `cors({ origin: "*" | true, credentials })`. */
static void cors_call(js *p, TSNode c) {
  ms_facts__children(field(c, "arguments"), &p->args);
  TSNode o = p->args.len ? p->args.items[0] : null_node();
  if (p->args.len && !ms_facts__type(o, "object")) return; /* a delegate or a variable: unknown */
  TSNode origin = property(p, o, "origin");
  bool creds = is(p, property(p, o, "credentials"), "true");
  if (ts_node_is_null(origin)) ms_facts__add_cors(p->out, c, "cors()", false, creds);
  else if (str_is(p, origin, "*")) ms_facts__add_cors(p->out, c, "origin: \"*\"", false, creds);
  else if (is(p, origin, "true")) ms_facts__add_cors(p->out, c, "origin: true", true, creds);
  else if (accepts_every_origin(p, origin)) ms_facts__add_cors(p->out, c, "origin: <request Origin>", true, creds);
}

/* `res.setHeader("Access-Control-Allow-Origin", "*" | req.headers.origin)` and the
 * Allow-Credentials header (applied to the file's header-set policies afterwards). */
static void cors_header(js *p, TSNode c, uint32_t *header_cors, bool *header_creds) {
  ms_facts__children(field(c, "arguments"), &p->args);
  if (p->args.len < 2) return;
  TSNode name = p->args.items[0], value = p->args.items[1];
  if (str_is(p, name, "Access-Control-Allow-Credentials")) {
    *header_creds |= str_is(p, value, "true") || is(p, value, "true");
    return;
  }
  if (!str_is(p, name, "Access-Control-Allow-Origin")) return;
  uint32_t l;
  const char *v = ms_facts__text(p->text, p->len, value, &l);
  bool reflects = !ms_facts__type(value, "string") && l >= 6 && memmem(v, l, "origin", 6) != NULL;
  if (!reflects && !str_is(p, value, "*")) return;
  if (*header_cors == UINT32_MAX) *header_cors = p->out->cors.len;
  ms_facts__add_cors(p->out, c, reflects ? "Access-Control-Allow-Origin: <request Origin>" : "Access-Control-Allow-Origin: *",
                     reflects, false);
}

/* Calls that set up authentication by themselves (security_call records them). */
static const char *const auth_calls[] = {"requireBearerAuth", "mcpAuthRouter", "bearerAuth", "basicAuth", "jwt", NULL};

/* Middleware given to `app.use(...)` / `app.post("/mcp", mw, handler)` whose name says auth
 * (calls of auth_calls and passport.authenticate are recorded as calls, not again here). */
static void route_middleware(js *p, TSNode c, bool use) {
  ms_facts__children(field(c, "arguments"), &p->args);
  uint32_t n = use ? p->args.len : (p->args.len > 0 ? p->args.len - 1 : 0);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = p->args.items[i], name = a;
    bool call = ms_facts__type(a, "call_expression");
    if (call) name = field(a, "function");
    if (ms_facts__type(name, "member_expression")) name = field(name, "property");
    bool recorded = false;
    for (const char *const *k = auth_calls; call && *k; k++) recorded |= is(p, name, *k);
    if (recorded || (call && is(p, name, "authenticate"))) break;
    if (!ms_facts__type(name, "identifier") && !ms_facts__type(name, "property_identifier")) continue;
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, name, &l);
    if (!ms_facts__authish(s, l)) continue;
    char *what = ms_xasprintf("middleware `%.*s`", (int)l, s);
    ms_facts__add_auth(p->out, a, what);
    ms_free(what);
    break;
  }
}

/* f is the call's function, member whether it is a member_expression and name its last name. */
static void security_call(js *p, TSNode c, TSNode f, bool member, TSNode name, uint32_t *header_cors, bool *header_creds) {
  static const char *const routes[] = {"get", "post", "all", "put", "delete", "patch", "route", NULL};
  if (ts_node_is_null(name)) return;
  for (const char *const *a = auth_calls; *a; a++) {
    if (!is(p, name, *a)) continue;
    char *what = ms_xasprintf("%s()", *a);
    ms_facts__add_auth(p->out, c, what);
    ms_free(what);
    return;
  }
  if (member && is(p, name, "authenticate") && is(p, field(f, "object"), "passport")) {
    ms_facts__add_auth(p->out, c, "passport.authenticate()");
  } else if (is(p, name, "hostHeaderValidation") || is(p, name, "localhostHostValidation")) {
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, name, &l);
    char *what = ms_xasprintf("%.*s()", (int)l, s);
    ms_facts__add_host_check(p->out, c, true, what);
    ms_free(what);
  } else if (is(p, name, "createMcpExpressApp")) {
    /* Validates Host for loopback hosts (the default) or an allowedHosts list. */
    ms_facts__children(field(c, "arguments"), &p->args);
    TSNode o = p->args.len ? p->args.items[0] : null_node();
    TSNode host = property(p, o, "host");
    char *h = ts_node_is_null(host) ? NULL : eval_str(p, host);
    if (ts_node_is_null(host) || (h && ms_facts__loopback(h)) || !ts_node_is_null(property(p, o, "allowedHosts")))
      ms_facts__add_host_check(p->out, c, true, "createMcpExpressApp()");
    ms_free(h);
  } else if (!member && is(p, name, "cors")) {
    cors_call(p, c);
  } else if (!member && is(p, name, "serve")) {
    serve_bind(p, c);
  } else if (member && is(p, name, "listen")) {
    listen_bind(p, c);
  } else if (member && (is(p, name, "setHeader") || is(p, name, "header") || is(p, name, "set") || is(p, name, "append"))) {
    cors_header(p, c, header_cors, header_creds);
    ms_facts__children(field(c, "arguments"), &p->args);
    if (p->args.len == 1 && str_is(p, p->args.items[0], "authorization"))
      ms_facts__add_auth(p->out, c, "Authorization header check");
  } else if (member && is(p, name, "get")) {
    ms_facts__children(field(c, "arguments"), &p->args);
    if (p->args.len == 1 && str_is(p, p->args.items[0], "authorization"))
      ms_facts__add_auth(p->out, c, "Authorization header check");
    else if (p->args.len >= 2) route_middleware(p, c, false);
  } else if (member && (is(p, name, "use") || is(p, name, "addHook") || is(p, name, "register"))) {
    route_middleware(p, c, true); /* Express/Hono use(), Fastify addHook("onRequest", ...) / register(plugin) */
  } else if (member) {
    for (const char *const *r = routes; *r; r++)
      if (is(p, name, *r)) route_middleware(p, c, false);
  }
}

/* `req.headers.authorization`, `req.headers["authorization"]` */
static void security_member(js *p, TSNode n) {
  bool member = ms_facts__type(n, "member_expression");
  if (member && !is(p, field(n, "property"), "authorization")) return; /* the cheap test first */
  TSNode obj = field(n, "object");
  TSNode last = ms_facts__type(obj, "member_expression") ? field(obj, "property") : obj;
  if (!is(p, last, "headers")) return;
  if (member || str_is(p, field(n, "index"), "authorization")) ms_facts__add_auth(p->out, n, "Authorization header check");
}

/* `enableDnsRebindingProtection: true|false` in a transport's options (wherever the object is). */
static void security_pair(js *p, TSNode n) {
  TSNode k = field(n, "key");
  if (!is(p, k, "enableDnsRebindingProtection") && !str_is(p, k, "enableDnsRebindingProtection")) return;
  TSNode v = field(n, "value");
  if (is(p, v, "true") || is(p, v, "false"))
    ms_facts__add_host_check(p->out, n, is(p, v, "true"),
                             is(p, v, "true") ? "enableDnsRebindingProtection" : "enableDnsRebindingProtection: false");
}

/* ---- modules -------------------------------------------------------------------------------- */

/* A relative module specifier (`import ... from "./app.js"`, `export ... from`, `require("./x")`,
 * `import("./x")`): recorded to link the project's files. */
static void module_ref(js *p, TSNode spec) {
  char *v = ms_facts__type(spec, "string") ? eval_str(p, spec) : NULL;
  if (v && v[0] == '.') ms_facts_add_module(p->out, v, (uint32_t)strlen(v));
  ms_free(v);
}

static void module_call(js *p, TSNode c, TSNode f) {
  if (!ms_facts__type(f, "import") && !(ms_facts__type(f, "identifier") && is(p, f, "require"))) return;
  TSNode a0 = ms_facts__first_child(field(c, "arguments"));
  if (!ts_node_is_null(a0)) module_ref(p, a0);
}

/* ---- the walk ------------------------------------------------------------------------------- */

/* The collected kinds, in walk_types' order (the dispatch switches on the index). */
enum kind {
  K_CALL, K_NEW, K_FUNCTION, K_GENERATOR, K_DECLARATOR, K_ASSIGN, K_AUGMENTED, K_OBJECT, K_PAIR, K_MEMBER,
  K_SUBSCRIPT, K_IMPORT, K_EXPORT, K_COUNT
};

static void index_file(js *p) {
  for (uint32_t i = 0; i < p->nodes.len; i++) {
    TSNode n = p->nodes.items[i], name, value;
    int kind = ms_facts__walk_kind(&ms_facts__js_walk, n);
    uint32_t l;
    const char *s;
    if (kind == K_FUNCTION || kind == K_GENERATOR) {
      name = field(n, "name");
      s = ms_facts__text(p->text, p->len, name, &l);
      if (!ts_node_is_null(name)) ms_facts__names_add(&p->funcs, s, l, n);
    } else if (kind == K_DECLARATOR) {
      name = field(n, "name");
      value = field(n, "value");
      if (!ms_facts__type(name, "identifier")) continue;
      s = ms_facts__text(p->text, p->len, name, &l);
      ms_facts__names_add(&p->consts, s, l, value);
      if (is_function(value)) ms_facts__names_add(&p->funcs, s, l, value);
    } else if (kind == K_ASSIGN || kind == K_AUGMENTED) {
      name = field(n, "left");
      if (!ms_facts__type(name, "identifier")) continue;
      s = ms_facts__text(p->text, p->len, name, &l);
      ms_facts__names_add(&p->consts, s, l, kind == K_ASSIGN ? field(n, "right") : n);
    }
  }
  ms_facts__names_freeze(&p->funcs);
  ms_facts__names_freeze(&p->consts);
}

/* What the walk collects, and the subtrees it need not enter (docs/internals/facts-walk.md).
 * Every collected kind needs one of these tokens in its text: a call `(` or a tagged
 * template's backquote, `new`, `function`, an assignment `=` (also `+=` ...), an object (and
 * its pairs) `{`, a member `.`, a subscript `[`, `import`, `export`, and a declarator the
 * `var`/`let`/`const` of its declaration. */
static const char *const walk_types[K_COUNT + 1] = {
    [K_CALL] = "call_expression", [K_NEW] = "new_expression", [K_FUNCTION] = "function_declaration",
    [K_GENERATOR] = "generator_function_declaration", [K_DECLARATOR] = "variable_declarator",
    [K_ASSIGN] = "assignment_expression", [K_AUGMENTED] = "augmented_assignment_expression", [K_OBJECT] = "object",
    [K_PAIR] = "pair", [K_MEMBER] = "member_expression", [K_SUBSCRIPT] = "subscript_expression",
    [K_IMPORT] = "import_statement", [K_EXPORT] = "export_statement", [K_COUNT] = NULL};
static const char *const walk_words[] = {"new", "function", "var", "let", "const", "import", "export", NULL};
#define WALK_TOKENS "(`={.["
static const char *const substitution[] = {"${", NULL};
static const ms_facts__guard walk_guards[] = {
    /* No named node below but string fragments, escapes, a pattern and flags, names. */
    {"string", NULL, NULL},
    {"regex", NULL, NULL},
    {"import_clause", NULL, NULL},
    {"export_clause", NULL, NULL},
    /* Expressions only inside `${...}`. */
    {"template_string", NULL, substitution},
    /* TypeScript types: `typeof x.y`, computed names, parameter defaults and more can hold
     * collected nodes, but only with one of their tokens. */
    {"type_annotation", WALK_TOKENS, walk_words},
    {"type_arguments", WALK_TOKENS, walk_words},
    {"type_parameters", WALK_TOKENS, walk_words},
    {"property_signature", WALK_TOKENS, walk_words},
    {"union_type", WALK_TOKENS, walk_words},
    {"generic_type", WALK_TOKENS, walk_words},
    /* Expressions, statements and members hold collected nodes only with one of their
     * tokens (searched after the kind's own opening token, e.g. the `(` of arguments). */
    {"arguments", WALK_TOKENS, walk_words},
    {"formal_parameters", WALK_TOKENS, walk_words},
    {"parenthesized_expression", WALK_TOKENS, walk_words},
    {"array", WALK_TOKENS, walk_words},
    {"object_pattern", WALK_TOKENS, walk_words},
    {"array_pattern", WALK_TOKENS, walk_words},
    {"return_statement", WALK_TOKENS, walk_words},
    {"binary_expression", WALK_TOKENS, walk_words},
    {"unary_expression", WALK_TOKENS, walk_words},
    {"spread_element", WALK_TOKENS, walk_words},
    {"template_substitution", WALK_TOKENS, walk_words},
    {"interface_body", WALK_TOKENS, walk_words},
    {"object_type", WALK_TOKENS, walk_words},
    {NULL, NULL, NULL},
};
const ms_facts__walk ms_facts__js_walk = {walk_types, walk_guards};

void ms_facts_extract_javascript(TSNode root, const char *text, uint32_t len, ms_facts *out) {
  js p;
  memset(&p, 0, sizeof p);
  p.text = text;
  p.len = len;
  p.out = out;
  p.first_transport = out->transports.len;
  uint32_t first_text = out->texts.len;
  p.listen_port = -1;
  ms_strbuf_init(&p.sb, MS_STRBUF_UNBOUNDED);
  ms_facts__walk_collect(root, &ms_facts__js_walk, text, len, &p.nodes);
  index_file(&p);
  uint32_t header_cors = UINT32_MAX; /* first CORS policy set by a header */
  bool header_creds = false;
  for (uint32_t i = 0; i < p.nodes.len; i++) {
    TSNode n = p.nodes.items[i];
    /* The node's kind once (the walk's symbol map), not a type test per kind below. */
    int kind = ms_facts__walk_kind(&ms_facts__js_walk, n);
    if (kind == K_NEW) {
      transport(&p, n);
      continue;
    }
    if (kind == K_OBJECT) {
      meta_object(&p, n);
      continue;
    }
    if (kind == K_IMPORT || kind == K_EXPORT) module_ref(&p, field(n, "source"));
    else if (kind == K_PAIR) security_pair(&p, n);
    else if (kind == K_MEMBER || kind == K_SUBSCRIPT) security_member(&p, n);
    if (kind != K_CALL) continue;
    /* The callee's parts once for every check below (field lookups scan the children). */
    TSNode f = field(n, "function");
    bool member = ms_facts__type(f, "member_expression");
    TSNode prop = last_name(f);
    security_call(&p, n, f, member, prop, &header_cors, &header_creds);
    module_call(&p, n, f);
    if (!member) continue;
    enum method m = method_of(&p, prop);
    bool listen = m == J_NONE && is(&p, prop, "listen");
    bool describe = m == J_NONE && !listen && is(&p, prop, "describe");
    if ((m == J_NONE && !listen && !describe) || !ms_facts__type(field(n, "arguments"), "arguments")) continue;
    if (m != J_NONE) registration(&p, n, m);
    else if (listen) listen_call(&p, n);
    else if (is_zod_describe(&p, n)) ms_array_push(&p.describes, n);
  }
  for (uint32_t i = 0; i < p.describes.len; i++) zod_describe(&p, p.describes.items[i]);
  ms_facts__finish_texts(out, first_text);
  for (uint32_t i = header_cors; header_creds && i < out->cors.len; i++)
    out->cors.items[i].credentials |= strncmp(out->cors.items[i].what, "Access-Control", 14) == 0;
  /* The listening address is the HTTP transports' address. */
  for (uint32_t i = p.first_transport; i < out->transports.len; i++) {
    ms_transport *t = &out->transports.items[i];
    if (t->kind == MS_TRANSPORT_STDIO) continue;
    if (p.listen_host && t->host == NULL) t->host = ms_xstrdup(p.listen_host);
    if (t->port < 0) t->port = p.listen_port;
  }
  ms_array_free(&p.nodes);
  ms_array_free(&p.args);
  ms_array_free(&p.kids);
  ms_array_free(&p.params);
  ms_array_free(&p.stack);
  ms_array_free(&p.pairs);
  ms_array_free(&p.items);
  ms_array_free(&p.describes);
  for (uint32_t i = 0; i < p.regs.len; i++) ms_free(p.regs.items[i].name);
  ms_array_free(&p.regs);
  ms_array_free(&p.funcs);
  ms_array_free(&p.consts);
  ms_strbuf_dispose(&p.sb);
  ms_free(p.listen_host);
}
