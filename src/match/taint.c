/* The taint matcher: follows values from the inputs of MCP tool, resource and prompt handlers
 * (model/facts.h) to sinks. A taint rule's `taint:` is a tree-sitter query whose `@sink`
 * capture is the expression that must not carry tool input and whose `@match` is what is
 * reported; each taint rule's query is compiled on first need per grammar (match/query.c).
 *
 * The analysis, per handler, walks the function body once in source order with an explicit
 * stack (never recursion on tree depth):
 *   - variables are tainted by assignment, augmented assignment, destructuring, for/with
 *     binders and the walrus operator; at the top level of the function an assignment
 *     replaces the variable's taint (so `cmd = shlex.quote(cmd)` cleans it), inside a branch
 *     or loop it can only add taint;
 *   - an expression is tainted when a tainted variable flows into it through attribute and
 *     subscript access, string building (concatenation, f-strings, %, format, template
 *     literals), containers, and calls (receiver or arguments), except through sanitizers
 *     (built-in lists per language plus the rule's `sanitizers:`);
 *   - a call to a function or method defined in the same file is followed: its parameters are
 *     tainted by the call's arguments, sinks inside it are reported with the call in the
 *     trace, and its return value is tainted when a tainted value reaches a `return`.
 * Every step is remembered, so a finding carries the path from the tool input to the sink.
 *
 * Rules with `sources:` or `guards:` are checked in passes of their own, one per such rule with
 * a sink in the file, after the shared tool-input pass: a `sources:` query (compiled like the
 * sink queries, run only on files where the rule's sinks matched) marks the nodes where the
 * rule's flows start, anywhere in the file (the top level, then each named function, is
 * walked); `guards:` regexes on rejecting `if` conditions clean a variable for that rule only.
 * The work per file is bounded (MAX_WORK nodes, MAX_CALL_DEPTH nested calls); a file that
 * exceeds it is reported as incomplete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/facts.h"
#include "match/matcher.h"
#include "match/query.h"
#include "match/template.h"
#include "model/facts.h"
#include "util/array.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_WORK 4000000u
#define MAX_CALL_DEPTH 4
#define MAX_STACK 100000u
#define MAX_TRACE 64u /* steps of a finding's trace before the sink */

/* ---- the set ------------------------------------------------------------------------------ */

/* What a compiled check regex of a rule says about the variable its group `var` names. */
typedef enum check_kind {
  CHECK_REJECT = 0, /* `guards:` the value is rejected when the condition holds */
  CHECK_INSIDE,     /* `containment: inside:` the path is inside the base when it holds */
  CHECK_OUTSIDE,    /* `containment: outside:` the path is outside the base when it holds */
  CHECK_RAISES,     /* `containment: raises:` the statement raises when the path is outside */
} check_kind;

/* A compiled `guards:` or containment regex of a rule. */
typedef struct guard {
  uint32_t rule;
  pcre2_code *re;
  uint32_t var; /* number of the group naming the checked variable */
  check_kind kind;
} guard;

typedef struct taint_set {
  ms_query_sets *sinks;
  ms_array(guard) guards;
  const ms_rule *rules;
  uint32_t n;
  ms_query_sets *sources; /* the rules' `sources:` queries, or NULL when no rule declares any */
  ms_rule *shadow;        /* per rule: a copy whose pattern is its `sources:` (strings borrowed) */
} taint_set;

static void free_set(void *set);

static void add_checks(taint_set *ts, uint32_t rule, char *const *regexes, uint32_t n, check_kind kind) {
  for (uint32_t k = 0; k < n; k++) {
    int ecode = 0;
    PCRE2_SIZE eoff = 0; /* the loader validated the regex and its `var` group */
    guard g = {rule, NULL, 0, kind};
    g.re = pcre2_compile((PCRE2_SPTR)regexes[k], PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ecode, &eoff, NULL);
    if (g.re == NULL) continue;
    /* Not JIT-compiled: a check only sees a condition's text, a handful of times per scan (18
     * on the bench corpus's JS part); compiling them cost 1.1 M instructions of every start-up. */
    int num = pcre2_substring_number_from_name(g.re, (PCRE2_SPTR) "var");
    g.var = num > 0 ? (uint32_t)num : 0;
    ms_array_push(&ts->guards, g);
  }
}

static ms_status build(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL;
  bool any_sources = false;
  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &rules[i];
    if (r->matcher != MS_MATCHER_TAINT) continue;
    if (strstr(r->pattern, "@sink") == NULL)
      return ms_error_set(err, MS_EPARSE, r->source, r->pattern_line, r->pattern_col,
                          "a taint query must capture the expression that must not carry tool input as @sink");
    if (strstr(r->pattern, "@match") == NULL)
      return ms_error_set(err, MS_EPARSE, r->source, r->pattern_line, r->pattern_col,
                          "every query pattern must capture the node to report as @match");
    if (r->sources && strstr(r->sources, "@source") == NULL)
      return ms_error_set(err, MS_EPARSE, r->source, r->sources_line, r->sources_col,
                          "a 'sources' query must capture the values where flows start as @source");
    any_sources |= r->sources != NULL;
  }
  ms_query_sets *qs = NULL;
  ms_status st = ms_query_sets_new(&qs, MS_MATCHER_TAINT, rules, n, err);
  if (st < 0 || qs == NULL) return st;
  taint_set *ts = ms_xcalloc(1, sizeof *ts);
  ts->sinks = qs;
  ts->rules = rules;
  ts->n = n;
  for (uint32_t i = 0; i < n; i++) {
    if (rules[i].matcher != MS_MATCHER_TAINT) continue;
    add_checks(ts, i, rules[i].guards, rules[i].nguards, CHECK_REJECT);
    add_checks(ts, i, rules[i].inside, rules[i].ninside, CHECK_INSIDE);
    add_checks(ts, i, rules[i].outside, rules[i].noutside, CHECK_OUTSIDE);
    add_checks(ts, i, rules[i].raises, rules[i].nraises, CHECK_RAISES);
  }
  if (any_sources) {
    /* The sources queries compile like sink queries, in lazy groups per grammar, with
     * pattern indices mapping back to the same rule indices (so `active` applies as is). */
    ts->shadow = ms_xcalloc(n, sizeof *ts->shadow);
    for (uint32_t i = 0; i < n; i++) {
      ts->shadow[i] = rules[i];
      if (rules[i].matcher != MS_MATCHER_TAINT || rules[i].sources == NULL) {
        ts->shadow[i].matcher = MS_MATCHER_COUNT;
        continue;
      }
      ts->shadow[i].pattern = rules[i].sources;
      ts->shadow[i].pattern_line = rules[i].sources_line;
      ts->shadow[i].pattern_col = rules[i].sources_col;
      ts->shadow[i].pattern_indent = rules[i].sources_indent;
    }
    st = ms_query_sets_new(&ts->sources, MS_MATCHER_TAINT, ts->shadow, n, err);
    ms_query_sets_then(ts->sinks, ts->sources);
  }
  if (st < 0) {
    free_set(ts);
    return st;
  }
  *out = ts;
  return MS_OK;
}

static void free_set(void *set) {
  taint_set *ts = set;
  if (ts == NULL) return;
  ms_query_sets_free(ts->sinks);
  ms_query_sets_free(ts->sources);
  ms_free(ts->shadow);
  for (uint32_t i = 0; i < ts->guards.len; i++) pcre2_code_free(ts->guards.items[i].re);
  ms_array_free(&ts->guards);
  ms_free(ts);
}

/* ---- analysis state ----------------------------------------------------------------------- */

typedef ms_array(TSNode) node_list;

typedef struct step {
  uint32_t start, end;
  char *label;
  int32_t prev;       /* the step this one continues, or -1 at the source */
  const char *source; /* the input the chain starts from (borrowed from the facts) */
  bool path_only;     /* the value is a URL whose scheme and host are fixed: input only in the path */
  bool all_inputs;    /* the whole input object of a low-level handler, not one of its keys yet */
} step;

typedef struct var {
  const char *name;
  uint32_t len;
  int32_t step;  /* the last step of its taint, or -1 when clean */
  bool resolved; /* containment: it holds a normalised path (or one relative to a base) */
  TSNode rel;    /* containment: the relative-path call it was assigned, or a null node */
  TSNode cls;    /* the class of the file it holds an instance of (`h = Helper()`), or a null node */
} var;

typedef struct sink {
  uint32_t rule;
  uint32_t match_start, match_end;
  uint32_t sink_start, sink_end;
  char *message; /* rendered with the query's captures; {{source}} and {{tool}} still open */
  bool reported;
} sink;

/* A node a rule's `sources:` query captured: a flow of that rule starts wherever it is read. */
typedef struct src_node {
  uint32_t rule;
  uint32_t start, end;
  int32_t step; /* created when first read in the current pass, else -1 */
} src_node;

