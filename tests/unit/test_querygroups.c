/* match/query.c: queries are compiled lazily in groups of the rules a file can match (past
 * their prefilters), each rule once, also when workers meet the same rules concurrently; a
 * file with tool handlers gets its taint sink group compiled alongside its query group. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/worker.h"
#include "harness.h"
#include "js_input.h"
#include "lang/lang.h"
#include "match/matcher.h"
#include "match/query.h"
#include "model/facts.h"
#include "rules/ruleset.h"
#include "util/array.h"
#include "util/xalloc.h"

#define GROUP_RULE(id, name)                                                                        \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"m {{callee}}\"\n"     \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n" \
  "prefilter: [" name "]\nquery: |\n  ((call_expression function: (identifier) @callee) @match\n"    \
  "   (#eq? @callee \"" name "\"))\n"

static ms_ruleset *two_rules(void) {
  static const char *a = GROUP_RULE("t-alpha", "alpha"), *b = GROUP_RULE("t-beta", "beta");
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  if (ms_ruleset_add_yaml(rs, "a.yaml", a, strlen(a), &err) < 0 ||
      ms_ruleset_add_yaml(rs, "b.yaml", b, strlen(b), &err) < 0 || ms_ruleset_freeze(rs, &err) < 0) {
    ms_error_clear(&err);
    ms_ruleset_free(rs);
    return NULL;
  }
  return rs;
}

static size_t compiled(const ms_ruleset *rs) {
  return ms_query__compiled((const ms_query_sets *)ms_ruleset_matcher_set(rs, MS_MATCHER_QUERY));
}

static uint32_t scan_js(ms_ruleset *rs, const char *text) {
  ms_scan_options o;
  ms_scan_options_init(&o);
  ms_worker w;
  ms_worker_init(&w, rs, &o, 0);
  ms_file_result r = {0};
  ms_worker_scan_buffer(&w, "t.js", MS_LANG_JAVASCRIPT, text, (uint32_t)strlen(text), &r);
  uint32_t n = r.findings.len;
  ms_file_result_dispose(&r);
  ms_worker_dispose(&w);
  return n;
}

void test_querygroups__a_rule_is_compiled_only_for_a_file_with_its_literals(void) {
  ms_ruleset *rs = two_rules();
  MS_CHECK(rs != NULL);
  MS_CHECK_INT(compiled(rs), 0); /* freeze compiles nothing built for scanning */
  MS_CHECK_INT(scan_js(rs, "x = 1;\n"), 0);
  MS_CHECK_INT(compiled(rs), 0); /* no rule passes its prefilter: nothing to compile */
  MS_CHECK_INT(scan_js(rs, "alpha(1);\n"), 1);
  MS_CHECK_INT(compiled(rs), 1); /* t-alpha alone: t-beta is not compiled */
  MS_CHECK_INT(scan_js(rs, "alpha(2);\nalpha(3);\n"), 2);
  MS_CHECK_INT(compiled(rs), 1); /* reused */
  MS_CHECK_INT(scan_js(rs, "alpha(1);\nbeta(2);\n"), 2);
  MS_CHECK_INT(compiled(rs), 2); /* a second group with t-beta only */
  MS_CHECK_INT(scan_js(rs, "beta(1);\nalpha(2);\nbeta(3);\n"), 3);
  MS_CHECK_INT(compiled(rs), 2);
  ms_ruleset_free(rs);
}

void test_querygroups__rules_needed_together_compile_as_one_query(void) {
  ms_ruleset *rs = two_rules();
  MS_CHECK(rs != NULL);
  MS_CHECK_INT(scan_js(rs, "beta(1);\nalpha(2);\n"), 2);
  MS_CHECK_INT(compiled(rs), 1);
  MS_CHECK_INT(scan_js(rs, "alpha(2);\n"), 1);
  MS_CHECK_INT(scan_js(rs, "beta(2);\n"), 1);
  MS_CHECK_INT(compiled(rs), 1);
  ms_ruleset_free(rs);
}

enum { RACERS = 8 };

typedef struct racer {
  ms_ruleset *rs;
  pthread_barrier_t *start;
  const char *text;
  uint32_t found;
} racer;

