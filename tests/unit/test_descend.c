/* match/query.c: a confined run starts below the tree's root, at the highest node on the path
 * down to its range whose type some active pattern has at its root. It must find exactly the
 * matches a run from the root finds: patterns rooted several levels above their literal, calls
 * nested in calls of the same type, patterns rooted at the program, wildcard roots, ranges that
 * span two statements, in a file long enough that the nodes around the range matter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "match/pattern_shape.h"
#include "query_run.h"

#define RULE QUERY_RUN_RULE

enum { NRULES = 5 };

static const char *const rule_yaml[NRULES] = {
    /* rooted three levels above its literal (class > body > method > name) */
    RULE("t-class", "n", "  ((class_declaration name: (identifier) @n\n"
                         "     body: (class_body (method_definition name: (property_identifier) @m))) @match\n"
                         "   (#eq? @m \"target\"))"),
    /* a call whose callee's property is the literal: nested calls are both call_expressions */
    RULE("t-exec", "o", "  ((call_expression function: (member_expression object: (_) @o\n"
                        "     property: (property_identifier) @p)) @match (#eq? @p \"exec\"))"),
    /* rooted at the program node itself */
    RULE("t-top", "f", "  ((program (expression_statement (call_expression function: (identifier) @f))) @match\n"
                       "   (#eq? @f \"toplevel\"))"),
    /* a wildcard root: the run must start at the tree's root */
    RULE("t-wild", "f", "  ((_ function: (identifier) @f) @match (#eq? @f \"wildcall\"))"),
    /* an alternation of roots */
    RULE("t-alt", "f", "  [((call_expression function: (identifier) @f) @match (#eq? @f \"altcall\"))\n"
                       "   ((new_expression constructor: (identifier) @f) @match (#eq? @f \"altcall\"))]"),
};

/* The matches of the rules named in ids on text, in the order reported, as "msg@start;...". */
static char *run(const ms_ruleset *rs, const char *text, const char *ids) {
  bool active[NRULES];
  query_run_active(rs, NRULES, ids, active);
  return query_run(rs, NRULES, text, active, true);
}

/* A file with the interesting code in the middle of many statements, nested in functions. */
static char *long_file(void) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (int i = 0; i < 60; i++) ms_strbuf_printf(&b, "function before%d(a) { return a + %d; }\n", i, i);
  ms_strbuf_puts(&b, "toplevel(1);\n"
                     "function outer() {\n"
                     "  const x = 1;\n"
                     "  class Inner { other() {} target() { return 1; } }\n"
                     "  wrap(child.exec(cmd), other.exec(child2.exec(y)));\n"
                     "  wildcall(2); new altcall(3); altcall(4);\n"
                     "  a.exec(1); b.exec(2);\n" /* two occurrences in one range */
                     "  toplevel(5);\n"          /* not at the top level: no t-top match */
                     "}\n"
                     "class Top { target() {} }\n");
  for (int i = 0; i < 60; i++) ms_strbuf_printf(&b, "function after%d(a) { return a * %d; }\n", i, i);
  char *s = ms_xstrdup(ms_strbuf_cstr(&b));
  ms_strbuf_dispose(&b);
  return s;
}

/* The matches of ids on text with runs started below the root (*below) and from it (*root). */
static void run_both(const ms_ruleset *rs, const char *text, const char *ids, char **below, char **root) {
  bool confine = ms_query__confine, descend = ms_query__descend;
  ms_query__confine = true;
  ms_query__descend = true;
  *below = run(rs, text, ids);
  ms_query__descend = false;
  *root = run(rs, text, ids);
  ms_query__confine = confine;
  ms_query__descend = descend;
}

/* The same matches, in the same order, from below the root and from it, and those are want
 * (NULL: only the same). */
static void check_same(const ms_ruleset *rs, const char *text, const char *ids, const char *want) {
  char *below, *root;
  run_both(rs, text, ids, &below, &root);
  MS_CHECK_STR(below, root);
  if (want) MS_CHECK_STR(below, want);
  ms_free(below);
  ms_free(root);
}

void test_descend__a_run_below_the_root_finds_what_a_run_from_it_finds(void) {
  ms_ruleset *rs = query_run_rules(rule_yaml, NRULES);
  MS_CHECK(rs != NULL);
  if (rs == NULL) return;
  char *text = long_file();
  char want[1024];
  /* Positions are found from the text, so the expectations read as code. */
#define AT(s) ((unsigned)(strstr(text, s) - text))
  snprintf(want, sizeof want, "t-class Inner@%u;t-class Top@%u;", AT("class Inner"), AT("class Top"));
  check_same(rs, text, "t-class", want);
  snprintf(want, sizeof want, "t-exec child@%u;t-exec other@%u;t-exec child2@%u;t-exec a@%u;t-exec b@%u;",
           AT("child.exec"), AT("other.exec"), AT("child2.exec"), AT("a.exec"), AT("b.exec"));
  check_same(rs, text, "t-exec", want);
  check_same(rs, text, "t-top", "t-top toplevel@0;"); /* the match is the program: at 0 */
  snprintf(want, sizeof want, "t-wild wildcall@%u;", AT("wildcall"));
  check_same(rs, text, "t-wild", want);
  snprintf(want, sizeof want, "t-alt altcall@%u;t-alt altcall@%u;", AT("new altcall"), AT("altcall(4)"));
  check_same(rs, text, "t-alt", want);
  /* Several rules at once: their roots together decide where each run starts. */
  char *below, *root;
  run_both(rs, text, "t-class t-exec t-top t-wild t-alt", &below, &root);
  MS_CHECK_STR(below, root);
  MS_CHECK(strstr(below, "t-class Inner") && strstr(below, "t-exec child2") && strstr(below, "t-top"));
  ms_free(below);
  ms_free(root);
  check_same(rs, text, "t-class t-exec", NULL);
#undef AT
  ms_free(text);
  ms_ruleset_free(rs);
}

static void check_root(const char *pat, const char *want) {
  uint32_t type = 0, tlen = 0;
  char got[128] = "(none)";
  if (ms_pattern_shape_root_type(pat, (uint32_t)strlen(pat), &type, &tlen)) snprintf(got, sizeof got, "%.*s", (int)tlen, pat + type);
  MS_CHECK_STR(got, want);
}

void test_descend__the_root_type_of_a_pattern(void) {
  check_root("((call function: (_) @f) @match (#eq? @f \"eval\"))", "call");
  check_root("(call) @x", "call");
  check_root("; a comment\n(decorated_definition (decorator) @d)", "decorated_definition");
  check_root("(ERROR (identifier) @x)", "ERROR");
  check_root("(expression/identifier) @x", "expression/identifier");
  check_root("(_ (call) @c) @x", "(none)");
  check_root("(_) @x", "(none)");
  check_root("[(call) (attribute)] @x", "(none)");
  check_root("\"eval\" @x", "(none)");
  check_root("(call)* @x", "(none)");
  check_root("((call) @x)?", "(none)");
  check_root("((call) (call)) @x", "(none)");
  check_root("((call) @a (#eq? @a \"x\")) (call)", "(none)"); /* two patterns */
  check_root("((call) @a", "(none)");                           /* unbalanced */
}