typedef struct fn_def {
  const char *name;
  uint32_t len;
  TSNode node;
} fn_def;

typedef struct memo {
  uint32_t fn_start;
  uint32_t mask;
  const char *tool;
  int returns; /* -1 running/unknown, 0 clean, 1 tainted */
} memo;

typedef struct frame {
  ms_array(var) vars;
  const char *tool;   /* the tool whose input this is ("*" for an unnamed low-level tool) */
  bool returns_tainted;
  int32_t return_step;
  uint32_t depth;
} frame;

typedef struct ctx {
  const taint_set *set;
  ms_lang_id lang;
  bool python;
  const ms_match_input *in;
  ms_array(step) steps;
  ms_array(sink) sinks;
  ms_array(fn_def) fns;
  ms_array(fn_def) classes; /* classes of the file (Python class_definition, JS class_declaration) */
  ms_array(memo) memos;
  const ms_handler *handler; /* the handler being analysed */
  ms_array(char *) names;    /* owned tool names found by dispatch, freed with the context */
  ms_array(const char *) rule_sanitizers; /* NULL-terminated once collected */
  int32_t pass_rule;         /* -1: the shared pass; else the pass of one rule with sources or guards */
  bool containment;          /* the pass rule has `containment:` checks */
  bool declared;             /* the pass's flows start at declared sources, not tool inputs */
  ms_match_scratch *scratch;
  ms_array(src_node) srcs;   /* the sources of pass_rule, sorted by (start, end) */
  bool presources;           /* srcs already holds every rule's sources (read before the sinks) */
  uint32_t work;
  bool exhausted;
  ms_emit_fn emit;
  void *payload;
} ctx;

static const char *type(TSNode n) { return ts_node_is_null(n) ? "" : ts_node_type(n); }
static bool is(TSNode n, const char *t) { return strcmp(type(n), t) == 0; }
static TSNode field(TSNode n, const char *name) {
  return ts_node_is_null(n) ? n : ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}
static const char *text_of(const ctx *c, TSNode n, uint32_t *len) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > c->in->len) e = c->in->len;
  if (s > e) s = e;
  *len = e - s;
  return c->in->text + s;
}
static bool text_is(const ctx *c, TSNode n, const char *s) {
  uint32_t l;
  const char *t = text_of(c, n, &l);
  return l == strlen(s) && memcmp(t, s, l) == 0;
}

static int32_t add_step(ctx *c, TSNode at, int32_t prev, char *label) {
  step s = {ts_node_start_byte(at), ts_node_end_byte(at), label, prev,
            prev >= 0 ? c->steps.items[prev].source : NULL, prev >= 0 && c->steps.items[prev].path_only,
            prev >= 0 && c->steps.items[prev].all_inputs};
  ms_array_push(&c->steps, s);
  return (int32_t)c->steps.len - 1;
}

/* A short, single-line quote of a node for step labels. */
static char *quote(const ctx *c, TSNode n) {
  uint32_t l;
  const char *t = text_of(c, n, &l);
  uint32_t cut = 0;
  while (cut < l && cut < 60 && t[cut] != '\n') cut++;
  char *clean = ms_utf8_sanitize(t, cut);
  char *q = ms_xasprintf("%s%s", clean, cut < l ? "…" : "");
  ms_free(clean);
  return q;
}

static var *lookup(frame *f, const char *name, uint32_t len) {
  for (uint32_t i = f->vars.len; i-- > 0;)
    if (f->vars.items[i].len == len && memcmp(f->vars.items[i].name, name, len) == 0) return &f->vars.items[i];
  return NULL;
}

static void set_var(ctx *c, frame *f, TSNode name_node, int32_t st, bool strong, bool url_path_only) {
  uint32_t len;
  const char *name = text_of(c, name_node, &len);
  var *v = lookup(f, name, len);
  if (v == NULL) {
    if (st < 0) return;
    var nv = {.name = name, .len = len, .step = -1};
    ms_array_push(&f->vars, nv);
    v = ms_array_back(&f->vars);
  }
  if (st >= 0) {
    char *q = quote(c, name_node);
    v->step = add_step(c, name_node, st, ms_xasprintf("assigned to `%s`", q));
    c->steps.items[v->step].path_only |= url_path_only;
    ms_free(q);
  } else if (strong) {
    v->step = -1;
  }
}

/* ---- sanitizers and local functions ------------------------------------------------------- */

static const char *const py_sanitizers[] = {
    "shlex.quote", "quote", "int", "float", "bool", "len", "os.path.basename", "basename", "isinstance",
    "hash", "abs", "round", "ord", "ast.literal_eval", "json.dumps", "html.escape", "urllib.parse.quote",
    "re.escape", "uuid.UUID", "ipaddress.ip_address", "secure_filename", "bleach.clean", NULL};
static const char *const js_sanitizers[] = {
    "Number", "parseInt", "parseFloat", "Boolean", "encodeURIComponent", "encodeURI", "escape", "path.basename",
    "basename", "shellEscape", "shellQuote.quote", "quote", "JSON.stringify", "Math.floor", "Math.round",
    "isNaN", "Number.isInteger", "Number.parseInt", "Number.parseFloat", "validator.escape", "escapeHtml", NULL};

static bool name_in(const char *s, uint32_t len, const char *const *names) {
  for (const char *const *n = names; n && *n; n++)
    if (strlen(*n) == len && memcmp(*n, s, len) == 0) return true;
  return false;
}

/* Rules with declared sources or guards have a pass of their own: their flows start elsewhere
 * or are cleaned by checks that do not clean them for other rules. */
static bool own_pass(const ms_rule *r) {
  return r->sources != NULL || r->nguards > 0 || r->ninside > 0 || r->noutside > 0 || r->nraises > 0;
}

/* A rule sanitizer ".name" stands for any method of that name (`.post` covers `client.post`). */
static bool method_in(const ctx *c, TSNode callee, const char *const *names) {
  if (!is(callee, "attribute") && !is(callee, "member_expression")) return false;
  uint32_t len;
  const char *s = text_of(c, field(callee, c->python ? "attribute" : "property"), &len);
  for (const char *const *n = names; n && *n; n++)
    if ((*n)[0] == '.' && strlen(*n + 1) == len && memcmp(*n + 1, s, len) == 0) return true;
  return false;
}

/* Built-in sanitizers make tool input harmless for injection sinks; flows from declared
 * sources (secrets) stop only at the rule's own. */
static bool is_sanitizer(const ctx *c, TSNode callee) {
  uint32_t len;
  const char *s = text_of(c, callee, &len);
  return (!c->declared && name_in(s, len, c->python ? py_sanitizers : js_sanitizers)) ||
         name_in(s, len, c->rule_sanitizers.items) || method_in(c, callee, c->rule_sanitizers.items);
}

/* Rule-declared sanitizers for the current pass, gathered once per pass. In the tool-input
 * pass a value is shared by every rule, so a sanitizer declared by one applies to all; a
 * source pass uses its rule's own. */
static void collect_rule_sanitizers(ctx *c) {
  ms_array_clear(&c->rule_sanitizers);
  for (uint32_t i = 0; i < c->sinks.len; i++) {
    uint32_t rule = c->sinks.items[i].rule;
    const ms_rule *r = &c->set->rules[rule];
    if (c->pass_rule < 0 ? own_pass(r) : rule != (uint32_t)c->pass_rule) continue;
    for (uint32_t k = 0; k < r->nsanitizers; k++) ms_array_push(&c->rule_sanitizers, (const char *)r->sanitizers[k]);
    if (c->pass_rule >= 0) break; /* one rule: its list once */
  }
  ms_array_push(&c->rule_sanitizers, (const char *)NULL); /* name_in's terminator */
}

static bool is_function_node(TSNode n) {
  const char *t = type(n);
  return strcmp(t, "function_definition") == 0 || strcmp(t, "function_declaration") == 0 ||
         strcmp(t, "function_expression") == 0 || strcmp(t, "function") == 0 || strcmp(t, "arrow_function") == 0 ||
         strcmp(t, "method_definition") == 0 || strcmp(t, "generator_function_declaration") == 0 ||
         strcmp(t, "lambda") == 0;
}

static void collect_functions(ctx *c) {
  TSTreeCursor cur = ts_tree_cursor_new(c->in->root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    const char *t = ts_node_type(n);
    TSNode name = {0}, fn = {0};
    if (strcmp(t, "class_definition") == 0 || strcmp(t, "class_declaration") == 0) {
      TSNode cname = field(n, "name");
      fn_def d = {NULL, 0, n};
      if (is(cname, "identifier") || is(cname, "type_identifier")) d.name = text_of(c, cname, &d.len);
      if (d.name) ms_array_push(&c->classes, d);
    }
    if (strcmp(t, "function_definition") == 0 || strcmp(t, "function_declaration") == 0 ||
        strcmp(t, "method_definition") == 0 || strcmp(t, "generator_function_declaration") == 0) {
      name = field(n, "name");
      fn = n;
    } else if (strcmp(t, "variable_declarator") == 0) {
      TSNode v = field(n, "value");
      if (is(v, "arrow_function") || is(v, "function_expression") || is(v, "function")) {
        name = field(n, "name");
        fn = v;
      }
    }
    if (!ts_node_is_null(name) && (is(name, "identifier") || is(name, "property_identifier"))) {
      fn_def d;
      d.name = text_of(c, name, &d.len);
      d.node = fn;
      ms_array_push(&c->fns, d);
    }
    if (ts_tree_cursor_goto_first_child(&cur)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cur))
      if (!ts_tree_cursor_goto_parent(&cur)) goto done;
  }