static void *race(void *arg) {
  racer *r = arg;
  pthread_barrier_wait(r->start);
  r->found = scan_js(r->rs, r->text);
  return NULL;
}

/* Scans texts[i] on RACERS threads released at once; found[i] gets each one's findings. */
static void race_all(ms_ruleset *rs, const char *const texts[RACERS], uint32_t found[RACERS]) {
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, RACERS);
  pthread_t th[RACERS];
  racer rc[RACERS];
  for (int i = 0; i < RACERS; i++) {
    rc[i] = (racer){rs, &start, texts[i], 0};
    pthread_create(&th[i], NULL, race, &rc[i]);
  }
  for (int i = 0; i < RACERS; i++) pthread_join(th[i], NULL);
  pthread_barrier_destroy(&start);
  for (int i = 0; i < RACERS; i++) found[i] = rc[i].found;
}

void test_querygroups__concurrent_first_use_compiles_once(void) {
  ms_ruleset *rs = two_rules();
  MS_CHECK(rs != NULL);
  const char *texts[RACERS];
  uint32_t found[RACERS];
  for (int i = 0; i < RACERS; i++) texts[i] = "alpha(1);\nbeta(2);\n";
  race_all(rs, texts, found);
  for (int i = 0; i < RACERS; i++) MS_CHECK_INT(found[i], 2);
  MS_CHECK_INT(compiled(rs), 1);
  ms_ruleset_free(rs);
}

/* Workers that need different, overlapping rules at once each get every match, and no rule is
 * compiled twice (each compile holds at least one rule no other compile holds). */
void test_querygroups__concurrent_different_needs_compile_each_rule_once(void) {
  static const char *const texts[RACERS] = {"alpha(1);\n", "beta(1);\n", "alpha(1);\nbeta(2);\n", "beta(1);\nalpha(2);\n",
                                            "alpha(1);\n", "beta(1);\n", "alpha(1);\n", "beta(1);\nbeta(2);\n"};
  static const uint32_t expect[RACERS] = {1, 1, 2, 2, 1, 1, 1, 2};
  for (int round = 0; round < 20; round++) {
    ms_ruleset *rs = two_rules();
    MS_CHECK(rs != NULL);
    uint32_t found[RACERS];
    race_all(rs, texts, found);
    for (int i = 0; i < RACERS; i++) MS_CHECK_INT(found[i], expect[i]);
    MS_CHECK(compiled(rs) >= 1 && compiled(rs) <= 2);
    MS_CHECK_INT(scan_js(rs, "alpha(1);\nbeta(2);\n"), 2);
    MS_CHECK(compiled(rs) <= 2);
    ms_ruleset_free(rs);
  }
}

typedef struct waiter {
  ms_ruleset *rs;
  uint32_t found;
} waiter;

static void *scan_alpha(void *arg) {
  waiter *w = arg;
  w->found = scan_js(w->rs, "alpha(1);\n");
  return NULL;
}

static uint32_t rule_index(const ms_ruleset *rs, const char *id) {
  for (uint32_t i = 0; i < ms_ruleset_count(rs); i++)
    if (strcmp(ms_ruleset_get(rs, i)->id, id) == 0) return i;
  return UINT32_MAX;
}

/* A worker whose rule another thread is compiling waits without compiling a rule nobody has asked
 * for, and once the other thread's claim goes away without a query it compiles the rule itself. */
void test_querygroups__a_waiting_worker_compiles_nothing_ahead(void) {
  ms_ruleset *rs = two_rules();
  MS_CHECK(rs != NULL);
  const ms_query_sets *qs = (const ms_query_sets *)ms_ruleset_matcher_set(rs, MS_MATCHER_QUERY);
  uint32_t alpha = rule_index(rs, "t-alpha");
  MS_CHECK(alpha != UINT32_MAX);
  ms_query__hold(qs, MS_LANG_JAVASCRIPT, alpha, true);
  waiter w = {rs, 0};
  pthread_t th;
  pthread_create(&th, NULL, scan_alpha, &w);
  struct timespec d = {0, 100000000};
  nanosleep(&d, NULL); /* time for the waiting worker to compile something if it would */
  MS_CHECK_INT(compiled(rs), 0); /* not t-beta, which no file has asked for */
  ms_query__hold(qs, MS_LANG_JAVASCRIPT, alpha, false);
  pthread_join(th, NULL);
  MS_CHECK_INT(w.found, 1);
  MS_CHECK_INT(compiled(rs), 1); /* t-alpha, by the waiting worker */
  MS_CHECK_INT(scan_js(rs, "beta(1);\n"), 1);
  MS_CHECK_INT(compiled(rs), 2); /* t-beta when a file needed it */
  ms_ruleset_free(rs);
}

