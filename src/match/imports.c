/* Which module a file imports a name from; see imports.h. Only the file's top level is read:
 * imports inside functions or blocks are rare and would shadow only there. */
#include "match/imports.h"

#include <string.h>

typedef struct want {
  const char *src;
  uint32_t src_len;
  const char *name;
  uint32_t len;
} want;

static const char *type(TSNode n) { return ts_node_is_null(n) ? "" : ts_node_type(n); }
static bool is(TSNode n, const char *t) { return strcmp(type(n), t) == 0; }
static TSNode field(TSNode n, const char *f) {
  return ts_node_is_null(n) ? n : ts_node_child_by_field_name(n, f, (uint32_t)strlen(f));
}

static bool names(const want *w, TSNode n) {
  if (ts_node_is_null(n)) return false;
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return e <= w->src_len && e - s == w->len && memcmp(w->src + s, w->name, w->len) == 0;
}

/* The text of a string literal node without its quotes. */
static const char *unquote(const want *w, TSNode str, uint32_t *out_len) {
  uint32_t s = ts_node_start_byte(str), e = ts_node_end_byte(str);
  if (e > w->src_len || e - s < 2) return NULL;
  *out_len = e - s - 2;
  return w->src + s + 1;
}

/* ESM: import d, { a, b as c } from "m"; import * as ns from "m". */
static bool esm_binds(const want *w, TSNode stmt) {
  TSNode clause = {0};
  for (uint32_t i = 0; i < ts_node_named_child_count(stmt); i++)
    if (is(ts_node_named_child(stmt, i), "import_clause")) clause = ts_node_named_child(stmt, i);
  for (uint32_t i = 0; !ts_node_is_null(clause) && i < ts_node_named_child_count(clause); i++) {
    TSNode c = ts_node_named_child(clause, i);
    if (is(c, "identifier") && names(w, c)) return true;
    if (is(c, "namespace_import") && names(w, ts_node_named_child(c, 0))) return true;
    for (uint32_t k = 0; is(c, "named_imports") && k < ts_node_named_child_count(c); k++) {
      TSNode spec = ts_node_named_child(c, k);
      TSNode bound = field(spec, "alias");
      if (ts_node_is_null(bound)) bound = field(spec, "name");
      if (is(spec, "import_specifier") && names(w, bound)) return true;
    }
  }
  return false;
}

/* CommonJS: the require("m") call a declarator's value is (or reads a property of), or null. */
static TSNode require_call(const want *w, TSNode value) {
  while (is(value, "member_expression") || is(value, "await_expression")) value = ts_node_named_child(value, 0);
  TSNode callee = field(value, "function");
  if (!is(value, "call_expression") || !names(&(want){w->src, w->src_len, "require", 7}, callee))
    return (TSNode){0};
  return value;
}

/* const name = ...; const { name, x: name, name = d } = ... */
static bool pattern_binds(const want *w, TSNode pat) {
  if (is(pat, "identifier")) return names(w, pat);
  for (uint32_t i = 0; is(pat, "object_pattern") && i < ts_node_named_child_count(pat); i++) {
    TSNode p = ts_node_named_child(pat, i);
    if (is(p, "shorthand_property_identifier_pattern") && names(w, p)) return true;
    if (is(p, "pair_pattern") && is(field(p, "value"), "identifier") && names(w, field(p, "value"))) return true;
    if (is(p, "object_assignment_pattern") && names(w, field(p, "left"))) return true;
  }
  return false;
}

/* Python: from m import a, b as c; import m as c; import m. */
static const char *python_module(const want *w, TSNode stmt, uint32_t *out_len) {
  TSNode module = field(stmt, "module_name");
  for (uint32_t i = 0; i < ts_node_named_child_count(stmt); i++) {
    TSNode c = ts_node_named_child(stmt, i);
    if (!ts_node_is_null(module) && ts_node_eq(c, module)) continue;
    TSNode bound = is(c, "aliased_import") ? field(c, "alias") : c;
    TSNode from = is(c, "aliased_import") ? field(c, "name") : c;
    if (!names(w, bound)) continue;
    TSNode m = ts_node_is_null(module) ? from : module;
    *out_len = ts_node_end_byte(m) - ts_node_start_byte(m);
    return w->src + ts_node_start_byte(m);
  }
  return NULL;
}

const char *ms_imports_module_of(TSNode root, const char *src, uint32_t src_len, const char *name, uint32_t len,
                                 uint32_t *out_len) {
  want w = {src, src_len, name, len};
  uint32_t n = ts_node_named_child_count(root);
  for (uint32_t i = 0; i < n; i++) {
    TSNode stmt = ts_node_named_child(root, i);
    if (is(stmt, "import_statement") && !ts_node_is_null(field(stmt, "source"))) {
      if (esm_binds(&w, stmt)) return unquote(&w, field(stmt, "source"), out_len);
    } else if (is(stmt, "import_from_statement") || is(stmt, "import_statement")) {
      const char *m = python_module(&w, stmt, out_len);
      if (m) return m;
    } else if (is(stmt, "lexical_declaration") || is(stmt, "variable_declaration")) {
      for (uint32_t k = 0; k < ts_node_named_child_count(stmt); k++) {
        TSNode d = ts_node_named_child(stmt, k);
        TSNode call = require_call(&w, field(d, "value"));
        if (ts_node_is_null(call) || !pattern_binds(&w, field(d, "name"))) continue;
        TSNode arg = ts_node_named_child(field(call, "arguments"), 0);
        return is(arg, "string") ? unquote(&w, arg, out_len) : NULL;
      }
    }
  }
  return NULL;
}