done:
  ts_tree_cursor_delete(&cur);
}

static var *lookup(frame *f, const char *name, uint32_t len);

/* The class of the file an expression is a new instance of (`Helper(...)`, `new Helper(...)`,
 * through parentheses and `await`), or that a variable holds one of; else a null node. */
static TSNode instance_class(const ctx *c, frame *f, TSNode n) {
  while (is(n, "parenthesized_expression") || is(n, "await") || is(n, "await_expression")) n = ts_node_named_child(n, 0);
  TSNode cname = is(n, "call") ? field(n, "function") : is(n, "new_expression") ? field(n, "constructor") : n;
  uint32_t len;
  const char *s = text_of(c, cname, &len);
  if (is(n, "identifier")) {
    var *v = f ? lookup(f, s, len) : NULL;
    return v ? v->cls : (TSNode){0};
  }
  for (uint32_t i = 0; is(cname, "identifier") && i < c->classes.len; i++)
    if (c->classes.items[i].len == len && memcmp(c->classes.items[i].name, s, len) == 0) return c->classes.items[i].node;
  return (TSNode){0};
}

/* The local function a call goes to (`f(...)`, `self.f(...)`, `this.f(...)`, a method of a
 * class of the file called on an instance: `Helper().f(...)`, `h.f(...)` after
 * `h = Helper()`), or a null node; *method says whether a `self` parameter comes first. */
static TSNode local_callee(const ctx *c, frame *f, TSNode callee, bool *method) {
  TSNode none = {0}, name = callee, cls = {0};
  *method = false;
  if (is(callee, "attribute") || is(callee, "member_expression")) {
    TSNode obj = field(callee, "object");
    if (!(text_is(c, obj, "self") || text_is(c, obj, "this") || text_is(c, obj, "cls"))) {
      cls = instance_class(c, f, obj);
      if (ts_node_is_null(cls)) return none;
    }
    name = field(callee, c->python ? "attribute" : "property");
    *method = c->python;
  } else if (!is(callee, "identifier")) {
    return none;
  }
  uint32_t len;
  const char *s = text_of(c, name, &len);
  for (uint32_t i = 0; i < c->fns.len; i++) {
    const fn_def *d = &c->fns.items[i];
    bool in_class = ts_node_is_null(cls) || (ts_node_start_byte(d->node) >= ts_node_start_byte(cls) &&
                                             ts_node_end_byte(d->node) <= ts_node_end_byte(cls));
    if (d->len == len && memcmp(d->name, s, len) == 0 && in_class) return d->node;
  }
  return none;
}

/* The parameter name nodes of a function, in order. */
static void param_names(TSNode fn, node_list *out) {
  ms_array_clear(out);
  TSNode params = field(fn, "parameters");
  if (ts_node_is_null(params)) {
    TSNode single = field(fn, "parameter"); /* x => ... */
    if (!ts_node_is_null(single)) ms_array_push(out, single);
    return;
  }
  uint32_t n = ts_node_named_child_count(params);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = ts_node_named_child(params, i);
    /* Unwrap to the binding name: typed/default parameters, TS wrappers, splats. */
    for (int k = 0; k < 4 && !ts_node_is_null(p) && !is(p, "identifier"); k++) {
      TSNode inner = field(p, "name");
      if (ts_node_is_null(inner)) inner = field(p, "pattern");
      if (ts_node_is_null(inner)) inner = field(p, "left");
      if (ts_node_is_null(inner) && ts_node_named_child_count(p) > 0) inner = ts_node_named_child(p, 0);
      p = inner;
    }
    ms_array_push(out, p); /* may be null or a pattern: then it binds nothing we track */
  }
}

/* ---- expressions -------------------------------------------------------------------------- */

static int32_t analyze_call(ctx *c, frame *f, TSNode call, TSNode fn, bool method);

static bool clean_type(const char *t) {
  static const char *const clean[] = {
      "integer", "float", "true", "false", "none", "number", "null", "undefined", "regex", "comment",
      "comparison_operator", "not_operator", "unary_expression", "lambda", "arrow_function", "function_expression",
      "function", "string_content", "string_start", "string_end", "escape_sequence", "string_fragment",
      "type", "type_annotation", "keyword_separator", "positional_separator", NULL};
  for (const char *const *p = clean; *p; p++)
    if (strcmp(*p, t) == 0) return true;
  return false;
}

/* JS `a === b`, `a < b`, `a instanceof B`...: booleans, not the operands' data. */
static bool boolean_binary(const ctx *c, TSNode n) {
  TSNode op = field(n, "operator");
  if (ts_node_is_null(op)) return false;
  uint32_t l;
  const char *s = text_of(c, op, &l);
  static const char *const ops[] = {"==", "===", "!=", "!==", "<", ">", "<=", ">=", "instanceof", "in", NULL};
  return name_in(s, l, ops);
}

/* A short prefix of a value (`key[:4]`, `key.slice(0, 4)`, at most 8 characters): logging it
 * identifies a secret without disclosing it, so flows from declared sources stop there. */
static bool short_prefix(const ctx *c, TSNode n) {
  TSNode range = {0};
  if (is(n, "subscript") && is(field(n, "subscript"), "slice")) {
    range = field(n, "subscript");
  } else if (is(n, "call_expression")) {
    TSNode callee = field(n, "function");
    TSNode prop = field(callee, "property");
    if (!is(callee, "member_expression") || !(text_is(c, prop, "slice") || text_is(c, prop, "substring") ||
                                               text_is(c, prop, "substr")))
      return false;
    range = field(n, "arguments");
  } else {
    return false;
  }
  uint32_t len;
  const char *t = text_of(c, range, &len);
  /* "[0]:N", "(0, N)" with a single digit N <= 8 */
  uint32_t i = 0;
  while (i < len && (t[i] == ' ' || t[i] == '(')) i++;
  if (i < len && t[i] == '0') i++;
  while (i < len && t[i] == ' ') i++;
  if (i >= len || (t[i] != ':' && t[i] != ',')) return false;
  i++;
  while (i < len && t[i] == ' ') i++;
  if (i >= len || t[i] < '1' || t[i] > '8') return false;
  i++;
  while (i < len && (t[i] == ' ' || t[i] == ')')) i++;
  return i == len;
}

/* The step where a declared source captured exactly as n starts, or -1. */
static int32_t source_step(ctx *c, TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  uint32_t lo = 0, hi = c->srcs.len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->srcs.items[mid].start < s) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t k = lo; k < c->srcs.len && c->srcs.items[k].start == s; k++) {
    src_node *src = &c->srcs.items[k];
    if (src->end != e) continue;
    if (src->step < 0) {
      char *q = quote(c, n);
      src->step = add_step(c, n, -1, ms_xasprintf("source `%s`", q));
      c->steps.items[src->step].source = q;
      ms_array_push(&c->names, q); /* owns the quote the step borrows */
    }
    return src->step;
  }
  return -1;
}

/* The key read from obj when parent is `obj["key"]`, `obj.key` or `obj.get("key", ...)` (the
 * node holding it), else a null node. */
static TSNode key_read(const ctx *c, TSNode obj, TSNode parent) {
  TSNode none = {0};
  if ((is(parent, "subscript") && ts_node_eq(field(parent, "value"), obj)) ||
      (is(parent, "subscript_expression") && ts_node_eq(field(parent, "object"), obj))) {
    TSNode k = field(parent, is(parent, "subscript") ? "subscript" : "index");
    return is(k, "string") ? k : none;
  }
  if (!(is(parent, "attribute") || is(parent, "member_expression")) || !ts_node_eq(field(parent, "object"), obj))
    return none;
  TSNode k = field(parent, is(parent, "attribute") ? "attribute" : "property");
  TSNode call = ts_node_parent(parent);
  if (is(parent, "attribute") && is(call, "call") && ts_node_eq(field(call, "function"), parent)) {
    if (!text_is(c, k, "get")) return none; /* arguments.get("key") */
    TSNode a0 = ts_node_named_child(field(call, "arguments"), 0);
    return is(a0, "string") ? a0 : none;
  }
  return k;
}