/* ---- a query set compiles the file's taint sink group alongside its own ------------------- */

#define TAINT_RULE(id, name)                                                                        \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"m\"\n"                \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n" \
  "prefilter: [" name "]\ntaint: |\n  ((call_expression function: (identifier) @f\n"               \
  "     arguments: (arguments (_) @sink)) @match\n   (#eq? @f \"" name "\"))\n"

static void count_match(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m) {
  (void)qs, (void)rule, (void)m;
  (*(uint32_t *)payload)++;
}

/* Runs the query rules of a query set and a taint sink set built over copies of rs's rules,
 * the sinks paired with a set of the taint rules' `sources:` queries as the taint matcher pairs
 * them, on text (a file with tool handlers when handlers is set; in a `-j 1` scan when
 * one_thread is); returns the query matches and fills how many queries each set compiled. */
static uint32_t run_sets(const ms_ruleset *rs, const char *text, bool handlers, bool one_thread, size_t compiled[3]) {
  ms_rule rules[2] = {*ms_ruleset_get(rs, 0), *ms_ruleset_get(rs, 1)}, shadow[2];
  for (int i = 0; i < 2; i++) {
    shadow[i] = rules[i];
    if (rules[i].sources == NULL) shadow[i].matcher = MS_MATCHER_COUNT;
    else shadow[i].pattern = rules[i].sources;
  }
  bool active[2] = {true, true};
  ms_query_sets *sets[3] = {NULL, NULL, NULL}; /* query, taint sinks, taint sources */
  ms_error err = MS_ERROR_INIT;
  ms_query_sets_new(&sets[0], MS_MATCHER_QUERY, rules, 2, &err);
  ms_query_sets_new(&sets[1], MS_MATCHER_TAINT, rules, 2, &err);
  ms_query_sets_new(&sets[2], MS_MATCHER_TAINT, shadow, 2, &err);
  ms_query_sets_then(sets[1], sets[2]);
  js_input j;
  js_input_open(&j, text, active);
  ms_handler h;
  memset(&h, 0, sizeof h);
  if (handlers) ms_array_push(&j.facts.handlers, h);
  j.in.one_thread = one_thread;
  uint32_t found = 0;
  ms_query_sets_each(sets[0], MS_LANG_JAVASCRIPT, &j.scratch, &j.in, count_match, &found);
  js_input_close(&j);
  for (int k = 0; k < 3; k++) {
    compiled[k] = ms_query__compiled(sets[k]);
    ms_query_sets_free(sets[k]);
  }
  return found;
}

/* A frozen ruleset of the query rule a and the taint rule g. */
static ms_ruleset *query_and_taint(const char *a, const char *g) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  if (ms_ruleset_add_yaml(rs, "a.yaml", a, strlen(a), &err) == MS_OK &&
      ms_ruleset_add_yaml(rs, "g.yaml", g, strlen(g), &err) == MS_OK && ms_ruleset_freeze(rs, &err) == MS_OK)
    return rs;
  ms_error_clear(&err);
  ms_ruleset_free(rs);
  return NULL;
}

#define SOURCES_RULE(id, name)                                                                  \
  TAINT_RULE(id, name) "sources: |\n  ((call_expression function: (identifier) @f) @source\n" \
                       "   (#eq? @f \"secret\"))\n"

/* The file's first group also prepares the taint groups it will need, on a helper thread: the
 * sinks when it has tool handlers (without, the taint matcher may never need them), and the
 * `sources:` queries of its active rules (a file without handlers runs them first). A `-j 1`
 * scan asked for one thread: it prepares none, and the taint matcher compiles them in turn. */
