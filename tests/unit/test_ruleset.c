/* rules/ + match/: YAML loading, validation errors with positions, query predicates, regexes. */
#include <stdio.h>
#include <string.h>

#include "core/worker.h"
#include "harness.h"
#include "match/query.h"
#include "rules/builtin.h"
#include "rules/ruleset.h"
#include "util/sha256.h"
#include "util/xalloc.h"

#define RULE_HEAD(id)                                                                   \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"m {{callee}}\"\n" \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\n"

static ms_status load(const char *yaml, ms_ruleset **out, ms_error *err) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_status st = ms_ruleset_add_yaml(rs, "r.yaml", yaml, strlen(yaml), err);
  if (st == MS_OK) st = ms_ruleset_freeze(rs, err);
  if (st < 0) {
    ms_ruleset_free(rs);
    rs = NULL;
  }
  *out = rs;
  return st;
}

/* Scans text as lang with every rule of rs; returns the number of findings, fills lines. */
static uint32_t scan(ms_ruleset *rs, ms_lang_id lang, const char *text, uint32_t *lines, uint32_t max,
                     char **first_message) {
  ms_scan_options o;
  ms_scan_options_init(&o);
  ms_worker w;
  ms_worker_init(&w, rs, &o, 0);
  ms_file_result r = {0};
  ms_worker_scan_buffer(&w, "t", lang, text, (uint32_t)strlen(text), &r);
  uint32_t n = r.findings.len;
  for (uint32_t i = 0; i < n && i < max; i++) lines[i] = r.findings.items[i].span.start_line;
  if (first_message) *first_message = n ? ms_xstrdup(r.findings.items[0].message) : NULL;
  ms_file_result_dispose(&r);
  ms_worker_dispose(&w);
  return n;
}

void test_ruleset__query_rule_with_predicates(void) {
  const char *yaml = RULE_HEAD("t-system")
      "languages: [python]\n"
      "query: |\n"
      "  ((call function: (attribute object: (identifier) @o attribute: (identifier) @a) @callee\n"
      "    arguments: (argument_list . (_) @arg)) @match\n"
      "   (#eq? @o \"os\")\n"
      "   (#any-of? @a \"system\" \"popen\")\n"
      "   (#not-match? @arg \"^[\\\"']\"))\n";
  ms_ruleset *rs;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(yaml, &rs, &err), MS_OK);
  uint32_t lines[8];
  char *msg = NULL;
  const char *src = "import os\nos.system(cmd)\nos.system('ls')\nos.popen(x)\nos.remove(x)\nnot_os.system(x)\n";
  MS_CHECK_INT(scan(rs, MS_LANG_PYTHON, src, lines, 8, &msg), 2);
  MS_CHECK_INT(lines[0], 2);
  MS_CHECK_INT(lines[1], 4);
  MS_CHECK_STR(msg, "m os.system");
  ms_free(msg);
  ms_ruleset_free(rs);
}

/* Loads one rule, scans src as Python and checks that exactly lines l1 and l2 are reported. */
static void expect_two_lines(const char *yaml, const char *src, uint32_t l1, uint32_t l2) {
  ms_ruleset *rs;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(yaml, &rs, &err), MS_OK);
  uint32_t lines[8];
  MS_CHECK_INT(scan(rs, MS_LANG_PYTHON, src, lines, 8, NULL), 2);
  MS_CHECK_INT(lines[0], l1);
  MS_CHECK_INT(lines[1], l2);
  ms_ruleset_free(rs);
}

void test_ruleset__sibling_predicates(void) {
  /* #not-preceded-by?: no earlier sibling is "--". */
  expect_two_lines(RULE_HEAD("t-argv")
                   "languages: [python]\n"
                   "query: |\n"
                   "  ((list . (string) @callee (identifier) @match)\n"
                   "   (#not-preceded-by? @match \"\\\"--\\\"\" \"'--'\"))\n",
                   "a = [\"git\", \"log\", ref]\n"
                   "b = [\"git\", \"log\", \"--\", ref]\n"
                   "c = ['git', ref, '--', path]\n",
                   1, 3);
  /* #not-after?: the sibling right before does not match. */
  expect_two_lines(RULE_HEAD("t-optval")
                   "languages: [python]\n"
                   "query: |\n"
                   "  ((list . (string) @callee (identifier) @match)\n"
                   "   (#not-after? @match \"\\\\A\\\"-m\\\"\\\\z\"))\n",
                   "a = [\"git\", \"commit\", \"-m\", msg]\n"
                   "b = [\"git\", \"status\", \"-s\", flags]\n"
                   "c = [\"git\", rev]\n",
                   2, 3);
}