/* Low-level handlers receive every input in one object (`arguments`, `request`): reading one
 * key of it (`arguments["path"]`, `arguments.get("path")`, `args.path`, past
 * `request.params.arguments`) is that input, so the chain from there names the key as its
 * source. Returns the new step, or st unchanged. */
static int32_t keyed_input(ctx *c, TSNode id, int32_t st) {
  if (c->declared || c->handler == NULL || !c->handler->low_level || !c->steps.items[st].all_inputs) return st;
  TSNode obj = id, parent = ts_node_parent(id), key = key_read(c, obj, parent);
  for (int hops = 0; hops < 3 && !ts_node_is_null(key); hops++) {
    uint32_t len;
    const char *t = text_of(c, key, &len);
    bool quoted = len >= 2 && (t[0] == '"' || t[0] == '\'' || t[0] == '`') && t[len - 1] == t[0];
    if (quoted) t++, len -= 2;
    if (len == 0 || memchr(t, '\\', len) || memchr(t, '{', len) || memchr(t, '$', len)) return st;
    /* request.params.arguments: the envelope around the inputs */
    if ((len == 6 && memcmp(t, "params", 6) == 0) || (len == 9 && memcmp(t, "arguments", 9) == 0)) {
      obj = parent;
      parent = ts_node_parent(parent);
      key = key_read(c, obj, parent);
      continue;
    }
    char *name = ms_xasprintf("%.*s", (int)len, t);
    ms_array_push(&c->names, name); /* owns the name the step borrows */
    TSNode at = is(ts_node_parent(parent), "call") ? ts_node_parent(parent) : parent;
    int32_t k = add_step(c, at, st, ms_xasprintf("tool argument `%s` (low-level handler)", name));
    c->steps.items[k].source = name;
    c->steps.items[k].all_inputs = false;
    return k;
  }
  return st;
}

/* The step of the first tainted value flowing into expr, or -1. Iterative, bounded. */
static int32_t taint_of(ctx *c, frame *f, TSNode expr) {
  ms_array(TSNode) stack = MS_ARRAY_INIT;
  int32_t found = -1;
  ms_array_push(&stack, expr);
  while (stack.len && found < 0) {
    TSNode n = stack.items[--stack.len];
    if (ts_node_is_null(n)) continue;
    if (++c->work > MAX_WORK || stack.len > MAX_STACK) {
      c->exhausted = true;
      break;
    }
    const char *t = ts_node_type(n);
    if (clean_type(t)) continue;
    if (c->srcs.len && (found = source_step(c, n)) >= 0) break;
    if (c->declared && short_prefix(c, n)) continue;
    if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier") == 0) {
      uint32_t len;
      const char *s = text_of(c, n, &len);
      var *v = lookup(f, s, len);
      if (v && v->step >= 0) found = keyed_input(c, n, v->step);
    } else if (strcmp(t, "attribute") == 0 || strcmp(t, "member_expression") == 0) {
      /* From declared sources, a property of a tainted object is clean (`config.baseUrl` of a
       * config that holds a key): the sources query names the secret properties itself. */
      if (!c->declared) ms_array_push(&stack, field(n, "object"));
    } else if (strcmp(t, "subscript") == 0 || strcmp(t, "subscript_expression") == 0) {
      bool python = strcmp(t, "subscript") == 0;
      /* From declared sources, `d["key"]` is a property like `d.key` (see above). */
      if (c->declared && is(field(n, python ? "subscript" : "index"), "string")) continue;
      ms_array_push(&stack, field(n, python ? "value" : "object"));
    } else if (strcmp(t, "keyword_argument") == 0 || strcmp(t, "pair") == 0) {
      ms_array_push(&stack, field(n, "value"));
    } else if (strcmp(t, "binary_expression") == 0 && boolean_binary(c, n)) {
      continue;
    } else if (strcmp(t, "conditional_expression") == 0) { /* a if cond else b: the value is a or b */
      ms_array_push(&stack, ts_node_named_child(n, 2));
      ms_array_push(&stack, ts_node_named_child(n, 0));
    } else if (strcmp(t, "ternary_expression") == 0) {
      ms_array_push(&stack, field(n, "alternative"));
      ms_array_push(&stack, field(n, "consequence"));
    } else if (strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0) {
      TSNode callee = field(n, "function");
      if (is_sanitizer(c, callee)) continue;
      bool method = false;
      TSNode fn = local_callee(c, f, callee, &method);
      if (!ts_node_is_null(fn)) {
        found = analyze_call(c, f, n, fn, method);
        continue;
      }
      ms_array_push(&stack, field(n, "arguments"));
      if (is(callee, "attribute") || is(callee, "member_expression")) ms_array_push(&stack, field(callee, "object"));
    } else {
      uint32_t k = ts_node_named_child_count(n);
      for (uint32_t i = k; i-- > 0;) ms_array_push(&stack, ts_node_named_child(n, i));
    }
  }
  ms_array_free(&stack);
  return found;
}

/* Binds every name in a target pattern to st (strong or weak update); attribute and
 * subscript targets taint their base variable (weakly). */
static void bind(ctx *c, frame *f, TSNode target, int32_t st, bool strong, bool url_path_only) {
  ms_array(TSNode) stack = MS_ARRAY_INIT;
  ms_array_push(&stack, target);
  while (stack.len) {
    TSNode n = stack.items[--stack.len];
    if (ts_node_is_null(n) || ++c->work > MAX_WORK) continue;
    const char *t = ts_node_type(n);
    if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier_pattern") == 0) {
      set_var(c, f, n, st, strong, url_path_only);
    } else if (strcmp(t, "attribute") == 0 || strcmp(t, "member_expression") == 0 || strcmp(t, "subscript") == 0 ||
               strcmp(t, "subscript_expression") == 0) {
      if (st < 0) continue;
      TSNode base = field(n, "object");
      if (ts_node_is_null(base)) base = field(n, "value");
      ms_array_push(&stack, base);
    } else if (strcmp(t, "pair_pattern") == 0) {
      ms_array_push(&stack, field(n, "value"));
    } else if (strcmp(t, "object_assignment_pattern") == 0 || strcmp(t, "assignment_pattern") == 0) {
      ms_array_push(&stack, field(n, "left"));
    } else if (strcmp(t, "property_identifier") == 0 || strcmp(t, "type_annotation") == 0) {
      continue;
    } else {
      uint32_t k = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < k; i++) ms_array_push(&stack, ts_node_named_child(n, i));
    }
  }
  ms_array_free(&stack);
}

/* True when literal text holds a '/' that is not part of "://": a path separator. */
static bool has_path_slash(const char *s, uint32_t len) {
  for (uint32_t i = 0; i < len; i++) {
    if (s[i] != '/') continue;
    bool scheme = (i >= 1 && s[i - 1] == ':') || (i >= 2 && s[i - 1] == '/' && s[i - 2] == ':');
    if (!scheme) return true;
  }
  return false;
}

/* A string built from parts (f-string, template literal, `+` chain) whose parts before the
 * first tainted one are clean and contain a path '/' after the host: `f"{API}/users/{u}"`,
 * `"https://api.x.com/" + u`. The input then picks a path under a fixed scheme and host, not
 * where the request goes. `"https://" + host`, `BASE + u` (no slash: "@evil.com" would
 * change the host) are not path-only. */
static bool path_only(ctx *c, frame *f, TSNode expr) {
  node_list parts = MS_ARRAY_INIT;
  /* Flatten: f-string / template children in order, or a left-leaning `+` chain. */
  TSNode n = expr;
  while (is(n, "parenthesized_expression")) n = ts_node_named_child(n, 0);
  if (is(n, "string") || is(n, "template_string")) {
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) ms_array_push(&parts, ts_node_named_child(n, i));
  } else if (is(n, "binary_operator") || is(n, "binary_expression")) {
    node_list stack = MS_ARRAY_INIT;
    ms_array_push(&stack, n);
    while (stack.len && parts.len < 256) {
      TSNode x = stack.items[--stack.len];
      TSNode op = field(x, "operator");
      if ((is(x, "binary_operator") || is(x, "binary_expression")) && text_is(c, op, "+")) {
        ms_array_push(&stack, field(x, "right"));
        ms_array_push(&stack, field(x, "left"));
      } else {
        ms_array_push(&parts, x);
      }
    }
    ms_array_free(&stack);
  }
  bool seen_clean = false, seen_slash = false, result = false;
  for (uint32_t i = 0; i < parts.len; i++) {
    TSNode p = parts.items[i];
    const char *t = type(p);
    if (strcmp(t, "string_start") == 0 || strcmp(t, "string_end") == 0) continue;
    bool literal = strcmp(t, "string_content") == 0 || strcmp(t, "string_fragment") == 0 ||
                   (strcmp(t, "string") == 0 && taint_of(c, f, p) < 0);
    if (literal) {
      uint32_t l;
      const char *s = text_of(c, p, &l);
      seen_clean = true;
      seen_slash |= has_path_slash(s, l);
      continue;
    }
    if (taint_of(c, f, p) >= 0) {
      result = seen_clean && seen_slash;
      break;
    }
    seen_clean = true; /* a clean interpolation or operand: a constant base URL */
  }
  ms_array_free(&parts);
  return result;
}