void test_querygroups__the_first_group_prepares_the_taint_groups_the_file_needs(void) {
  static const struct {
    bool sources, handlers, one_thread;
    size_t sinks_ahead, sources_ahead;
  } cases[] = {{false, true, false, 1, 0}, {false, false, false, 0, 0}, {true, false, false, 0, 1},
               {true, true, false, 1, 1}, {true, true, true, 0, 0}};
  static const char *a = GROUP_RULE("t-alpha", "alpha"), *g = TAINT_RULE("t-gamma", "gamma"),
                    *gs = SOURCES_RULE("t-gamma", "gamma");
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    ms_ruleset *rs = query_and_taint(a, cases[k].sources ? gs : g);
    MS_CHECK(rs != NULL);
    size_t c[3];
    MS_CHECK_INT(run_sets(rs, "alpha(1);\ngamma(secret());\n", cases[k].handlers, cases[k].one_thread, c), 1);
    MS_CHECK_INT(c[0], 1);
    MS_CHECK_INT(c[1], cases[k].sinks_ahead);
    MS_CHECK_INT(c[2], cases[k].sources_ahead);
    ms_ruleset_free(rs);
  }
}


/* ---- a rule's patterns are compiled each when a file can match it ------------------------ */

/* Whether a file compiles a pattern is decided from the anchors read from the pattern's text
 * (query_preds.h) before tree-sitter reads it: for every built-in pattern and grammar they must
 * be the anchors of the compiled pattern, or a file could skip a pattern it matches. */
void test_querygroups__builtin_patterns_read_the_anchors_they_compile_to(void) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_builtin(rs, &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_OK);
  const ms_query_sets *sets[3] = {ms_ruleset_matcher_set(rs, MS_MATCHER_QUERY), NULL, NULL};
  ms_taint__sets(ms_ruleset_matcher_set(rs, MS_MATCHER_TAINT), &sets[1], &sets[2]);
  for (int k = 0; k < 3; k++) {
    MS_CHECK(sets[k] != NULL);
    char *what = NULL;
    bool same = ms_query__check_units(sets[k], &what);
    if (!same) fprintf(stderr, "    %s\n", what);
    MS_CHECK(same);
    ms_free(what);
  }
  ms_ruleset_free(rs);
}