/* #match-fmt?: the regex names another capture's text (escaped); #not-in-function?: the
 * innermost function around the capture does not match. */
void test_ruleset__capture_regex_and_function_predicates(void) {
  expect_two_lines(RULE_HEAD("t-fmt")
                   "languages: [python]\n"
                   "query: |\n"
                   "  ((block (expression_statement (assignment left: (identifier) @v right: (call) @callee))\n"
                   "          (if_statement condition: (_) @match))\n"
                   "   (#match-fmt? @match \"(?<![\\\\w.]){{v}}\\\\.role\\\\b\")\n"
                   "   (#not-in-function? @match \"verify\\\\(\"))\n",
                   "def a(t):\n"
                   "    c = decode(t)\n"
                   "    if c.role == 'admin':\n"     /* 3 */
                   "        pass\n"
                   "def b(t):\n"
                   "    c = decode(t)\n"
                   "    if c.exp < now or xc.role:\n" /* another variable */
                   "        pass\n"
                   "def c(t):\n"
                   "    verify(t)\n"
                   "    c = decode(t)\n"
                   "    if c.role == 'admin':\n"     /* verified first */
                   "        pass\n"
                   "def d(t):\n"
                   "    c_ = decode(t)\n"
                   "    if x and c_.role:\n"         /* 16 */
                   "        pass\n",
                   3, 16);
  /* A {{name}} that is no capture of the pattern is a load error. */
  ms_ruleset *rs;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(RULE_HEAD("t-fmt-bad")
                    "languages: [python]\n"
                    "query: |\n"
                    "  ((call) @match (#match-fmt? @match \"{{nope}}\"))\n",
                    &rs, &err),
               MS_EPARSE);
  MS_CHECK(strstr(err.message, "names a {{capture}}") != NULL);
  ms_error_clear(&err);
}

/* A taint rule with `sources:` starts flows at its @source captures anywhere in the file (not
 * at tool inputs), and its sources do not taint the sinks of another rule. */
void test_ruleset__taint_declared_sources(void) {
  const char *secret = RULE_HEAD("t-secret-log")
      "languages: [python]\n"
      "taint: |\n"
      "  ((call function: (identifier) @callee arguments: (argument_list) @sink) @match\n"
      "   (#eq? @callee \"log\"))\n"
      "sources: |\n"
      "  ((identifier) @source (#match? @source \"TOKEN\\\\z\"))\n";
  const char *tool = RULE_HEAD("t-tool-shell")
      "languages: [python]\n"
      "taint: |\n"
      "  ((call function: (identifier) @callee arguments: (argument_list . (_) @sink)) @match\n"
      "   (#eq? @callee \"shell\"))\n";
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "a.yaml", secret, strlen(secret), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "b.yaml", tool, strlen(tool), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_OK);
  uint32_t lines[8];
  char *msg = NULL;
  const char *src = "from mcp.server.fastmcp import FastMCP\n"
                    "mcp = FastMCP('x')\n"
                    "key = API_TOKEN + '!'\n"
                    "log('starting', key)\n"        /* 4: secret flow at module level */
                    "log('starting')\n"
                    "shell(API_TOKEN)\n"            /* a secret is not tool input */
                    "@mcp.tool()\n"
                    "def run(cmd: str) -> str:\n"
                    "    log(cmd)\n"                /* tool input is not a secret */
                    "    return shell(cmd)\n";      /* 10: tool input reaches the shell */
  MS_CHECK_INT(scan(rs, MS_LANG_PYTHON, src, lines, 8, &msg), 2);
  MS_CHECK_INT(lines[0], 4);
  MS_CHECK_INT(lines[1], 10);
  ms_free(msg);
  ms_ruleset_free(rs);
}

