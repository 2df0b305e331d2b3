/* The MCP model of a Python file: FastMCP/MCPServer/fastmcp handlers (`@x.tool`, `@x.resource`,
 * `@x.prompt`, `x.add_tool(fn)`), low-level `@x.call_tool()` dispatchers, and the transports
 * the file starts (`x.run(...)`, ASGI apps, low-level transports) with their literal bind
 * address. Matching is by name and shape, not by resolved import. Everything is found in one
 * iterative pre-order walk; the work after it is linear in the nodes collected. */
#include "lang/facts.h"

#include <string.h>
#include <strings.h>

#include "lang/facts_p.h"
#include "util/xalloc.h"

enum method { M_NONE, M_TOOL, M_RESOURCE, M_PROMPT, M_CALL_TOOL };

typedef struct binding {
  char *host;   /* owned, NULL when not seen */
  int64_t port; /* -1 when not seen */
} binding;

typedef struct py {
  const char *text;
  uint32_t len;
  ms_facts *out;
  uint32_t first_transport;     /* out->transports.len on entry */
  ms_array(bool) mounted;       /* per new transport: an ASGI app / low-level transport */
  ms_array(bool) high_level;    /* per new transport: set up by a FastMCP method */
  ms_facts__nodes nodes;        /* collected in source order */
  ms_facts__nodes decos, kids, params, stack, pairs, items; /* scratch */
  ms_facts__nodes fields;       /* `Field(...)` calls, examined after the handlers are known */
  ms_facts__names funcs;        /* function name -> function_definition */
  ms_facts__names consts;       /* assigned name -> value */
  ms_facts__names servers;      /* receiver texts of registrations, `x = FastMCP(...)` targets */
  ms_strbuf sb;
  binding ctor;                 /* FastMCP(...)/MCPServer(...) keywords, x.settings.host/port */
  binding uvicorn;              /* uvicorn.run/Config(app, host=..., port=...) */
  bool ctor_security;           /* the constructor is given transport_security=... */
} py;