/* A rule of three call patterns, anchored on alpha, beta and gamma, and one without anchor. */
#define THREE_PATTERNS                                                                              \
  "id: t-three\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"m {{callee}}\"\n"   \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n" \
  "query: |\n"                                                                                      \
  "  ((call_expression function: (identifier) @callee) @match (#eq? @callee \"alpha\"))\n"          \
  "  ((call_expression function: (member_expression property: (property_identifier) @callee)) @match\n" \
  "   (#any-of? @callee \"beta\" \"betaSync\"))\n"                                                  \
  "  ; gamma's pattern\n"                                                                           \
  "  ((new_expression constructor: (identifier) @callee) @match (#match? @callee \"^(?i)gam+a$\"))\n"

/* Runs a query set over rs's rules, taken as built-in ones when builtin is set, on each text in
 * turn; returns the matches of each in found[] and the patterns compiled after each in
 * patterns[]. */
static void run_texts(const ms_ruleset *rs, bool builtin, const char *const *texts, uint32_t n, uint32_t *found,
                      size_t *patterns) {
  ms_rule rules[4];
  bool active[4];
  uint32_t nr = ms_ruleset_count(rs);
  for (uint32_t i = 0; i < nr && i < 4; i++) {
    rules[i] = *ms_ruleset_get(rs, i);
    rules[i].builtin = builtin;
    active[i] = true;
  }
  ms_query_sets *qs = NULL;
  ms_error err = MS_ERROR_INIT;
  ms_query_sets_new(&qs, MS_MATCHER_QUERY, rules, nr, &err);
  for (uint32_t t = 0; t < n; t++) {
    js_input j;
    js_input_open(&j, texts[t], active);
    found[t] = 0;
    ms_query_sets_each(qs, MS_LANG_JAVASCRIPT, &j.scratch, &j.in, count_match, &found[t]);
    js_input_close(&j);
    patterns[t] = ms_query__compiled_patterns(qs);
  }
  ms_query_sets_free(qs);
}

static ms_ruleset *one_rule(const char *yaml) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  if (ms_ruleset_add_yaml(rs, "r.yaml", yaml, strlen(yaml), &err) == MS_OK && ms_ruleset_freeze(rs, &err) == MS_OK)
    return rs;
  ms_error_clear(&err);
  ms_ruleset_free(rs);
  return NULL;
}

/* A grammar's first group holds only the patterns its file can match: those whose anchors'
 * literals occur in it (a case-insensitive regex's in any case). Later files compile the rules'
 * other patterns whole, so that a big scan does not end with a group per pattern. */
void test_querygroups__the_first_group_holds_only_the_patterns_the_file_can_match(void) {
  ms_ruleset *rs = one_rule(THREE_PATTERNS);
  MS_CHECK(rs != NULL);
  static const char *const texts[] = {"x.betaSync(1);\n", "alpha(1);\nx.beta(2);\n", "new GAMMA();\nalpha(3);\n"};
  uint32_t found[3];
  size_t patterns[3];
  run_texts(rs, true, texts, 3, found, patterns);
  MS_CHECK_INT(found[0], 1);
  MS_CHECK_INT(patterns[0], 1); /* beta's alone */
  MS_CHECK_INT(found[1], 2);
  MS_CHECK_INT(patterns[1], 3); /* then the other two, although this file has no gamma */
  MS_CHECK_INT(found[2], 2);
  MS_CHECK_INT(patterns[2], 3);
  /* As a user rule (its reading checked against its validation build), the same. */
  uint32_t user[3];
  run_texts(rs, false, texts, 3, user, patterns);
  MS_CHECK_INT(patterns[0], 1);
  for (int t = 0; t < 3; t++) MS_CHECK_INT(user[t], found[t]);
  /* A file in which only one of the three anchors occurs, first and in another case. */
  static const char *const gamma[] = {"new Gammma();\n"};
  run_texts(rs, true, gamma, 1, found, patterns);
  MS_CHECK_INT(found[0], 1);
  MS_CHECK_INT(patterns[0], 1);
  ms_ruleset_free(rs);
}

/* With MCP_SENTINEL_NO_CONFINE nothing is deferred: the ctest `confine` compares those findings
 * with the default's on every corpus and rule fixture. */
void test_querygroups__nothing_is_deferred_unconfined(void) {
  ms_ruleset *rs = one_rule(THREE_PATTERNS);
  MS_CHECK(rs != NULL);
  static const char *const texts[] = {"x.betaSync(1);\n"};
  uint32_t found[1];
  size_t patterns[1];
  setenv("MCP_SENTINEL_NO_CONFINE", "1", 1); /* read when the sets are made */
  run_texts(rs, true, texts, 1, found, patterns);
  unsetenv("MCP_SENTINEL_NO_CONFINE");
  MS_CHECK_INT(found[0], 1);
  MS_CHECK_INT(patterns[0], 3);
  ms_ruleset_free(rs);
}

/* A predicate may name a capture of another pattern of its rule (captures are query-wide), so
 * such a pattern does not compile alone: none of its rule's patterns is deferred, and the
 * first file that activates the rule compiles them together. */
void test_querygroups__a_user_rule_whose_patterns_share_a_capture_is_compiled_whole(void) {
  static const char *yaml =
      "id: t-shared\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"m\"\n"
      "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n"
      "query: |\n"
      "  ((call_expression function: (identifier) @callee) @match (#eq? @callee \"alpha\"))\n"
      "  ((call_expression function: (member_expression property: (property_identifier) @prop)) @match\n"
      "   (#eq? @prop \"beta\") (#not-eq? @callee \"x\"))\n"
      "  ((new_expression constructor: (identifier) @ctor) @match (#match-fmt? @ctor \"^{{callee}}$\"))\n";
  ms_ruleset *rs = one_rule(yaml);
  MS_CHECK(rs != NULL);
  static const char *const texts[] = {"x.beta(1);\n", "alpha(1);\n"};
  uint32_t found[2];
  size_t patterns[2];
  run_texts(rs, false, texts, 2, found, patterns);
  MS_CHECK_INT(found[0], 1);
  MS_CHECK_INT(patterns[0], 3);
  MS_CHECK_INT(found[1], 1);
  MS_CHECK_INT(patterns[1], 3);
  ms_ruleset_free(rs);
}