/* ---- statements --------------------------------------------------------------------------- */

static bool conditional(const char *t) {
  static const char *const types[] = {
      "if_statement", "elif_clause", "else_clause", "for_statement", "while_statement", "try_statement",
      "except_clause", "finally_clause", "case_clause", "match_statement", "for_in_statement", "do_statement",
      "switch_case", "switch_default", "catch_clause", "conditional_expression", "ternary_expression",
      "with_statement", "list_comprehension", "generator_expression", NULL};
  for (const char *const *p = types; *p; p++)
    if (strcmp(*p, t) == 0) return true;
  return false;
}

/* The next unreported sink of the current pass at n from index *from on (rules with
 * `sources:` in their own pass, the others in the tool-input pass); several rules may share a
 * sink node. */
static sink *sink_at(ctx *c, TSNode n, uint32_t *from) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (*from == 0) { /* sinks are sorted by start: skip to the first at s */
    uint32_t lo = 0, hi = c->sinks.len;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (c->sinks.items[mid].sink_start < s) lo = mid + 1;
      else hi = mid;
    }
    *from = lo;
  }
  for (uint32_t i = *from; i < c->sinks.len && c->sinks.items[i].sink_start == s; i++) {
    sink *k = &c->sinks.items[i];
    if (k->sink_end != e || k->reported) continue;
    bool own = c->pass_rule < 0 ? !own_pass(&c->set->rules[k->rule]) : k->rule == (uint32_t)c->pass_rule;
    if (!own) continue;
    *from = i + 1;
    return k;
  }
  return NULL;
}

typedef struct msg_vars {
  const char *source, *tool;
} msg_vars;

static const char *lookup_msg(const char *name, size_t len, size_t *out_len, void *payload) {
  const msg_vars *mv = payload;
  const char *v = NULL;
  if (len == 6 && memcmp(name, "source", 6) == 0) v = mv->source;
  if (len == 4 && memcmp(name, "tool", 4) == 0) v = mv->tool;
  if (v) *out_len = strlen(v);
  return v;
}

/* For a low-level dispatcher, the tool whose branch contains the node; else f's tool. */
static const char *tool_at(ctx *c, const frame *f, uint32_t start, uint32_t end) {
  if (strcmp(f->tool, "*") != 0 || c->handler == NULL || start < c->handler->start_byte || end > c->handler->end_byte)
    return f->tool;
  char *name = ms_facts_dispatch_name(c->in->root, start, end, c->handler, c->in->text, c->in->len);
  if (name == NULL) return f->tool;
  ms_array_push(&c->names, name);
  return name;
}

static void report(ctx *c, frame *f, sink *s, int32_t st, TSNode sink_node) {
  if (s->reported) return;
  /* URL sinks: input confined to the path under a fixed scheme and host is not SSRF. */
  if (c->set->rules[s->rule].fixed_prefix_safe && (c->steps.items[st].path_only || path_only(c, f, sink_node))) return;
  const char *tool = tool_at(c, f, s->match_start, s->match_end);
  s->reported = true;
  /* The chain from the source to here, source first. A longer chain than MAX_TRACE keeps its
   * source and the steps nearest the sink (a step's prev is always an earlier step). */
  uint32_t len = 0;
  int32_t first = st;
  for (int32_t i = st; i >= 0; i = c->steps.items[i].prev, len++) first = i;
  uint32_t n = len < MAX_TRACE ? len : MAX_TRACE;
  ms_match_step *steps = ms_xcalloc(n + 1, sizeof *steps);
  uint32_t k = n, stop = len > n ? 1 : 0;
  for (int32_t i = st; i >= 0 && k > stop; i = c->steps.items[i].prev) {
    step *p = &c->steps.items[i];
    steps[--k] = (ms_match_step){p->start, p->end, ms_xstrdup(p->label)};
  }
  if (stop) steps[0] = (ms_match_step){c->steps.items[first].start, c->steps.items[first].end,
                                       ms_xstrdup(c->steps.items[first].label)};
  char *q = quote(c, sink_node);
  steps[n] = (ms_match_step){s->match_start, s->match_end, ms_xasprintf("reaches the sink as `%s`", q)};
  ms_free(q);
  const char *source = st >= 0 && c->steps.items[st].source ? c->steps.items[st].source : "?";
  bool unnamed = strcmp(tool, "*") == 0;
  msg_vars mv = {source, unnamed ? "(low-level handler)" : tool};
  ms_match_report rep = {s->rule, s->match_start, s->match_end, ms_template_render(s->message, lookup_msg, &mv),
                         unnamed ? NULL : tool, steps, n + 1, false, MS_SEV_INFO, 0, NULL, 0, 0};
  c->emit(c->payload, &rep);
}

/* Binds target to value's taint; a URL with a fixed scheme and host is marked path-only. */
static void bind_value(ctx *c, frame *f, TSNode target, TSNode value, bool strong) {
  int32_t st = taint_of(c, f, value);
  bind(c, f, target, st, strong, st >= 0 && path_only(c, f, value));
}

/* A branch that leaves the function or loop: its last statement raises, returns, throws,
 * continues or breaks. */
static bool exits(TSNode body) {
  TSNode last = body;
  if (is(body, "block") || is(body, "statement_block")) {
    uint32_t k = ts_node_named_child_count(body);
    last = (TSNode){0};
    while (k-- > 0 && (ts_node_is_null(last) || is(last, "comment"))) last = ts_node_named_child(body, k);
  }
  static const char *const types[] = {"raise_statement", "return_statement", "throw_statement", "continue_statement",
                                      "break_statement", NULL};
  for (const char *const *t = types; *t; t++)
    if (is(last, *t)) return true;
  return false;
}

/* The variable of f that check g of the pass rule names in text (its group `var`), when g is
 * of that kind and matches; else NULL. */
static var *checked_var(ctx *c, frame *f, const guard *g, check_kind kind, const char *text, uint32_t len) {
  if (g->rule != (uint32_t)c->pass_rule || g->var == 0 || g->kind != kind) return NULL;
  if (pcre2_match(g->re, (PCRE2_SPTR)text, len, 0, 0, c->scratch->md, c->scratch->mctx) <= (int)g->var) return NULL;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->scratch->md);
  if (ov[2 * g->var] == PCRE2_UNSET) return NULL;
  return lookup(f, text + ov[2 * g->var], (uint32_t)(ov[2 * g->var + 1] - ov[2 * g->var]));
}

/* `if <guard>: raise` at the top level of a function: the variable the pass rule's guard
 * names is clean afterwards (for that rule only: its pass is its own). */
static void apply_guards(ctx *c, frame *f, TSNode if_node) {
  TSNode cond = field(if_node, "condition");
  while (is(cond, "parenthesized_expression")) cond = ts_node_named_child(cond, 0);
  if (ts_node_is_null(cond) || !exits(field(if_node, "consequence"))) return;
  uint32_t len;
  const char *text = text_of(c, cond, &len);
  for (uint32_t i = 0; i < c->set->guards.len; i++) {
    var *v = checked_var(c, f, &c->set->guards.items[i], CHECK_REJECT, text, len);
    if (v) v->step = -1;
  }
}

/* ---- containment: a path checked against its base directory ------------------------------- */

/* A variable cleaned by a containment check until the end of a block. */
typedef struct cleaning {
  TSNode scope;  /* the block at whose end its taint comes back */
  uint32_t var;  /* index in the frame's variables */
  int32_t saved; /* its step before */
} cleaning;
typedef ms_array(cleaning) cleaning_list;
typedef ms_array(uint32_t) index_list;

/* callee is one of names (exact text), or a method `.name` of one of them. */
static bool callee_listed(const ctx *c, TSNode callee, char *const *names, uint32_t n) {
  uint32_t len, ml = 0;
  const char *s = text_of(c, callee, &len), *m = NULL;
  if (is(callee, "attribute") || is(callee, "member_expression"))
    m = text_of(c, field(callee, c->python ? "attribute" : "property"), &ml);
  for (uint32_t i = 0; i < n; i++) {
    const char *x = names[i];
    bool hit = x[0] == '.' ? m && strlen(x + 1) == ml && memcmp(x + 1, m, ml) == 0
                           : strlen(x) == len && memcmp(x, s, len) == 0;
    if (hit) return true;
  }
  return false;
}

/* The call a value is, through parentheses, `await` and `str()` / `String()` / `os.fspath()`,
 * or a null node. */