void test_ruleset__regex_rule_and_named_group(void) {
  const char *yaml = RULE_HEAD("t-regex")
      "languages: [text]\n"
      "message: \"found {{val}}\"\n";
  /* message given twice is an error: check that first. */
  ms_ruleset *rs;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(yaml, &rs, &err), MS_EPARSE);
  MS_CHECK(strstr(err.message, "duplicate field 'message'") != NULL);
  MS_CHECK_INT(err.line, 11);
  ms_error_clear(&err);

  const char *ok = "id: t-regex\ntitle: T\nseverity: LOW\nconfidence: low\ncwe: CWE-798\n"
                   "message: \"found {{val}}\"\ndescription: d\nremediation: r\nreferences: [u]\n"
                   "languages: [text]\nregex: 'token=(?<match>(?<val>[a-z]+))'\n";
  MS_CHECK_INT(load(ok, &rs, &err), MS_OK);
  uint32_t lines[4];
  char *msg = NULL;
  MS_CHECK_INT(scan(rs, MS_LANG_DOTENV, "A=1\ntoken=abc\nx token=def\n", lines, 4, &msg), 2);
  MS_CHECK_INT(lines[0], 2);
  MS_CHECK_INT(lines[1], 3);
  MS_CHECK_STR(msg, "found abc");
  ms_free(msg);
  ms_ruleset_free(rs);
}

static void expect_error(const char *yaml, const char *needle, uint32_t line, uint32_t col) {
  ms_ruleset *rs = NULL;
  ms_error err = MS_ERROR_INIT;
  ms_status st = load(yaml, &rs, &err);
  if (st != MS_EPARSE || err.message == NULL || strstr(err.message, needle) == NULL || err.line != line ||
      (col && err.col != col)) {
    char d[512];
    snprintf(d, sizeof d, "status %d, %u:%u: %s (wanted %u:%u: %s)", st, err.line, err.col,
             err.message ? err.message : "(none)", line, col, needle);
    ms_test__fail(__FILE__, __LINE__, "expected load error", d);
  }
  ms_error_clear(&err);
  ms_ruleset_free(rs);
}

void test_ruleset__errors_point_at_the_problem(void) {
  expect_error(RULE_HEAD("a") "languages: [python]\npatern: x\n", "unknown field 'patern'", 11, 1);
  expect_error(RULE_HEAD("a") "languages: [python]\n", "missing matcher", 1, 1);
  expect_error("id: a\ntitle: T\n", "missing required field 'severity'", 1, 1);
  expect_error(RULE_HEAD("a") "languages: [cobol]\nregex: x\n", "unknown language 'cobol'", 10, 12);
  expect_error(RULE_HEAD("a") "languages: [python]\nregex: 'a(b'\n", "invalid regex", 11, 0);
  expect_error("id: [a\n", "invalid YAML", 2, 0);
  expect_error("- a\n- b\n", "must be a mapping", 1, 1);
  expect_error(RULE_HEAD("A B") "languages: [python]\nregex: x\n", "invalid rule id", 1, 5);
  /* A query error points into the block scalar: line 12 is the second query line, column
   * 3 + offset of the bad node type. */
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  (call) @match\n  (no_such_node) @match\n",
               "unknown node type", 13, 4);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  (call) @x\n", "must capture", 12, 3);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  ((call) @match (#frob? @match \"x\"))\n",
               "unsupported predicate '#frob?'", 12, 0);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  (call) @match\n  (#eq? @match \"x\")\n",
               "must sit inside its pattern", 13, 3);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  (call) @match @callee_x\n",
               "message names {{callee}}, which is not a capture", 0, 0);
  /* A name longer than what follows the pattern's last '@' (found by fuzz_rule_yaml: the check
   * read past the end of the pattern). */
  expect_error("id: a\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\n"
               "message: \"m {{a_capture_name_longer_than_the_rest}}\"\ndescription: d\nremediation: r\n"
               "references: [https://cwe.mitre.org/]\nlanguages: [python]\nquery: (call) @match\n",
               "message names {{a_capture_name_longer_than_the_rest}}, which is not a capture", 0, 0);
  expect_error(RULE_HEAD("a") "severity: SEVERE\n", "duplicate field 'severity'", 10, 1);
  expect_error(RULE_HEAD("a") "languages: [python]\ntaint: |\n"
               "  ((call function: (_) @callee arguments: (argument_list (_) @sink)) @match)\n"
               "sources: |\n  (identifier) @secret\n",
               "as @source", 14, 3);
  expect_error(RULE_HEAD("a") "languages: [python]\ntaint: |\n"
               "  ((call function: (_) @callee arguments: (argument_list (_) @sink)) @match)\n"
               "sources: |\n  (identifier) @source)\n",
               "invalid query for python", 14, 0);
  expect_error(RULE_HEAD("a") "languages: [python]\ntaint: |\n"
               "  ((call function: (_) @callee arguments: (argument_list (_) @sink)) @match)\n"
               "guards: ['x\\\\.startswith']\n",
               "group (?<var>...)", 13, 9);
  expect_error(RULE_HEAD("a") "languages: [python]\ntaint: |\n"
               "  ((call function: (_) @callee arguments: (argument_list (_) @sink)) @match)\n"
               "guards: ['(?<var>x']\n",
               "invalid regex in 'guards'", 13, 9);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: '(call function: (_) @callee) @match'\n"
               "sources: '(identifier) @source'\n",
               "apply to 'taint' rules only", 1, 1);
}