static TSNode field(TSNode n, const char *name) {
  return ts_node_is_null(n) ? n : ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

static bool is(py *p, TSNode n, const char *s) { return ms_facts__is(p->text, p->len, n, s); }

static bool text_in(py *p, TSNode n, const char *const *set) {
  for (; *set; set++)
    if (is(p, n, *set)) return true;
  return false;
}

/* ---- literals ------------------------------------------------------------------------------- */

/* The code point a `\N{name}` escape names, for the characters that hide text (invisible,
 * bidirectional and tag characters, by name or alias, case-insensitive); -1 for other names,
 * which stay as written. */
static int64_t named_char(const char *s, uint32_t n) {
  static const struct { const char *name; uint32_t cp; } table[] = {
      {"SOFT HYPHEN", 0xAD}, {"SHY", 0xAD}, {"ARABIC LETTER MARK", 0x61C}, {"ALM", 0x61C},
      {"ZERO WIDTH SPACE", 0x200B}, {"ZWSP", 0x200B}, {"ZERO WIDTH NON-JOINER", 0x200C}, {"ZWNJ", 0x200C},
      {"ZERO WIDTH JOINER", 0x200D}, {"ZWJ", 0x200D}, {"LEFT-TO-RIGHT MARK", 0x200E}, {"LRM", 0x200E},
      {"RIGHT-TO-LEFT MARK", 0x200F}, {"RLM", 0x200F}, {"LEFT-TO-RIGHT EMBEDDING", 0x202A}, {"LRE", 0x202A},
      {"RIGHT-TO-LEFT EMBEDDING", 0x202B}, {"RLE", 0x202B}, {"POP DIRECTIONAL FORMATTING", 0x202C},
      {"PDF", 0x202C}, {"LEFT-TO-RIGHT OVERRIDE", 0x202D}, {"LRO", 0x202D}, {"RIGHT-TO-LEFT OVERRIDE", 0x202E},
      {"RLO", 0x202E}, {"WORD JOINER", 0x2060}, {"WJ", 0x2060}, {"LEFT-TO-RIGHT ISOLATE", 0x2066},
      {"LRI", 0x2066}, {"RIGHT-TO-LEFT ISOLATE", 0x2067}, {"RLI", 0x2067}, {"FIRST STRONG ISOLATE", 0x2068},
      {"FSI", 0x2068}, {"POP DIRECTIONAL ISOLATE", 0x2069}, {"PDI", 0x2069},
      {"ZERO WIDTH NO-BREAK SPACE", 0xFEFF}, {"BYTE ORDER MARK", 0xFEFF}, {"BOM", 0xFEFF}, {"ZWNBSP", 0xFEFF},
      {"LANGUAGE TAG", 0xE0001}, {"CANCEL TAG", 0xE007F}, {"TAG SPACE", 0xE0020},
  };
  static const char *const digits[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
  char up[64];
  if (n >= sizeof up) return -1;
  for (uint32_t i = 0; i < n; i++) up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
  up[n] = '\0';
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(up, table[i].name) == 0) return table[i].cp;
  static const char capital[] = "TAG LATIN CAPITAL LETTER ", small[] = "TAG LATIN SMALL LETTER ", digit[] = "TAG DIGIT ";
  if (n == sizeof capital && strncmp(up, capital, n - 1) == 0 && up[n - 1] >= 'A' && up[n - 1] <= 'Z')
    return 0xE0041 + (up[n - 1] - 'A');
  if (n == sizeof small && strncmp(up, small, n - 1) == 0 && up[n - 1] >= 'A' && up[n - 1] <= 'Z')
    return 0xE0061 + (up[n - 1] - 'A');
  if (strncmp(up, digit, sizeof digit - 1) == 0)
    for (int d = 0; d < 10; d++)
      if (strcmp(up + sizeof digit - 1, digits[d]) == 0) return 0xE0030 + d;
  return -1;
}

/* Appends the value of a Python string body (between the quotes) to b. */
static void decode(ms_strbuf *b, const char *s, uint32_t n, bool raw, bool bytes) {
  for (uint32_t i = 0; i < n && b->len <= MS_FACTS__MAX_LITERAL;) {
    char c = s[i];
    if (c == '\r') { /* source newlines read as \n, as Python's reader does */
      (void)ms_strbuf_putc(b, '\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || raw || i + 1 >= n) {
      (void)ms_strbuf_putc(b, c);
      i++;
      continue;
    }
    char e = s[i + 1];
    i += 2;
    int64_t cp = -1;
    uint32_t digits = 0;
    switch (e) {
      case '\n': break;
      case '\r': if (i < n && s[i] == '\n') i++; break;
      case '\\': case '\'': case '"': (void)ms_strbuf_putc(b, e); break;
      case 'a': cp = 7; break;
      case 'b': cp = 8; break;
      case 'f': cp = 12; break;
      case 'n': cp = 10; break;
      case 'r': cp = 13; break;
      case 't': cp = 9; break;
      case 'v': cp = 11; break;
      case 'x': digits = 2; break;
      case 'u': digits = bytes ? 0 : 4; break;
      case 'U': digits = bytes ? 0 : 8; break;
      case 'N': {
        uint32_t close = i;
        while (close < n && close - i < 64 && s[close] != '}') close++;
        if (!bytes && i < n && s[i] == '{' && close < n && s[close] == '}') cp = named_char(s + i + 1, close - i - 1);
        if (cp >= 0) {
          i = close + 1;
        } else { /* other names stay as written */
          (void)ms_strbuf_putc(b, '\\');
          (void)ms_strbuf_putc(b, e);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          cp = e - '0';
          for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++) cp = cp * 8 + (s[i++] - '0');
        } else {
          (void)ms_strbuf_putc(b, '\\'); /* unknown escapes stay as written */
          (void)ms_strbuf_putc(b, e);
        }
    }
    if (digits) {
      cp = i + digits <= n ? ms_facts__hex(s + i, digits) : -1;
      if (cp < 0) {
        (void)ms_strbuf_putc(b, '\\');
        (void)ms_strbuf_putc(b, e);
        continue;
      }
      i += digits;
    }
    if (cp >= 0) (void)ms_facts__put_cp(b, (uint32_t)cp);
  }
}

static bool is_string(TSNode n) {
  return ms_facts__type(n, "string") || ms_facts__type(n, "concatenated_string");
}

/* Appends a `string` node's value; false for f-strings with replacement fields. */
static bool append_string(py *p, TSNode str) {
  uint32_t count = ts_node_child_count(str);
  if (count < 2) return false;
  TSNode start = ts_node_child(str, 0), end = ts_node_child(str, count - 1);
  if (!ms_facts__type(start, "string_start") || !ms_facts__type(end, "string_end")) return false;
  ms_facts__children(str, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++)
    if (ms_facts__type(p->kids.items[i], "interpolation")) return false;
  uint32_t plen;
  const char *prefix = ms_facts__text(p->text, p->len, start, &plen);
  bool raw = false, bytes = false;
  for (uint32_t i = 0; i < plen; i++) {
    raw |= prefix[i] == 'r' || prefix[i] == 'R';
    bytes |= prefix[i] == 'b' || prefix[i] == 'B';
  }
  uint32_t s = ts_node_end_byte(start), e = ts_node_start_byte(end);
  if (e > p->len || s > e) return false;
  decode(&p->sb, p->text + s, e - s, raw, bytes);
  return true;
}

/* For a call that only reshapes text, pushes what it stands for onto the evaluation stack:
 * `textwrap.dedent(s)`, `inspect.cleandoc(s)`, `s.strip()` (whitespace does not change what a
 * text says) and `"sep".join([a, b])`. False for any other call. */
static bool push_text_call(py *p, TSNode c) {
  TSNode f = field(c, "function"), name = f, recv = {{0, 0, 0, 0}, NULL, NULL};
  if (ms_facts__type(f, "attribute")) {
    recv = field(f, "object");
    name = field(f, "attribute");
  }
  ms_facts__children(field(c, "arguments"), &p->kids);
  uint32_t n = p->kids.len;
  TSNode a0 = n == 1 ? p->kids.items[0] : recv;
  if (n == 1 && ms_facts__type(a0, "keyword_argument")) return false;
  if ((is(p, name, "dedent") || is(p, name, "cleandoc")) && n == 1) {
    ms_array_push(&p->stack, a0);
  } else if (!ts_node_is_null(recv) && n == 0 && (is(p, name, "strip") || is(p, name, "lstrip") || is(p, name, "rstrip"))) {
    ms_array_push(&p->stack, recv);
  } else if (is_string(recv) && is(p, name, "join") && n == 1 &&
             (ms_facts__type(a0, "list") || ms_facts__type(a0, "tuple"))) {
    ms_facts__children(a0, &p->items);
    for (uint32_t i = p->items.len; i > 0; i--) {
      ms_array_push(&p->stack, p->items.items[i - 1]);
      if (i > 1) ms_array_push(&p->stack, recv);
    }
  } else {
    return false;
  }
  return true;
}

/* The value of a string expression built from literals: strings, implicit and `+`
 * concatenation, parentheses, names assigned exactly once and the text-reshaping calls of
 * push_text_call. Owned, or NULL. */
static char *eval_str(py *p, TSNode node) {
  bool bad = ts_node_is_null(node);
  uint32_t steps = 0;
  ms_array_clear(&p->stack);
  ms_strbuf_clear(&p->sb);
  if (!bad) ms_array_push(&p->stack, node);
  while (!bad && p->stack.len > 0) {
    TSNode n = p->stack.items[--p->stack.len];
    const char *t = ts_node_is_null(n) ? "" : ts_node_type(n);
    if (++steps > MS_FACTS__EVAL_BUDGET || p->sb.len > MS_FACTS__MAX_LITERAL || *t == '\0') {
      bad = true;
    } else if (strcmp(t, "string") == 0) {
      bad = !append_string(p, n);
    } else if (strcmp(t, "concatenated_string") == 0) {
      ms_facts__children(n, &p->kids);
      for (uint32_t i = p->kids.len; i > 0; i--) ms_array_push(&p->stack, p->kids.items[i - 1]);
    } else if (strcmp(t, "parenthesized_expression") == 0) {
      TSNode inner = ms_facts__first_child(n);
      bad = ts_node_is_null(inner);
      if (!bad) ms_array_push(&p->stack, inner);
    } else if (strcmp(t, "binary_operator") == 0 && is(p, field(n, "operator"), "+")) {
      ms_array_push(&p->stack, field(n, "right"));
      ms_array_push(&p->stack, field(n, "left"));
    } else if (strcmp(t, "identifier") == 0) {
      TSNode value = ms_facts__constant(&p->consts, p->text, p->len, n);
      bad = ts_node_is_null(value);
      if (!bad) ms_array_push(&p->stack, value);
    } else if (strcmp(t, "call") == 0) {
      bad = !push_text_call(p, n);
    } else {
      bad = true;
    }
  }
  return ms_facts__finish(&p->sb, bad || p->sb.len > MS_FACTS__MAX_LITERAL);
}

/* A non-negative integer literal, or a name assigned one exactly once; -1 otherwise. */
static int64_t eval_int(py *p, TSNode n) {
  for (uint32_t steps = 0; !ts_node_is_null(n) && steps < MS_FACTS__EVAL_BUDGET; steps++) {
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, n, &l);
    if (ms_facts__type(n, "integer")) return ms_facts__decimal(s, l);
    if (ms_facts__type(n, "parenthesized_expression")) {
      n = ms_facts__first_child(n);
    } else if (ms_facts__type(n, "identifier")) {
      n = ms_facts__constant(&p->consts, p->text, p->len, n);
    } else {
      return -1;
    }
  }
  return -1;
}

/* ---- calls and arguments -------------------------------------------------------------------- */

/* The value of keyword argument `name` in an argument_list, or a null node. */
static TSNode kwarg(py *p, TSNode args, const char *name) {
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
static TSNode posarg(py *p, TSNode args, uint32_t i) {
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
static bool callee(TSNode call, TSNode *recv, TSNode *name) {
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

static enum method method_named(py *p, TSNode name) {
  if (is(p, name, "tool")) return M_TOOL;
  if (is(p, name, "resource")) return M_RESOURCE;
  if (is(p, name, "prompt")) return M_PROMPT;
  return M_NONE;
}

/* Which MCP registration a decorator is (`@x.tool`, `@x.tool(...)`, ...); sets call (null
 * for a bare attribute) and the receiver x. */
static enum method decorator_method(py *p, TSNode deco, TSNode *call, TSNode *recv) {
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

static void add_server(py *p, TSNode recv) {
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, recv, &l);
  if (!ts_node_is_null(recv)) ms_facts__names_add(&p->servers, s, l, recv);
}

static bool known_server(py *p, TSNode recv) {
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
static void add_params(py *p, ms_handler *h, TSNode fn) {
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
    if (ms_facts__type(dflt, "call") && callee(dflt, &recv, &dname) && is(p, dname, "Depends")) continue;
    seen++;
    if (!h->low_level || seen == 2) ms_facts__add_param(h, p->text, p->len, name);
  }
}

/* The function's docstring, cleaned; *node is set to its string. */
static char *docstring(py *p, TSNode fn, TSNode *node) {
  TSNode st = ms_facts__first_child(field(fn, "body"));
  if (!ms_facts__type(st, "expression_statement")) return NULL;
  TSNode s = ms_facts__first_child(st);
  if (!is_string(s)) return NULL;
  *node = s;
  char *d = eval_str(p, s);
  return d ? ms_facts__cleandoc(d) : NULL;
}

/* A handler for function fn registered as m by `call` (the decorator or add_tool call; null
 * for a bare `@x.tool`). by_reference: `x.add_tool(fn, ...)` / `x.tool()(fn)`, whose first
 * positional argument is the function, not the name. */
static void add_handler(py *p, enum method m, TSNode call, TSNode fn, uint32_t decl_line, bool by_reference) {
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
    TSNode v = kwarg(p, args, "name"), name_node = v;
    if (!ts_node_is_null(v)) h.name = eval_str(p, v);
    if (h.name == NULL && ts_node_is_null(v) && !by_reference && m != M_RESOURCE) {
      TSNode a0 = posarg(p, args, 0); /* fastmcp's @x.tool("name") */
      if (is_string(a0)) h.name = eval_str(p, a0), name_node = a0;
    }
    if (h.name == NULL && !ts_node_is_null(fname)) h.name = ms_facts__dup(p->text, p->len, fname), name_node = fname;
    if (h.name && h.kind == MS_HANDLER_TOOL)
      ms_facts__add_text(p->out, h.kind, MS_META_NAME, h.name, NULL, ms_xstrdup(h.name), name_node);
    TSNode d = kwarg(p, args, "description"), title = kwarg(p, args, "title");
    h.description = ts_node_is_null(d) ? docstring(p, fn, &d) : eval_str(p, d);
    if (h.description)
      ms_facts__add_text(p->out, h.kind, MS_META_DESCRIPTION, h.name, NULL, ms_xstrdup(h.description), d);
    if (!ts_node_is_null(title))
      ms_facts__add_text(p->out, h.kind, MS_META_TITLE, h.name, NULL, eval_str(p, title), title);
  }
  if (m == M_RESOURCE) {
    TSNode u = kwarg(p, args, "uri");
    if (ts_node_is_null(u)) u = posarg(p, args, 0);
    if (!ts_node_is_null(u)) h.uri = eval_str(p, u);
  }
  add_params(p, &h, fn);
  ms_array_push(&p->out->handlers, h);
}

static void decorated(py *p, TSNode dd) {
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
static TSNode function_named(py *p, TSNode id) {
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
  return is_string(key) ? eval_str(self, key) : NULL;
}

static char *eval_value(void *self, TSNode value) { return eval_str(self, value); }

/* The `"description"`s of a JSON schema written as a dict literal. */
static void schema_texts(py *p, ms_handler_kind kind, const char *owner, TSNode schema) {
  if (ms_facts__type(schema, "dictionary"))
    ms_facts__schema_texts(p->out, schema, &p->pairs, key_name, eval_value, p, kind, owner);
}

/* `types.Tool(name=..., title=..., description=..., inputSchema={...})`, and the same for
 * Resource, ResourceTemplate, Prompt and PromptArgument: the metadata a low-level
 * `list_tools` (list_resources, list_prompts) handler returns. */
static void meta_ctor(py *p, TSNode c, TSNode name) {
  TSNode args = field(c, "arguments"), n = kwarg(p, args, "name");
  if (ts_node_is_null(n)) return; /* the SDK's models take keywords only */
  char *owner = eval_str(p, n);
  ms_handler_kind kind = is(p, name, "Tool") ? MS_HANDLER_TOOL
                         : is(p, name, "Prompt") || is(p, name, "PromptArgument") ? MS_HANDLER_PROMPT
                                                                                   : MS_HANDLER_RESOURCE;
  TSNode d = kwarg(p, args, "description"), t = kwarg(p, args, "title");
  if (is(p, name, "PromptArgument")) { /* its prompt: `Prompt(name=..., arguments=[PromptArgument(...)])` */
    char *prompt = NULL;
    TSNode up = ts_node_parent(c), recv, fn;
    for (int depth = 0; depth < 6 && !ts_node_is_null(up) && prompt == NULL; depth++, up = ts_node_parent(up))
      if (ms_facts__type(up, "call") && callee(up, &recv, &fn) && is(p, fn, "Prompt"))
        prompt = eval_str(p, kwarg(p, field(up, "arguments"), "name"));
    if (!ts_node_is_null(d)) ms_facts__add_text(p->out, kind, MS_META_PARAM, prompt, owner, eval_str(p, d), d);
    ms_free(prompt);
  } else {
    if (owner && kind == MS_HANDLER_TOOL) ms_facts__add_text(p->out, kind, MS_META_NAME, owner, NULL, ms_xstrdup(owner), n);
    if (!ts_node_is_null(d)) ms_facts__add_text(p->out, kind, MS_META_DESCRIPTION, owner, NULL, eval_str(p, d), d);
    if (!ts_node_is_null(t)) ms_facts__add_text(p->out, kind, MS_META_TITLE, owner, NULL, eval_str(p, t), t);
    TSNode schema = kwarg(p, args, "inputSchema");
    if (ts_node_is_null(schema)) schema = kwarg(p, args, "input_schema");
    schema_texts(p, kind, owner, schema);
  }
  ms_free(owner);
}

/* `ToolAnnotations(title=...)`: clients show the title in place of the tool's name. Its tool
 * is the `Tool(name=...)` or decorator call around it (`@mcp.tool(annotations=...)`: the
 * `name=` given there, else the decorated function's name). */
static void annotations_title(py *p, TSNode c) {
  TSNode t = kwarg(p, field(c, "arguments"), "title");
  if (ts_node_is_null(t)) return;
  char *owner = NULL;
  TSNode up = ts_node_parent(c);
  for (int depth = 0; depth < 8 && !ts_node_is_null(up) && owner == NULL; depth++, up = ts_node_parent(up)) {
    if (ms_facts__type(up, "call")) {
      TSNode n = kwarg(p, field(up, "arguments"), "name");
      if (!ts_node_is_null(n)) owner = eval_str(p, n);
    } else if (ms_facts__type(up, "decorated_definition")) {
      TSNode fname = field(field(up, "definition"), "name");
      if (!ts_node_is_null(fname)) owner = ms_facts__dup(p->text, p->len, fname);
    }
  }
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_TITLE, owner, NULL, eval_str(p, t), t);
  ms_free(owner);
}

/* The value of a dict literal's entry whose key is the plain string literal `key`, or a null node. */
static TSNode dict_value(py *p, TSNode dict, const char *key) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  size_t n = strlen(key);
  ms_facts__children(dict, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++) {
    TSNode pair = p->kids.items[i], k = field(pair, "key");
    uint32_t l;
    const char *s = ms_facts__text(p->text, p->len, k, &l);
    if (ms_facts__type(pair, "pair") && ms_facts__type(k, "string") && l == n + 2 && (s[0] == '"' || s[0] == '\'') &&
        memcmp(s + 1, key, n) == 0)
      return field(pair, "value");
  }
  return none;
}

/* A tool defined as a dict literal (`{"name": ..., "description": ..., "inputSchema": {...}}`,
 * also `input_schema` and function-calling `parameters`), as low-level servers and tool
 * registries build them. */
static void meta_dict(py *p, TSNode dict) {
  TSNode name = dict_value(p, dict, "name"), desc = dict_value(p, dict, "description");
  TSNode schema = dict_value(p, dict, "inputSchema");
  if (ts_node_is_null(schema)) schema = dict_value(p, dict, "input_schema");
  if (ts_node_is_null(schema)) schema = dict_value(p, dict, "parameters");
  if (ts_node_is_null(name) || ts_node_is_null(desc) || !ms_facts__type(schema, "dictionary")) return;
  char *owner = eval_str(p, name);
  if (owner == NULL) return;
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_NAME, owner, NULL, ms_xstrdup(owner), name);
  ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_DESCRIPTION, owner, NULL, eval_str(p, desc), desc);
  TSNode title = dict_value(p, dict, "title");
  if (!ts_node_is_null(title)) ms_facts__add_text(p->out, MS_HANDLER_TOOL, MS_META_TITLE, owner, NULL, eval_str(p, title), title);
  schema_texts(p, MS_HANDLER_TOOL, owner, schema);
  ms_free(owner);
}

