/* match/query_dedup.c and its use in query.c: a pattern that repeats an earlier pattern's
 * structure with other predicates is compiled as a disabled stand-in that rides on the first
 * copy's matches. Each copy must still report exactly its own matches, under its own rule,
 * whichever of the copies' rules are active for the file, confined to its literals or not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "query_run.h"
#include "lang/lang.h"
#include "match/query.h"
#include "match/query_dedup.h"
#include "model/facts.h"
#include "rules/ruleset.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- the combined source: which pieces become stand-ins ----------------------------------- */

static bool append(ms_strbuf *src, const char *text, ms_query_pieces *pieces) {
  return ms_query_dedup_append(src, text, (uint32_t)strlen(text), pieces);
}

#define CALL_EQ(cap, name) \
  "((call_expression function: (identifier) @" cap ") @match (#eq? @" cap " \"" name "\"))"

void test_querydedup__a_later_copy_of_a_structure_is_written_as_a_stand_in(void) {
  ms_strbuf src = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_query_pieces pieces = MS_ARRAY_INIT;
  MS_CHECK(append(&src, CALL_EQ("callee", "alpha"), &pieces));
  /* Blanks, a comment and another predicate kind do not change the structure. */
  MS_CHECK(append(&src,
                                 "; second\n((call_expression\n   function: (identifier) @callee)   @match\n"
                                 "  (#match? @callee \"^be+ta$\"))",
                                 &pieces));
  MS_CHECK(append(&src, CALL_EQ("fn", "gamma"), &pieces)); /* another capture name */
  MS_CHECK(append(&src, "(identifier) @x\n(identifier) @x", &pieces)); /* no parent step */
  MS_CHECK_INT(pieces.len, 5);
  MS_CHECK_INT(pieces.items[0].same_as, -1);
  MS_CHECK_INT(pieces.items[1].same_as, 0);
  MS_CHECK_INT(pieces.items[2].same_as, -1);
  MS_CHECK_INT(pieces.items[3].same_as, -1);
  MS_CHECK_INT(pieces.items[4].same_as, -1);
  const char *s = ms_strbuf_cstr(&src);
  MS_CHECK(strncmp(s + pieces.items[1].start, "((comment) (#match? @callee \"^be+ta$\"))\n", 40) == 0);
  MS_CHECK(strncmp(s + pieces.items[2].start, CALL_EQ("fn", "gamma") "\n", strlen(CALL_EQ("fn", "gamma")) + 1) == 0);
  /* A text this reading does not follow adds nothing: the caller compiles it as written. */
  size_t len = src.len;
  MS_CHECK(!append(&src, CALL_EQ("callee", "x") " \"stray\"", &pieces));
  MS_CHECK(!append(&src, "((call_expression) @match", &pieces));
  MS_CHECK_INT(src.len, len);
  MS_CHECK_INT(pieces.len, 5);
  ms_query_pieces_free(&pieces);
  ms_strbuf_dispose(&src);
}

/* \f and \v separate tokens as blanks do (tree-sitter reads iswspace): not part of the structure. */
void test_querydedup__form_feed_and_vertical_tab_are_blanks(void) {
  ms_strbuf src = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_query_pieces pieces = MS_ARRAY_INIT;
  MS_CHECK(append(&src, CALL_EQ("callee", "alpha"), &pieces));
  MS_CHECK(append(&src,
                                 "\v((call_expression\ffunction: (identifier) @callee) @match\v"
                                 "(#eq? @callee \"beta\"))\f",
                                 &pieces));
  MS_CHECK_INT(pieces.len, 2);
  MS_CHECK_INT(pieces.items[1].same_as, 0);
  ms_query_pieces_free(&pieces);
  ms_strbuf_dispose(&src);
}

/* ---- matches of the copies ----------------------------------------------------------------- */

#define DEDUP_RULE QUERY_RUN_RULE

enum { NRULES = 4 };

/* t-alpha and t-beta differ only in their #eq? string, t-delta's first pattern is a third copy
 * (its second another structure), t-gamma has the structure with another capture name. */