static TSNode value_call(const ctx *c, TSNode n) {
  for (int k = 0; k < 8 && !ts_node_is_null(n); k++) {
    if (is(n, "parenthesized_expression") || is(n, "await") || is(n, "await_expression")) {
      n = ts_node_named_child(n, 0);
      continue;
    }
    if (!is(n, "call") && !is(n, "call_expression")) break;
    TSNode callee = field(n, "function"), args = field(n, "arguments");
    bool to_string = text_is(c, callee, "str") || text_is(c, callee, "String") || text_is(c, callee, "os.fspath");
    if (!to_string || ts_node_named_child_count(args) != 1) return n;
    n = ts_node_named_child(args, 0);
  }
  return (TSNode){0};
}

/* After `target = value`: whether the variable now holds a resolved path (a call of one of the
 * rule's `resolvers`) or a path relative to a base (`relative`, remembered: a check on it
 * speaks for the paths it was computed from). A conditional assignment can only lose that. */
static void note_path(ctx *c, frame *f, TSNode target, TSNode value, bool strong) {
  if (!is(target, "identifier")) return;
  uint32_t len;
  const char *name = text_of(c, target, &len);
  var *v = lookup(f, name, len);
  if (v == NULL) return;
  const ms_rule *r = &c->set->rules[c->pass_rule];
  TSNode call = value_call(c, value);
  bool relative = false, resolved = false;
  if (!ts_node_is_null(call)) {
    TSNode callee = field(call, "function");
    relative = callee_listed(c, callee, r->relative, r->nrelative);
    resolved = relative || callee_listed(c, callee, r->resolvers, r->nresolvers);
  }
  if (strong || !resolved) {
    v->resolved = resolved;
    v->rel = relative ? call : (TSNode){0};
  }
}

/* Adds to out the variables (holding resolved paths) that condition `cond` proves inside the
 * base when it evaluates to `truth`: `not` / `!` flip it, `and` / `&&` prove both sides when
 * true, `or` / `||` both when false; an operand matching an `inside` regex proves its `var`
 * when true, one matching an `outside` regex when false. */
static void contained_vars(ctx *c, frame *f, TSNode cond, bool truth, index_list *out) {
  struct {
    TSNode n;
    bool truth;
  } stack[64];
  uint32_t top = 0;
  stack[top].n = cond, stack[top++].truth = truth;
  while (top) {
    TSNode n = stack[--top].n;
    bool t = stack[top].truth;
    if (ts_node_is_null(n)) continue;
    TSNode op = field(n, "operator");
    TSNode sub[2];
    memset(sub, 0, sizeof sub);
    bool flip = false;
    if (is(n, "parenthesized_expression")) {
      sub[0] = ts_node_named_child(n, 0);
    } else if (is(n, "not_operator") || (is(n, "unary_expression") && text_is(c, op, "!"))) {
      sub[0] = field(n, "argument");
      flip = true;
    } else if (is(n, "boolean_operator") || (is(n, "binary_expression") && (text_is(c, op, "&&") || text_is(c, op, "||")))) {
      bool conj = text_is(c, op, "and") || text_is(c, op, "&&");
      if (conj != t) continue; /* `a and b` false, `a or b` true: neither side is known */
      sub[0] = field(n, "left"), sub[1] = field(n, "right");
    } else { /* an operand: the rule's checks */
      uint32_t len;
      const char *text = text_of(c, n, &len);
      for (uint32_t i = 0; i < c->set->guards.len; i++) {
        var *v = checked_var(c, f, &c->set->guards.items[i], t ? CHECK_INSIDE : CHECK_OUTSIDE, text, len);
        if (v && v->resolved) ms_array_push(out, (uint32_t)(v - f->vars.items));
      }
      continue;
    }
    for (int k = 0; k < 2; k++)
      if (!ts_node_is_null(sub[k]) && top < 64) stack[top].n = sub[k], stack[top++].truth = flip ? !t : t;
  }
}

static void clean_until(frame *f, uint32_t idx, TSNode scope, cleaning_list *cl) {
  var *v = &f->vars.items[idx];
  if (v->step < 0) return;
  cleaning k = {scope, idx, v->step};
  ms_array_push(cl, k);
  v->step = -1;
}

/* Cleans variable idx until the end of scope, and when it holds a relative path, the
 * variables it was computed from. */
static void clean_path(ctx *c, frame *f, uint32_t idx, TSNode scope, cleaning_list *cl) {
  TSNode rel = f->vars.items[idx].rel;
  clean_until(f, idx, scope, cl);
  TSNode args = field(rel, "arguments");
  uint32_t na = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
  for (uint32_t k = 0; k < na; k++) {
    TSNode a = ts_node_named_child(args, k);
    uint32_t len;
    const char *name = text_of(c, a, &len);
    var *v = is(a, "identifier") ? lookup(f, name, len) : NULL;
    if (v) clean_until(f, (uint32_t)(v - f->vars.items), scope, cl);
  }
}

/* An `if` whose condition checks a resolved path against the base: when the branch leaves
 * (`if not p.is_relative_to(BASE): raise`), the path is clean for the rest of the enclosing
 * block; in the branch of a positive check (`if p.is_relative_to(BASE): open(p)`), inside it.
 * A check on a relative path (`rel = path.relative(BASE, p)`) cleans the paths it came from. */
static void apply_containment(ctx *c, frame *f, TSNode if_node, cleaning_list *cl) {
  TSNode cond = field(if_node, "condition"), cons = field(if_node, "consequence");
  index_list vars = MS_ARRAY_INIT;
  for (int leaves = 1; leaves >= 0; leaves--) {
    if (leaves && !exits(cons)) continue;
    ms_array_clear(&vars);
    contained_vars(c, f, cond, !leaves, &vars);
    TSNode scope = leaves ? ts_node_parent(if_node) : cons;
    for (uint32_t i = 0; i < vars.len; i++) clean_path(c, f, vars.items[i], scope, cl);
  }
  ms_array_free(&vars);
}

/* `p.relative_to(BASE)` (a `raises` check) as a statement: it raises when the resolved path
 * is outside, so the path is clean for the rest of the block; inside a `try` whose every
 * `except` leaves, for the rest of the block holding the `try`. */
static void apply_raises(ctx *c, frame *f, TSNode stmt, cleaning_list *cl) {
  TSNode e = ts_node_named_child(stmt, 0);
  if (ts_node_is_null(e)) return;
  TSNode scope = ts_node_parent(stmt), up = ts_node_parent(scope);
  if (is(up, "try_statement")) {
    for (uint32_t k = 0; k < ts_node_named_child_count(up); k++) {
      TSNode h = ts_node_named_child(up, k);
      if (is(h, "except_clause") && !exits(ts_node_named_child(h, ts_node_named_child_count(h) - 1))) return;
    }
    scope = ts_node_parent(up);
  }
  uint32_t len;
  const char *text = text_of(c, e, &len);
  for (uint32_t i = 0; i < c->set->guards.len; i++) {
    var *v = checked_var(c, f, &c->set->guards.items[i], CHECK_RAISES, text, len);
    if (v && v->resolved) clean_path(c, f, (uint32_t)(v - f->vars.items), scope, cl);
  }
}

/* `target = value`: binds the taint, and for containment notes what kind of path it holds; a
 * variable that was clean before holds only the new value, even when assigned in a branch. */
static void assign(ctx *c, frame *f, TSNode target, TSNode value, bool strong) {
  bool was_tainted = false;
  if (c->containment && is(target, "identifier")) {
    uint32_t len;
    const char *name = text_of(c, target, &len);
    var *v = lookup(f, name, len);
    was_tainted = v && v->step >= 0;
  }
  bind_value(c, f, target, value, strong);
  if (c->containment) note_path(c, f, target, value, strong || !was_tainted);
  if (is(target, "identifier")) { /* instances of the file's classes, for calls of their methods */
    TSNode cls = instance_class(c, f, value);
    uint32_t len;
    const char *name = text_of(c, target, &len);
    var *v = lookup(f, name, len);
    if (v == NULL && !ts_node_is_null(cls)) {
      var nv = {.name = name, .len = len, .step = -1};
      ms_array_push(&f->vars, nv);
      v = ms_array_back(&f->vars);
    }
    if (v) v->cls = cls;
  }
}

/* At the end of a block: the taint cleaned until there comes back (unless re-assigned). */
static void restore_at(frame *f, TSNode n, cleaning_list *cl) {
  for (uint32_t i = cl->len; i-- > 0;) {
    if (!ts_node_eq(cl->items[i].scope, n)) continue;
    var *v = &f->vars.items[cl->items[i].var];
    if (v->step < 0) v->step = cl->items[i].saved;
    memmove(&cl->items[i], &cl->items[i + 1], (cl->len - i - 1) * sizeof *cl->items);
    cl->len--;
  }
}

typedef struct item {
  TSNode node;
  bool exit;
  uint16_t cond; /* conditional constructs between the function and this node */
} item;

