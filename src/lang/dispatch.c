/* Which tool a line of a low-level dispatcher belongs to. A low-level handler (Python
 * `@server.call_tool()`, TS `setRequestHandler(CallToolRequestSchema, ...)`) serves every tool
 * and branches on the tool name: `if name == "run":`, `elif name == ...`, `match name: case
 * "run":`, `if (name === "run")`, `switch (name) { case "run": ... }`. We walk up from the
 * finding to the handler and take the first branch whose condition compares a name-like
 * value with a string literal. */
#include <string.h>

#include "lang/facts.h"
#include "lang/facts_p.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_DEPTH 4096

static bool inside(TSNode outer, uint32_t start, uint32_t end) {
  return !ts_node_is_null(outer) && ts_node_start_byte(outer) <= start && end <= ts_node_end_byte(outer);
}

/* A string literal's content, without quotes or prefixes; NULL for anything else (an
 * f-string or a template with substitutions is not a literal name). */
static char *literal(const char *text, uint32_t len, TSNode n) {
  const char *t = ts_node_type(n);
  if (strcmp(t, "string") != 0 && strcmp(t, "template_string") != 0) return NULL;
  uint32_t named = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < named; i++) {
    const char *ct = ts_node_type(ts_node_named_child(n, i));
    if (strcmp(ct, "interpolation") == 0 || strcmp(ct, "template_substitution") == 0 ||
        strcmp(ct, "escape_sequence") == 0)
      return NULL;
  }
  uint32_t l = 0;
  const char *s = ms_facts__text(text, len, n, &l);
  uint32_t a = 0, b = l;
  while (a < b && s[a] != '"' && s[a] != '\'' && s[a] != '`') a++; /* prefixes like r"" */
  uint32_t q = 1;
  if (b - a >= 6 && (strncmp(s + a, "\"\"\"", 3) == 0 || strncmp(s + a, "'''", 3) == 0)) q = 3;
  if (b - a < 2 * q) return NULL;
  return ms_utf8_sanitize(s + a + q, b - a - 2 * q);
}

/* `x == "lit"` / `"lit" === x` where x's text ends in "name" (name, tool_name,
 * request.params.name, toolName...): the literal, else NULL. */
static char *name_comparison(const char *text, uint32_t len, TSNode cond) {
  while (!ts_node_is_null(cond) && strcmp(ts_node_type(cond), "parenthesized_expression") == 0)
    cond = ms_facts__first_child(cond);
  if (ts_node_is_null(cond)) return NULL;
  const char *t = ts_node_type(cond);
  if (strcmp(t, "comparison_operator") != 0 && strcmp(t, "binary_expression") != 0) return NULL;
  if (ts_node_named_child_count(cond) != 2) return NULL;
  uint32_t oplen = 0;
  TSNode a = ts_node_named_child(cond, 0), b = ts_node_named_child(cond, 1);
  /* The operator is the text between the operands. */
  const char *op = text + ts_node_end_byte(a);
  oplen = ts_node_start_byte(b) - ts_node_end_byte(a);
  char opbuf[8] = {0};
  uint32_t k = 0;
  for (uint32_t i = 0; i < oplen && k < sizeof opbuf - 1; i++)
    if (op[i] != ' ' && op[i] != '\t' && op[i] != '\n') opbuf[k++] = op[i];
  if (strcmp(opbuf, "==") != 0 && strcmp(opbuf, "===") != 0) return NULL;
  char *lit = literal(text, len, b);
  TSNode other = a;
  if (lit == NULL) {
    lit = literal(text, len, a);
    other = b;
  }
  if (lit == NULL) return NULL;
  uint32_t ol = 0;
  const char *os = ms_facts__text(text, len, other, &ol);
  bool namey = ol >= 4 && (strncmp(os + ol - 4, "name", 4) == 0 || strncmp(os + ol - 4, "Name", 4) == 0);
  if (!namey) {
    ms_free(lit);
    return NULL;
  }
  return lit;
}

char *ms_facts_dispatch_name(TSNode root, uint32_t start, uint32_t end, const ms_handler *h, const char *text,
                             uint32_t len) {
  if (ts_node_is_null(root)) return NULL;
  TSNode n = ts_node_descendant_for_byte_range(root, start, end);
  for (int depth = 0; !ts_node_is_null(n) && depth < MAX_DEPTH; depth++, n = ts_node_parent(n)) {
    if (ts_node_start_byte(n) < h->start_byte) break; /* left the handler */
    const char *t = ts_node_type(n);
    char *name = NULL;
    if (strcmp(t, "if_statement") == 0 || strcmp(t, "elif_clause") == 0) {
      /* Only the branch taken when the condition holds. */
      if (inside(ts_node_child_by_field_name(n, "consequence", 11), start, end))
        name = name_comparison(text, len, ts_node_child_by_field_name(n, "condition", 9));
    } else if (strcmp(t, "switch_case") == 0) { /* JS: switch (name) { case "x": ... } */
      TSNode sw = ts_node_parent(ts_node_parent(n));
      TSNode disc = ts_node_is_null(sw) ? sw : ts_node_child_by_field_name(sw, "value", 5);
      uint32_t dl = 0;
      const char *ds = ms_facts__text(text, len, disc, &dl);
      while (dl > 0 && ds[dl - 1] == ')') dl--;
      if (dl >= 4 && (strncmp(ds + dl - 4, "name", 4) == 0 || strncmp(ds + dl - 4, "Name", 4) == 0))
        name = literal(text, len, ts_node_child_by_field_name(n, "value", 5));
    } else if (strcmp(t, "case_clause") == 0) { /* Python: match name: case "x": ... */
      TSNode pat = ms_facts__first_child(n);
      if (!ts_node_is_null(pat) && strcmp(ts_node_type(pat), "case_pattern") == 0) pat = ms_facts__first_child(pat);
      TSNode match = ts_node_parent(ts_node_parent(n));
      TSNode subj = ts_node_is_null(match) ? match : ts_node_child_by_field_name(match, "subject", 7);
      uint32_t sl = 0;
      const char *ss = ms_facts__text(text, len, subj, &sl);
      if (!ts_node_is_null(pat) && sl >= 4 && (strncmp(ss + sl - 4, "name", 4) == 0 || strncmp(ss + sl - 4, "Name", 4) == 0))
        name = literal(text, len, pat);
    }
    if (name) return name;
  }
  return NULL;
}