static const char *const rule_yaml[NRULES] = {
    DEDUP_RULE("t-alpha", "callee", "  " CALL_EQ("callee", "alpha")),
    DEDUP_RULE("t-beta", "callee", "  ((call_expression function: (identifier) @callee) @match\n"
                         "   (#match? @callee \"^be+ta$\"))"),
    DEDUP_RULE("t-gamma", "fn", "  " CALL_EQ("fn", "gamma")),
    DEDUP_RULE("t-delta", "callee", "  " CALL_EQ("callee", "delta") "\n"
                          "  ((new_expression constructor: (identifier) @callee) @match (#eq? @callee \"delta\"))"),
};

static ms_ruleset *dedup_rules(void) { return query_run_rules(rule_yaml, NRULES); }

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The matches of the rules with active[i] set on text, sorted, as "msg;msg;...". */
static char *run(const ms_ruleset *rs, const char *text, const bool *active) {
  char *all = query_run(rs, NRULES, text, active, false);
  /* Sort the entries: the order of matches is not what is tested. */
  char *items[32];
  uint32_t n = 0;
  for (char *save = NULL, *t = strtok_r(all, ";", &save); t && n < 32; t = strtok_r(NULL, ";", &save)) items[n++] = t;
  qsort(items, n, sizeof *items, cmp_str);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t i = 0; i < n; i++) {
    ms_strbuf_puts(&b, items[i]);
    ms_strbuf_putc(&b, ';');
  }
  char *sorted = ms_xstrdup(b.len ? ms_strbuf_cstr(&b) : "");
  ms_strbuf_dispose(&b);
  ms_free(all);
  return sorted;
}

static const char *const code = "alpha(1);\nbeta(2);\nbeeta(3);\ngamma(4);\ndelta(5);\nnew delta(6);\nother(7);\n";

/* The matches on text of the rules named in ids ("t-alpha t-beta"). */
static char *run_rules(const ms_ruleset *rs, const char *text, const char *ids) {
  bool active[NRULES];
  query_run_active(rs, NRULES, ids, active);
  return run(rs, text, active);
}

#define CHECK_RUN(rs, text, ids, want)         \
  do {                                         \
    char *_got = run_rules(rs, text, ids);     \
    MS_CHECK_STR(_got, want);                  \
    ms_free(_got);                             \
  } while (0)

static void check_copies(const ms_ruleset *rs) {
  const char *all = "t-alpha t-beta t-gamma t-delta", *no_alpha = "t-beta t-gamma t-delta";
  CHECK_RUN(rs, code, all, "t-alpha alpha;t-beta beeta;t-beta beta;t-delta delta;t-delta delta;t-gamma gamma;");
  /* The first copy's rule inactive: its copies still match (the pattern they ride on runs). */
  CHECK_RUN(rs, code, no_alpha, "t-beta beeta;t-beta beta;t-delta delta;t-delta delta;t-gamma gamma;");
  CHECK_RUN(rs, "beta(1);\n", no_alpha, "t-beta beta;");
  CHECK_RUN(rs, code, "t-delta", "t-delta delta;t-delta delta;");
  CHECK_RUN(rs, "x();\ndelta(2);\n", "t-delta", "t-delta delta;");
  CHECK_RUN(rs, code, "t-beta", "t-beta beeta;t-beta beta;");
  /* Each copy on the other's code: nothing. */
  CHECK_RUN(rs, "beta(1);\ndelta(2);\ngamma(3);\n", "t-alpha", "");
  CHECK_RUN(rs, "alpha(1);\n", "t-delta", "");
  CHECK_RUN(rs, "alpha(1);\n", no_alpha, "");
}

void test_querydedup__each_copy_reports_its_own_matches(void) {
  ms_ruleset *rs = dedup_rules();
  MS_CHECK(rs != NULL);
  if (rs == NULL) return;
  bool confine = ms_query__confine;
  ms_query__confine = true; /* around each rule's own literals */
  check_copies(rs);
  ms_query__confine = false; /* the whole tree */
  check_copies(rs);
  ms_query__confine = confine;
  ms_ruleset_free(rs);
}