/* Walks a function body in source order, updating f's variables and reporting sinks. */
static void walk_function(ctx *c, frame *f, TSNode fn) {
  ms_array(item) stack = MS_ARRAY_INIT;
  cleaning_list cleanings = MS_ARRAY_INIT;
  TSNode body = field(fn, "body");
  if (ts_node_is_null(body)) body = fn;
  ms_array_push(&stack, ((item){body, false, 0}));
  while (stack.len && !c->exhausted) {
    item it = stack.items[--stack.len];
    TSNode n = it.node;
    if (++c->work > MAX_WORK || stack.len > MAX_STACK) {
      c->exhausted = true;
      break;
    }
    const char *t = ts_node_type(n);
    bool strong = it.cond == 0;
    if (it.exit) {
      if (cleanings.len) restore_at(f, n, &cleanings);
      if (strcmp(t, "assignment") == 0 || strcmp(t, "assignment_expression") == 0) {
        TSNode right = field(n, "right");
        if (!ts_node_is_null(right)) assign(c, f, field(n, "left"), right, strong);
      } else if (strcmp(t, "augmented_assignment") == 0 || strcmp(t, "augmented_assignment_expression") == 0) {
        bind(c, f, field(n, "left"), taint_of(c, f, field(n, "right")), false, false);
      } else if (strcmp(t, "variable_declarator") == 0) {
        TSNode value = field(n, "value");
        if (!ts_node_is_null(value) && !is_function_node(value)) {
          assign(c, f, field(n, "name"), value, strong);
        }
      } else if (strcmp(t, "named_expression") == 0) {
        bind(c, f, field(n, "name"), taint_of(c, f, field(n, "value")), false, false);
      }
      continue;
    }
    uint32_t from = 0;
    int32_t sink_step = -2; /* not computed yet */
    for (sink *s = sink_at(c, n, &from); s; s = sink_at(c, n, &from)) {
      if (sink_step == -2) sink_step = taint_of(c, f, n);
      if (sink_step < 0) break;
      report(c, f, s, sink_step, n);
    }
    if (strong && c->pass_rule >= 0 && strcmp(t, "if_statement") == 0) apply_guards(c, f, n);
    if (c->containment && strcmp(t, "if_statement") == 0) apply_containment(c, f, n, &cleanings);
    if (c->containment && strcmp(t, "expression_statement") == 0) apply_raises(c, f, n, &cleanings);
    if (strcmp(t, "for_statement") == 0 || strcmp(t, "for_in_statement") == 0) {
      bind(c, f, field(n, "left"), taint_of(c, f, field(n, "right")), false, false);
    } else if (strcmp(t, "as_pattern") == 0) {
      TSNode alias = field(n, "alias");
      if (!ts_node_is_null(alias)) bind(c, f, alias, taint_of(c, f, ts_node_named_child(n, 0)), false, false);
    } else if (strcmp(t, "return_statement") == 0) {
      TSNode value = ts_node_named_child(n, 0);
      int32_t st = ts_node_is_null(value) ? -1 : taint_of(c, f, value);
      if (st >= 0 && !f->returns_tainted) {
        f->returns_tainted = true;
        f->return_step = st;
      }
    } else if ((strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0)) {
      /* A call to a local function with tainted arguments: follow it (sinks inside). */
      bool method = false;
      TSNode callee_fn = local_callee(c, f, field(n, "function"), &method);
      if (!ts_node_is_null(callee_fn)) analyze_call(c, f, n, callee_fn, method);
    }
    if (is_function_node(n) && !ts_node_eq(n, fn) && (is(n, "function_definition") || is(n, "function_declaration")))
      continue; /* nested named functions are analysed when called */
    ms_array_push(&stack, ((item){n, true, it.cond}));
    uint16_t cond = (uint16_t)(it.cond + (conditional(t) ? 1 : 0));
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = k; i-- > 0;) ms_array_push(&stack, ((item){ts_node_named_child(n, i), false, cond}));
  }
  ms_array_free(&stack);
  ms_array_free(&cleanings);
}

/* Follows a call to a local function: taints its parameters from the call's arguments,
 * walks it (reporting sinks inside) and returns the step of a tainted return value, or -1.
 * Memoised per (function, tainted-parameter mask, tool); recursion is cut by the memo. */
static int32_t analyze_call(ctx *c, frame *f, TSNode call, TSNode fn, bool method) {
  if (f->depth >= MAX_CALL_DEPTH) return -1;
  node_list params = MS_ARRAY_INIT;
  param_names(fn, &params);
  uint32_t offset = method && params.len > 0 ? 1 : 0;
  frame callee = {MS_ARRAY_INIT, tool_at(c, f, ts_node_start_byte(call), ts_node_end_byte(call)), false, -1,
                  f->depth + 1};
  uint32_t mask = 0;
  TSNode args = field(call, "arguments");
  uint32_t na = ts_node_named_child_count(args), pos = 0;
  char *fname = quote(c, field(call, "function"));
  for (uint32_t i = 0; i < na; i++) {
    TSNode a = ts_node_named_child(args, i);
    TSNode target = {0};
    TSNode value = a;
    if (is(a, "keyword_argument")) {
      uint32_t kl;
      const char *ks = text_of(c, field(a, "name"), &kl);
      value = field(a, "value");
      for (uint32_t p = offset; p < params.len; p++) {
        if (ts_node_is_null(params.items[p])) continue;
        uint32_t pl;
        const char *ps = text_of(c, params.items[p], &pl);
        if (pl == kl && memcmp(ps, ks, kl) == 0) target = params.items[p];
      }
    } else if (is(a, "comment")) {
      continue;
    } else {
      if (offset + pos < params.len) target = params.items[offset + pos];
      pos++;
    }
    if (ts_node_is_null(target) || !is(target, "identifier")) continue;
    int32_t st = taint_of(c, f, value);
    if (st < 0) continue;
    for (uint32_t p = 0; p < params.len && p < 32; p++)
      if (ts_node_eq(params.items[p], target)) mask |= 1u << p;
    char *pq = quote(c, target);
    int32_t ps = add_step(c, value, st, ms_xasprintf("passed to `%s()` as `%s`", fname, pq));
    ms_free(pq);
    var v = {0};
    v.name = text_of(c, target, &v.len);
    v.step = ps;
    ms_array_push(&callee.vars, v);
  }
  int32_t result = -1;
  if (mask != 0) {
    uint32_t start = ts_node_start_byte(fn);
    memo *m = NULL;
    for (uint32_t i = 0; i < c->memos.len; i++)
      if (c->memos.items[i].fn_start == start && c->memos.items[i].mask == mask && c->memos.items[i].tool == f->tool)
        m = &c->memos.items[i];
    if (m == NULL) {
      ms_array_push(&c->memos, ((memo){start, mask, f->tool, -1}));
      uint32_t mi = c->memos.len - 1;
      walk_function(c, &callee, fn);
      c->memos.items[mi].returns = callee.returns_tainted ? 1 : 0;
      if (callee.returns_tainted)
        result = add_step(c, call, callee.return_step, ms_xasprintf("returned by `%s()`", fname));
    } else if (m->returns == 1) {
      result = add_step(c, call, callee.vars.len ? callee.vars.items[0].step : -1,
                        ms_xasprintf("returned by `%s()`", fname));
    }
  }
  ms_free(fname);
  ms_array_free(&callee.vars);
  ms_array_free(&params);
  return result;
}

/* ---- the matcher entry -------------------------------------------------------------------- */

typedef struct collect_ctx {
  ctx *c;
} collect_ctx;

static void collect_sink(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m) {
  collect_ctx *cc = payload;
  TSNode sn = ms_query_set_capture(qs, m, "sink");
  TSNode mn = ms_query_set_capture(qs, m, "match");
  if (ts_node_is_null(sn) || ts_node_is_null(mn)) return;
  sink s = {rule, ts_node_start_byte(mn), ts_node_end_byte(mn), ts_node_start_byte(sn), ts_node_end_byte(sn),
            ms_query_set_render(qs, m, cc->c->set->rules[rule].message, cc->c->in->text), false};
  ms_array_push(&cc->c->sinks, s);
}

/* The function node a handler's extent refers to. */
static TSNode handler_node(TSNode root, const ms_handler *h) {
  TSNode n = ts_node_descendant_for_byte_range(root, h->start_byte, h->end_byte);
  while (!ts_node_is_null(n) && !(ts_node_start_byte(n) == h->start_byte && ts_node_end_byte(n) == h->end_byte))
    n = ts_node_parent(n);
  return n;
}