/* A quantifier on an item that can match nothing is refused before tree-sitter's compiler sees
 * it (which would never return on it: found by fuzz_rule_yaml), with either query engine. */
void test_ruleset__empty_loops_are_refused(void) {
  for (int ts_only = 0; ts_only < 2; ts_only++) {
    ms_query__tree_sitter_only = ts_only;
    expect_error(RULE_HEAD("a") "languages: [python]\nquery: |\n  (call) @callee @match\n"
                 "  (call function: (_) @callee\n    arguments: (argument_list (identifier)?*)) @match\n",
                 "'*' quantifies a pattern that can already match nothing", 14, 44);
    expect_error(RULE_HEAD("a") "languages: [javascript]\nquery: |\n"
                 "  (call_expression function: (_) @callee (arguments ((comment)* . (string)?)+)) @match\n",
                 "'+' quantifies", 12, 77);
  }
  ms_query__tree_sitter_only = false;
}

#define TAINT_SINK "languages: [python]\ntaint: |\n  ((call function: (_) @callee arguments: (argument_list (_) @sink)) @match)\n"

void test_ruleset__containment_errors_point_at_the_problem(void) {
  expect_error(RULE_HEAD("a") TAINT_SINK "containment: [x]\n", "must be a mapping", 13, 14);
  expect_error(RULE_HEAD("a") TAINT_SINK "containment:\n  resolvers: [.resolve]\n  inside: ['x\\.is_relative_to']\n",
               "'inside': a regex must name the checked variable", 15, 11);
  expect_error(RULE_HEAD("a") TAINT_SINK "containment:\n  resolvers: [.resolve]\n  outside: ['(?<var>x']\n",
               "invalid regex in 'outside'", 15, 12);
  expect_error(RULE_HEAD("a") TAINT_SINK "containment:\n  resolvers: [.resolve]\n  insde: []\n",
               "unknown field 'insde' in 'containment'", 15, 3);
  expect_error(RULE_HEAD("a") TAINT_SINK "containment:\n  resolvers: [.resolve]\n",
               "needs 'inside', 'outside' or 'raises'", 14, 3);
  expect_error(RULE_HEAD("a") TAINT_SINK "containment:\n  inside: ['(?<var>x)\\.ok']\n",
               "needs 'resolvers' or 'relative'", 14, 3);
  expect_error(RULE_HEAD("a") "languages: [python]\nquery: '(call function: (_) @callee) @match'\n"
               "containment: {resolvers: [x], inside: ['(?<var>x)']}\n",
               "'containment' applies to 'taint' rules only", 1, 1);
}