/* `Field(description=...)` (also inside `Annotated[...]`): the description of the parameter or
 * model field it is the default or annotation of; the owner is the handler around it. */
static void field_call(py *p, TSNode c) {
  TSNode d = kwarg(p, field(c, "arguments"), "description");
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
                     eval_str(p, d), d);
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
static bool transport_arg(py *p, TSNode args, bool positional, bool *given, ms_transport_kind *out) {
  TSNode v = kwarg(p, args, "transport");
  if (ts_node_is_null(v) && positional) v = posarg(p, args, 0);
  *given = !ts_node_is_null(v);
  if (!*given) return false;
  char *s = eval_str(p, v);
  bool ok = transport_kind(s, out);
  ms_free(s);
  return ok;
}

static void read_binding(py *p, TSNode args, binding *b) {
  if (b->host == NULL) {
    TSNode h = kwarg(p, args, "host");
    if (!ts_node_is_null(h)) b->host = eval_str(p, h);
  }
  if (b->port < 0) b->port = eval_int(p, kwarg(p, args, "port"));
}

static void add_transport(py *p, TSNode call, ms_transport_kind kind, bool mounted) {
  static const char *const low_level[] = {"SseServerTransport", "StreamableHTTPSessionManager", "stdio_server", NULL};
  ms_transport t = {kind, ms_facts__line(call), ms_facts__col(call), NULL, -1, 0, false};
  TSNode recv, name;
  t.site = ms_facts_add_site(p->out, ts_node_start_byte(call), ts_node_end_byte(call));
  ms_array_push(&p->high_level, !(callee(call, &recv, &name) && text_in(p, name, low_level)));
  if (kind != MS_TRANSPORT_STDIO && !mounted) {
    binding b = {NULL, -1};
    read_binding(p, field(call, "arguments"), &b);
    t.host = b.host;
    t.port = b.port;
  }
  ms_array_push(&p->out->transports, t);
  ms_array_push(&p->mounted, mounted);
}