static void analyze_handler(ctx *c, const ms_handler *h) {
  TSNode fn = handler_node(c->in->root, h);
  if (ts_node_is_null(fn)) return;
  c->handler = h;
  frame f = {MS_ARRAY_INIT, h->low_level ? "*" : h->name, false, -1, 0};
  node_list params = MS_ARRAY_INIT;
  param_names(fn, &params);
  /* Destructured JS parameters: the names facts recorded are bound inside the pattern. */
  for (uint32_t i = 0; i < h->params.len; i++) {
    const char *pname = h->params.items[i].name;
    TSNode at = fn;
    for (uint32_t p = 0; p < params.len; p++)
      if (!ts_node_is_null(params.items[p]) && text_is(c, params.items[p], pname)) at = params.items[p];
    char *label = h->low_level ? ms_xasprintf("tool arguments `%s` (low-level handler)", pname)
                  : ms_xasprintf("input `%s` of MCP %s `%s`", pname, ms_handler_kind_name(h->kind), h->name);
    var v = {.name = pname, .len = (uint32_t)strlen(pname), .step = add_step(c, at, -1, label)};
    c->steps.items[v.step].source = pname;
    c->steps.items[v.step].all_inputs = h->low_level;
    ms_array_push(&f.vars, v);
  }
  walk_function(c, &f, fn);
  ms_array_free(&params);
  ms_array_free(&f.vars);
}

/* ---- declared sources: flows that start anywhere in the file ------------------------------ */

static void collect_source(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m) {
  collect_ctx *cc = payload;
  TSNode n = ms_query_set_capture(qs, m, "source");
  if (ts_node_is_null(n)) return;
  src_node sn = {rule, ts_node_start_byte(n), ts_node_end_byte(n), -1};
  ms_array_push(&cc->c->srcs, sn);
}

static int cmp_sink(const void *a, const void *b) {
  const sink *x = a, *y = b;
  if (x->sink_start != y->sink_start) return x->sink_start < y->sink_start ? -1 : 1;
  if (x->sink_end != y->sink_end) return x->sink_end < y->sink_end ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  return x->match_start < y->match_start ? -1 : x->match_start > y->match_start;
}

static int cmp_src(const void *a, const void *b) {
  const src_node *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Walks the module's top level, then each named function on its own (its parameters clean,
 * the module's variables visible), so every sink of the pass is seen once. */
static void walk_file(ctx *c) {
  frame top = {MS_ARRAY_INIT, "*", false, -1, 0};
  c->handler = NULL;
  walk_function(c, &top, c->in->root);
  for (uint32_t i = 0; i < c->fns.len && !c->exhausted; i++) {
    TSNode fn = c->fns.items[i].node;
    if (!is(fn, "function_definition") && !is(fn, "function_declaration")) continue;
    frame f = {MS_ARRAY_INIT, "*", false, -1, 0};
    for (uint32_t k = 0; k < top.vars.len; k++) ms_array_push(&f.vars, top.vars.items[k]);
    walk_function(c, &f, fn);
    ms_array_free(&f.vars);
  }
  ms_array_free(&top.vars);
}

/* One pass per rule with `sources:` or `guards:` that has a sink in the file, checking only its
 * sinks with only its sanitizers and guards; flows start at its sources, or at tool inputs
 * when it has none. Returns false when the sources query was cut short. */
static bool own_passes(ctx *c, ms_match_scratch *scratch) {
  bool complete = true;
  ms_array(uint32_t) done = MS_ARRAY_INIT;
  ms_array(src_node) all = MS_ARRAY_INIT; /* every rule's sources, read on the first pass */
  bool collected = false;
  for (uint32_t i = 0; i < c->sinks.len && !c->exhausted; i++) {
    uint32_t rule = c->sinks.items[i].rule;
    bool seen = !own_pass(&c->set->rules[rule]);
    for (uint32_t k = 0; k < done.len && !seen; k++) seen = done.items[k] == rule;
    if (seen) continue;
    ms_array_push(&done, rule);
    c->pass_rule = (int32_t)rule;
    const ms_rule *pr = &c->set->rules[rule];
    c->containment = pr->ninside + pr->noutside + pr->nraises > 0;
    ms_array_clear(&c->memos); /* what a function returns depends on the pass */
    if (c->set->rules[rule].sources == NULL) { /* guards only: tool inputs, as in the shared pass */
      c->declared = false;
      ms_array_clear(&c->srcs);
      collect_rule_sanitizers(c);
      for (uint32_t h = 0; c->in->facts && h < c->in->facts->handlers.len && !c->exhausted; h++)
        analyze_handler(c, &c->in->facts->handlers.items[h]);
      continue;
    }
    if (c->set->sources == NULL) continue;
    if (!collected) {
      collect_ctx cc = {c};
      if (!c->presources) complete = ms_query_sets_each(c->set->sources, c->lang, scratch, c->in, collect_source, &cc);
      for (uint32_t k = 0; k < c->srcs.len; k++) ms_array_push(&all, c->srcs.items[k]);
      collected = true;
    }
    ms_array_clear(&c->srcs);
    for (uint32_t k = 0; k < all.len; k++)
      if (all.items[k].rule == rule) ms_array_push(&c->srcs, all.items[k]);
    if (c->srcs.len == 0) continue;
    qsort(c->srcs.items, c->srcs.len, sizeof *c->srcs.items, cmp_src);
    c->declared = true;
    collect_rule_sanitizers(c);
    walk_file(c);
  }
  ms_array_clear(&c->srcs);
  c->pass_rule = -1;
  c->containment = false;
  c->declared = false;
  ms_array_free(&all);
  ms_array_free(&done);
  return complete;
}

/* Some rule with `sources:` may run on this file (so files without tool handlers still need
 * the sink query). */
static bool sources_active(const taint_set *ts, ms_lang_id lang, const ms_match_input *in) {
  for (uint32_t i = 0; ts->sources && i < ts->n; i++)
    if (ts->rules[i].sources && ts->rules[i].matcher == MS_MATCHER_TAINT && (ts->rules[i].langs & (1u << lang)) &&
        in->active[i])
      return true;
  return false;
}

static bool run(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                ms_emit_fn emit, void *payload) {
  const taint_set *ts = set;
  if (ts_node_is_null(in->root)) return true;
  bool handlers = in->facts != NULL && in->facts->handlers.len > 0;
  if (!handlers && !sources_active(ts, lang, in)) return true;
  ctx c;
  memset(&c, 0, sizeof c);
  c.set = ts;
  c.lang = lang;
  c.python = lang == MS_LANG_PYTHON;
  c.in = in;
  c.emit = emit;
  c.payload = payload;
  c.pass_rule = -1;
  c.scratch = scratch;
  /* Without tool handlers only the rules with `sources:` can report, and only those whose
   * sources occur in the file: the sink query runs for them alone (their groups hold no other
   * rule), and not at all when no source is in the file. */
  ms_match_input own = *in;
  bool *only = NULL;
  bool complete = true;
  if (!handlers) {
    only = ms_xcalloc(ts->n, sizeof(bool));
    for (uint32_t i = 0; i < ts->n; i++) only[i] = in->active[i] && ts->rules[i].sources != NULL;
    own.active = only;
    c.in = in = &own;
    collect_ctx sc = {&c};
    complete = ms_query_sets_each(ts->sources, lang, scratch, in, collect_source, &sc);
    c.presources = true;
    memset(only, 0, ts->n * sizeof(bool));
    for (uint32_t k = 0; k < c.srcs.len; k++) only[c.srcs.items[k].rule] = true;
  }
  collect_ctx cc = {&c};
  if (!handlers && c.srcs.len == 0) goto done;
  complete &= ms_query_sets_each(ts->sinks, lang, scratch, in, collect_sink, &cc);
  if (c.sinks.len) {
    qsort(c.sinks.items, c.sinks.len, sizeof *c.sinks.items, cmp_sink);
    collect_functions(&c);
    collect_rule_sanitizers(&c);
    for (uint32_t i = 0; handlers && i < in->facts->handlers.len && !c.exhausted; i++)
      analyze_handler(&c, &in->facts->handlers.items[i]);
    complete &= own_passes(&c, scratch);
  }
done:
  ms_free(only);
  for (uint32_t i = 0; i < c.sinks.len; i++) ms_free(c.sinks.items[i].message);
  for (uint32_t i = 0; i < c.steps.len; i++) ms_free(c.steps.items[i].label);
  ms_array_free(&c.sinks);
  ms_array_free(&c.steps);
  ms_array_free(&c.fns);
  ms_array_free(&c.classes);
  ms_array_free(&c.memos);
  for (uint32_t i = 0; i < c.names.len; i++) ms_free(c.names.items[i]);
  ms_array_free(&c.names);
  ms_array_free(&c.rule_sanitizers);
  ms_array_free(&c.srcs);
  return complete && !c.exhausted;
}

size_t ms_taint__compiled_sinks(const void *set) { return ms_query__compiled(((const taint_set *)set)->sinks); }

void ms_taint__sets(const void *set, const ms_query_sets **sinks, const ms_query_sets **sources) {
  *sinks = set ? ((const taint_set *)set)->sinks : NULL;
  *sources = set ? ((const taint_set *)set)->sources : NULL;
}

const ms_matcher ms_matcher_taint = {"taint", true, build, run, free_set};