void test_ruleset__containment_loads(void) {
  const char *yaml = RULE_HEAD("a") TAINT_SINK
      "containment:\n  resolvers: [.resolve]\n  relative: [os.path.relpath]\n"
      "  inside: ['(?<var>x)\\.ok']\n  outside: ['(?<var>x)\\.bad', '(?<var>y)\\.bad']\n"
      "  raises: ['(?<var>x)\\.check\\(']\n";
  ms_ruleset *rs = NULL;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(yaml, &rs, &err), MS_OK);
  const ms_rule *r = ms_ruleset_get(rs, 0);
  MS_CHECK_INT(r->nresolvers, 1);
  MS_CHECK_INT(r->nrelative, 1);
  MS_CHECK_INT(r->ninside, 1);
  MS_CHECK_INT(r->noutside, 2);
  MS_CHECK_INT(r->nraises, 1);
  MS_CHECK(strcmp(r->relative[0], "os.path.relpath") == 0);
  ms_error_clear(&err);
  ms_ruleset_free(rs);
}

void test_ruleset__duplicate_ids_are_rejected(void) {
  const char *yaml = RULE_HEAD("same") "languages: [python]\nregex: x\n";
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "a.yaml", yaml, strlen(yaml), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "b.yaml", yaml, strlen(yaml), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_EPARSE);
  MS_CHECK(strstr(err.message, "duplicate rule id 'same'") != NULL);
  ms_error_clear(&err);
  ms_ruleset_free(rs);
}

void test_ruleset__builtin_rules_load_and_are_sorted(void) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_builtin(rs, &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_OK);
  MS_CHECK(ms_ruleset_count(rs) >= 10);
  /* Combined queries are compiled on first use; prove every grammar's compiles now. */
  MS_CHECK_INT(ms_query__compile_all((const ms_query_sets *)ms_ruleset_matcher_set(rs, MS_MATCHER_QUERY), &err), MS_OK);
  for (uint32_t i = 1; i < ms_ruleset_count(rs); i++)
    MS_CHECK(strcmp(ms_ruleset_get(rs, i - 1)->id, ms_ruleset_get(rs, i)->id) < 0);
  for (uint32_t i = 0; i < ms_ruleset_count(rs); i++) {
    const ms_rule *r = ms_ruleset_get(rs, i);
    MS_CHECK(r->cwe > 0 && r->nreferences > 0 && r->description && r->remediation);
    MS_CHECK_INT(ms_ruleset_find(rs, r->id), i);
  }
  ms_ruleset_free(rs);
}

void test_ruleset__prefilter_skips_files_without_the_literal(void) {
  const char *yaml = RULE_HEAD("t-pre") "languages: [javascript]\nprefilter: [child_process]\n"
                                        "query: |\n  (call_expression function: (identifier) @callee) @match\n";
  ms_ruleset *rs;
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(yaml, &rs, &err), MS_OK);
  uint32_t lines[4];
  MS_CHECK_INT(scan(rs, MS_LANG_JAVASCRIPT, "f(x);\n", lines, 4, NULL), 0);
  MS_CHECK_INT(scan(rs, MS_LANG_JAVASCRIPT, "require('child_process');\nf(x);\n", lines, 4, NULL), 2);
  ms_ruleset_free(rs);
}

void test_ruleset__user_rule_errors_are_found_before_scanning(void) {
  /* A user rule is validated at freeze although queries are compiled lazily. */
  const char *yaml = RULE_HEAD("t-lazy") "languages: [typescript]\nquery: |\n  ((call_expression) @match @callee (#frob? @match))\n";
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_builtin(rs, &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "u.yaml", yaml, strlen(yaml), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_EPARSE);
  MS_CHECK_STR(err.file, "u.yaml");
  MS_CHECK(strstr(err.message, "#frob?") != NULL);
  ms_error_clear(&err);
  ms_ruleset_free(rs);
}

/* The build embeds each built-in rule file's SHA-256 (cmake/EmbedRules.cmake) for the ruleset's
 * digest, the cache's key: it must be the digest of the embedded text. */
void test_ruleset__builtin_digests_are_those_of_the_embedded_texts(void) {
  MS_CHECK(ms_builtin_rule_count > 0);
  for (size_t i = 0; i < ms_builtin_rule_count; i++) {
    const ms_builtin_rule *b = &ms_builtin_rules[i];
    uint8_t d[32];
    ms_sha256 h;
    ms_sha256_init(&h);
    ms_sha256_update(&h, b->text, b->len);
    ms_sha256_final(&h, d);
    MS_CHECK(memcmp(d, b->sha256, sizeof d) == 0);
  }
}