static void call(py *p, TSNode c) {
  static const char *const http_ctors[] = {"SseServerTransport", "StreamableHTTPSessionManager", NULL};
  static const char *const meta_ctors[] = {"Tool", "Resource", "ResourceTemplate", "Prompt", "PromptArgument", NULL};
  TSNode recv, name;
  if (!callee(c, &recv, &name)) {
    /* `x.tool()(fn)`: the decorator applied by hand. */
    TSNode f = field(c, "function"), inner_recv, fn;
    if (!ms_facts__type(f, "call") || !callee(f, &inner_recv, &name) || ts_node_is_null(inner_recv)) return;
    enum method m = method_named(p, name);
    fn = function_named(p, posarg(p, field(c, "arguments"), 0));
    if (m != M_NONE && !ts_node_is_null(fn)) add_handler(p, m, f, fn, ms_facts__line(c), false);
    return;
  }
  TSNode args = field(c, "arguments");
  bool has_recv = !ts_node_is_null(recv), given;
  ms_transport_kind k = MS_TRANSPORT_STDIO;
  if (has_recv && (is(p, name, "add_tool") || is(p, name, "tool"))) {
    /* `x.add_tool(fn, ...)`, fastmcp's `x.tool(fn)`; never the decorator's own call. */
    TSNode fn = ts_node_is_null(kwarg(p, args, "fn")) ? posarg(p, args, 0) : kwarg(p, args, "fn");
    fn = function_named(p, fn);
    if (!ts_node_is_null(fn) && !ms_facts__type(ts_node_parent(c), "decorator"))
      add_handler(p, M_TOOL, c, fn, ms_facts__line(c), true);
  } else if (has_recv && (is(p, name, "run") || is(p, name, "run_async"))) {
    /* `x.run()` defaults to stdio, but `run` is a common name: without a transport, only
     * for receivers known to be servers, and never low-level `server.run(read, write, ...)`. */
    if (transport_arg(p, args, true, &given, &k)) add_transport(p, c, k, false);
    else if (!given && known_server(p, recv)) add_transport(p, c, MS_TRANSPORT_STDIO, false);
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

/* ---- security configuration ----------------------------------------------------------------- */

static bool is_server_ctor(py *p, TSNode c);

/* A keyword argument given a value other than None. */
static TSNode set_kwarg(py *p, TSNode args, const char *name) {
  TSNode v = kwarg(p, args, name);
  if (is(p, v, "None")) memset(&v, 0, sizeof v);
  return v;
}

/* The keyword_argument node `name=...` (for sites), or a null node. */
static TSNode kwarg_node(py *p, TSNode args, const char *name) {
  TSNode v = kwarg(p, args, name);
  return ts_node_is_null(v) ? v : ts_node_parent(v);
}

/* A host expression's value: a literal, or the default of `os.getenv("HOST", "0.0.0.0")` /
 * `os.environ.get(...)`. Owned, or NULL. */
static char *eval_host(py *p, TSNode v) {
  TSNode recv, name;
  if (ms_facts__type(v, "identifier")) { /* HOST = os.getenv("HOST", "0.0.0.0") */
    TSNode value = ms_facts__constant(&p->consts, p->text, p->len, v);
    if (ms_facts__type(value, "call")) v = value;
  }
  if (ms_facts__type(v, "call") && callee(v, &recv, &name) && (is(p, name, "getenv") || is(p, name, "get")))
    v = posarg(p, field(v, "arguments"), 1);
  return ts_node_is_null(v) ? NULL : eval_str(p, v);
}

/* `host=` of a server constructor, run(...) or uvicorn: a bind. */
static void host_kwarg(py *p, TSNode args, const char *what) {
  TSNode h = kwarg(p, args, "host");
  if (ts_node_is_null(h)) return;
  char *host = eval_host(p, h);
  bool all = host != NULL && ms_facts__all_interfaces(host);
  ms_facts__add_bind(p->out, ts_node_parent(h), what, host, eval_int(p, kwarg(p, args, "port")), all);
}

/* fastmcp 2.x/3.x `host_origin_protection=True|"auto"|False` on the server, run() or http_app(). */
static void origin_protection_kwarg(py *p, TSNode args) {
  TSNode v = set_kwarg(p, args, "host_origin_protection");
  if (ts_node_is_null(v)) return;
  bool off = is(p, v, "False");
  ms_facts__add_host_check(p->out, ts_node_parent(v), !off, off ? "host_origin_protection=False" : "host_origin_protection");
}

/* True for a list/tuple/set literal holding the string "*". */
static bool has_star(py *p, TSNode list) {
  if (!ms_facts__type(list, "list") && !ms_facts__type(list, "tuple") && !ms_facts__type(list, "set")) return false;
  ms_facts__nodes items = MS_ARRAY_INIT;
  ms_facts__children(list, &items);
  bool star = false;
  for (uint32_t i = 0; i < items.len && !star; i++) {
    char *v = is_string(items.items[i]) ? eval_str(p, items.items[i]) : NULL;
    star = v != NULL && strcmp(v, "*") == 0;
    ms_free(v);
  }
  ms_array_free(&items);
  return star;
}

/* `Middleware(X, ...)` / `app.add_middleware(X, ...)`: X decides what it sets up. */
static void middleware(py *p, TSNode c, TSNode args) {
  TSNode cls = posarg(p, args, 0);
  if (ms_facts__type(cls, "attribute")) cls = field(cls, "attribute");
  if (!ms_facts__type(cls, "identifier")) return;
  uint32_t l;
  const char *s = ms_facts__text(p->text, p->len, cls, &l);
  if (is(p, cls, "TrustedHostMiddleware")) {
    ms_facts__add_host_check(p->out, c, true, "TrustedHostMiddleware");
  } else if (is(p, cls, "CORSMiddleware")) {
    TSNode regex = set_kwarg(p, args, "allow_origin_regex");
    char *rx = ts_node_is_null(regex) ? NULL : eval_str(p, regex);
    bool any = has_star(p, kwarg(p, args, "allow_origins")) ||
               (rx && (strcmp(rx, ".*") == 0 || strcmp(rx, ".+") == 0 || strcmp(rx, "^.*$") == 0));
    bool creds = is(p, kwarg(p, args, "allow_credentials"), "True");
    if (any) ms_facts__add_cors(p->out, c, rx ? "allow_origin_regex" : "allow_origins=[\"*\"]", false, creds);
    ms_free(rx);
  } else if (ms_facts__authish(s, l)) {
    char *what = ms_xasprintf("middleware `%.*s`", (int)l, s);
    ms_facts__add_auth(p->out, c, what);
    ms_free(what);
  }
}

static void security_call(py *p, TSNode c) {
  static const char *const run_methods[] = {"run", "run_async", "run_http_async", "run_sse_async",
                                            "run_streamable_http_async", "sse_app", "streamable_http_app",
                                            "http_app", NULL};
  static const char *const auth_kwargs[] = {"auth", "token_verifier", "auth_server_provider", NULL};
  static const char *const auth_classes[] = {"BearerAuthBackend", "RequireAuthMiddleware", NULL};
  TSNode recv, name, args = field(c, "arguments");
  if (!callee(c, &recv, &name)) return;
  bool has_recv = !ts_node_is_null(recv);
  if (is_server_ctor(p, c)) {
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
             ((!is(p, name, "run") && !is(p, name, "run_async")) || known_server(p, recv) ||
              !ts_node_is_null(kwarg(p, args, "transport")))) {
    host_kwarg(p, args, "run()");
    origin_protection_kwarg(p, args);
  } else if (is(p, recv, "uvicorn") && (is(p, name, "run") || is(p, name, "Config"))) {
    host_kwarg(p, args, "uvicorn.run()");
  } else if (is(p, name, "TransportSecuritySettings")) {
    /* enable_dns_rebinding_protection defaults to True in the settings object. */
    TSNode v = kwarg(p, args, "enable_dns_rebinding_protection");
    bool off = is(p, v, "False");
    ms_facts__add_host_check(p->out, off ? kwarg_node(p, args, "enable_dns_rebinding_protection") : c, !off,
                             off ? "enable_dns_rebinding_protection=False" : "TransportSecuritySettings");
  } else if (is(p, name, "Middleware") || (has_recv && is(p, name, "add_middleware"))) {
    middleware(p, c, args);
  } else if (is(p, name, "Depends") || is(p, name, "Security")) {
    /* FastAPI `dependencies=[Depends(verify_token)]` on the app or the MCP router. */
    TSNode dep = posarg(p, args, 0);
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
    char *h = eval_str(p, posarg(p, args, 0));
    if (h && strcasecmp(h, "authorization") == 0) ms_facts__add_auth(p->out, c, "Authorization header check");
    ms_free(h);
  }
}

/* `request.headers["Authorization"]` */
static void security_subscript(py *p, TSNode n) {
  TSNode value = field(n, "value"), key = field(n, "subscript");
  if (!ms_facts__type(value, "attribute") || !is(p, field(value, "attribute"), "headers") || !is_string(key)) return;
  char *h = eval_str(p, key);
  if (h && strcasecmp(h, "authorization") == 0) ms_facts__add_auth(p->out, n, "Authorization header check");
  ms_free(h);
}

/* `response.headers["Access-Control-Allow-Origin"] = "*"` (or the request's own Origin). */
static void cors_header(py *p, TSNode n, TSNode left) {
  TSNode key = field(left, "subscript"), value = field(left, "value"), right = field(n, "right");
  if (!ms_facts__type(value, "attribute") || !is(p, field(value, "attribute"), "headers") || !is_string(key)) return;
  char *h = eval_str(p, key);
  bool acao = h && strcasecmp(h, "Access-Control-Allow-Origin") == 0;
  ms_free(h);
  if (!acao) return;
  uint32_t l;
  const char *v = ms_facts__text(p->text, p->len, right, &l);
  char *lit = is_string(right) ? eval_str(p, right) : NULL;
  bool star = lit && strcmp(lit, "*") == 0, reflects = !lit && memmem(v, l, "origin", 6) != NULL;
  ms_free(lit);
  if (star || reflects)
    ms_facts__add_cors(p->out, n, reflects ? "Access-Control-Allow-Origin: <request Origin>" : "Access-Control-Allow-Origin: *",
                       reflects, false);
}

/* FastMCP v1 `mcp.settings.host = "0.0.0.0"` */
static void security_assignment(py *p, TSNode n) {
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
static void module_names(py *p, TSNode n, TSNode mod) {
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

static void imports(py *p, TSNode n) {
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

/* ---- the walk ------------------------------------------------------------------------------- */

static bool is_server_ctor(py *p, TSNode c) {
  static const char *const ctors[] = {"FastMCP", "MCPServer", NULL};
  TSNode recv, name;
  return ms_facts__type(c, "call") && callee(c, &recv, &name) && text_in(p, name, ctors);
}

/* Definitions, constants, server names and bind settings: everything the second pass looks up. */
static void index_file(py *p) {
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
        if (plain && is_server_ctor(p, right)) add_server(p, left);
      } else if (plain && ms_facts__type(left, "attribute") && ms_facts__type(field(left, "object"), "attribute") &&
                 is(p, field(field(left, "object"), "attribute"), "settings")) {
        /* FastMCP v1: `mcp.settings.host = "0.0.0.0"` */
        TSNode a = field(left, "attribute");
        if (is(p, a, "host") && p->ctor.host == NULL) p->ctor.host = eval_str(p, right);
        if (is(p, a, "port") && p->ctor.port < 0) p->ctor.port = eval_int(p, right);
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
    TSNode n = p->nodes.items[i], recv, name;
    if (!ms_facts__type(n, "call") || !callee(n, &recv, &name)) continue;
    TSNode args = field(n, "arguments");
    if (is_server_ctor(p, n)) {
      read_binding(p, args, &p->ctor);
      TSNode ts = kwarg(p, args, "transport_security");
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
static void bind_transports(py *p) {
  for (uint32_t i = p->first_transport; i < p->out->transports.len; i++) {
    ms_transport *t = &p->out->transports.items[i];
    if (t->kind == MS_TRANSPORT_STDIO) continue;
    bool mounted = p->mounted.items[i - p->first_transport];
    const binding *first = mounted ? &p->uvicorn : &p->ctor, *second = mounted ? &p->ctor : &p->uvicorn;
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

void ms_facts_extract_python(TSNode root, const char *text, uint32_t len, ms_facts *out) {
  static const char *const types[] = {"decorated_definition", "call", "function_definition", "assignment",
                                      "augmented_assignment", "dictionary", "subscript", "import_from_statement",
                                      "import_statement", NULL};
  py p;
  memset(&p, 0, sizeof p);
  p.text = text;
  p.len = len;
  p.out = out;
  p.first_transport = out->transports.len;
  uint32_t first_text = out->texts.len;
  p.ctor.port = p.uvicorn.port = -1;
  ms_strbuf_init(&p.sb, MS_STRBUF_UNBOUNDED);
  ms_facts__collect(root, types, &p.nodes);
  index_file(&p);
  for (uint32_t i = 0; i < p.nodes.len; i++) {
    TSNode n = p.nodes.items[i];
    if (ms_facts__type(n, "decorated_definition")) {
      decorated(&p, n);
    } else if (ms_facts__type(n, "call")) {
      call(&p, n);
      security_call(&p, n);
    } else if (ms_facts__type(n, "dictionary")) {
      meta_dict(&p, n);
    } else if (ms_facts__type(n, "subscript")) {
      security_subscript(&p, n);
    } else if (ms_facts__type(n, "assignment")) {
      security_assignment(&p, n);
    } else if (ms_facts__type(n, "import_from_statement") || ms_facts__type(n, "import_statement")) {
      imports(&p, n);
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
