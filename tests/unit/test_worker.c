/* core/worker.c: positions, snippets, fingerprints, syntax errors, caps. */
#include "core/budget.h"
#include "core/worker.h"
#include "harness.h"
#include "rules/ruleset.h"
#include "util/xalloc.h"

static ms_ruleset *rules;

#define EVAL_RULE(id, lang, query)                                                                  \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 95\nmessage: m\ndescription: d\n"      \
  "remediation: r\nreferences: [u]\nlanguages: [" lang "]\nquery: |\n  " query "\n"

void test_worker__initialize(void) {
  static const char *const yaml[] = {
      EVAL_RULE("t-eval-py", "python", "((call function: (identifier) @f) @match (#eq? @f \"eval\"))"),
      EVAL_RULE("t-eval-js", "javascript", "((call_expression function: (identifier) @f) @match (#eq? @f \"eval\"))"),
  };
  ms_error err = MS_ERROR_INIT;
  rules = ms_ruleset_new();
  for (int i = 0; i < 2; i++) {
    if (ms_ruleset_add_yaml(rules, "t.yaml", yaml[i], strlen(yaml[i]), &err) < 0) break;
  }
  if (err.message == NULL) ms_ruleset_freeze(rules, &err);
  if (err.message) {
    ms_test__fail(__FILE__, __LINE__, "rules load", err.message);
    ms_error_clear(&err);
  }
}

void test_worker__cleanup(void) {
  ms_ruleset_free(rules);
  rules = NULL;
}

static void run(ms_lang_id lang, const char *text, ms_file_result *r, uint32_t max_findings) {
  ms_scan_options o;
  ms_scan_options_init(&o);
  if (max_findings) o.max_findings_per_file = max_findings;
  ms_worker w;
  ms_worker_init(&w, rules, &o, 0);
  memset(r, 0, sizeof *r);
  ms_worker_scan_buffer(&w, "f", lang, text, (uint32_t)strlen(text), r);
  ms_worker_dispose(&w);
}

void test_worker__columns_count_code_points(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON, "x = 1\ns = 'é€'; eval(s)\n", &r, 0);
  MS_CHECK_INT(r.findings.len, 1);
  ms_finding *f = &r.findings.items[0];
  MS_CHECK_INT(f->span.start_line, 2);
  MS_CHECK_INT(f->span.start_col, 11); /* s = 'é€'; is 10 code points */
  MS_CHECK_INT(f->span.end_col, 18);
  MS_CHECK_STR(f->snippet, "s = 'é€'; eval(s)");
  ms_file_result_dispose(&r);
}

void test_worker__crlf_and_lone_cr_lines(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON, "a = 1\r\nb = 2\rc = eval(x)\r\n", &r, 0);
  MS_CHECK_INT(r.findings.len, 1);
  MS_CHECK_INT(r.findings.items[0].span.start_line, 3);
  MS_CHECK_STR(r.findings.items[0].snippet, "c = eval(x)");
  MS_CHECK_INT(r.lines, 3);
  ms_file_result_dispose(&r);
}

void test_worker__fingerprint_survives_edits_above(void) {
  ms_file_result a, b;
  run(MS_LANG_PYTHON, "def handler(x):\n    return eval(x)\n", &a, 0);
  run(MS_LANG_PYTHON, "import os\n\n# comment\ndef handler(x):\n    return eval( x )\n", &b, 0);
  MS_CHECK_INT(a.findings.len, 1);
  MS_CHECK_INT(b.findings.len, 1);
  MS_CHECK_STR(a.findings.items[0].function, "handler");
  MS_CHECK_STR(a.findings.items[0].fingerprint, b.findings.items[0].fingerprint);
  ms_file_result_dispose(&a);
  ms_file_result_dispose(&b);
}

void test_worker__repeated_findings_get_distinct_fingerprints(void) {
  ms_file_result r;
  run(MS_LANG_JAVASCRIPT, "function f(a) {\n  eval(a);\n  eval(a);\n}\nconst g = (b) => eval(b);\n", &r, 0);
  MS_CHECK_INT(r.findings.len, 3);
  MS_CHECK(strcmp(r.findings.items[0].fingerprint, r.findings.items[1].fingerprint) != 0);
  MS_CHECK_STR(r.findings.items[0].function, "f");
  MS_CHECK_STR(r.findings.items[2].function, "g");
  ms_file_result_dispose(&r);
}

void test_worker__syntax_errors_still_scanned(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON, "def broken(:\n    pass\n\neval(data)\n", &r, 0);
  MS_CHECK(r.syntax_error);
  MS_CHECK_INT(r.findings.len, 1);
  MS_CHECK_INT(r.findings.items[0].span.start_line, 4);
  ms_file_result_dispose(&r);
}

void test_worker__findings_cap(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON, "eval(a)\neval(b)\neval(c)\neval(d)\n", &r, 2);
  MS_CHECK_INT(r.findings.len, 2);
  MS_CHECK(r.findings_truncated);
  ms_file_result_dispose(&r);
}

void test_worker__language_filter(void) {
  ms_file_result r;
  run(MS_LANG_TYPESCRIPT, "eval(x);\n", &r, 0); /* the rule lists python and javascript only */
  MS_CHECK_INT(r.findings.len, 0);
  ms_file_result_dispose(&r);
}

void test_worker__cancel_flag_stops_parsing(void) {
  ms_scan_options o;
  ms_scan_options_init(&o);
  ms_worker w;
  ms_worker_init(&w, rules, &o, 0);
  size_t cancel = 1;
  w.cancel = &cancel;
  ms_file_result r = {0};
  const char *text = "eval(a)\n";
  ms_worker_scan_buffer(&w, "f", MS_LANG_PYTHON, text, (uint32_t)strlen(text), &r);
  MS_CHECK(r.findings_truncated); /* the parse was cancelled and the file marked incomplete */
  MS_CHECK_INT(r.findings.len, 0);
  ms_file_result_dispose(&r);
  ms_worker_dispose(&w);
}

void test_worker__findings_name_their_tool(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON,
      "@mcp.tool()\n"
      "def calc(expr: str) -> str:\n"
      "    return eval(expr)\n"
      "def helper(x):\n"
      "    return eval(x)\n",
      &r, 0);
  MS_CHECK_INT(r.findings.len, 2);
  MS_CHECK_STR(r.findings.items[0].tool, "calc");
  MS_CHECK(r.findings.items[1].tool == NULL);
  ms_file_result_dispose(&r);
}

void test_worker__low_level_dispatch_names_the_branch(void) {
  ms_file_result r;
  run(MS_LANG_PYTHON,
      "@server.call_tool()\n"
      "async def call_tool(name: str, arguments: dict):\n"
      "    if name == \"calc\":\n"
      "        return eval(arguments[\"expr\"])\n"
      "    elif name == \"other\":\n"
      "        return eval(arguments[\"y\"])\n"
      "    else:\n"
      "        return eval(arguments[\"z\"])\n",
      &r, 0);
  MS_CHECK_INT(r.findings.len, 3);
  MS_CHECK_STR(r.findings.items[0].tool, "calc");
  MS_CHECK_STR(r.findings.items[1].tool, "other");
  MS_CHECK(r.findings.items[2].tool == NULL); /* the else branch serves no named tool */
  ms_file_result_dispose(&r);

  run(MS_LANG_JAVASCRIPT,
      "server.setRequestHandler(CallToolRequestSchema, async (request) => {\n"
      "  const { name, arguments: args } = request.params;\n"
      "  switch (name) {\n"
      "    case \"evaluate\":\n"
      "      return eval(args.expression);\n"
      "  }\n"
      "  if (request.params.name === 'run') { eval(args.code); }\n"
      "});\n",
      &r, 0);
  MS_CHECK_INT(r.findings.len, 2);
  MS_CHECK_STR(r.findings.items[0].tool, "evaluate");
  MS_CHECK_STR(r.findings.items[1].tool, "run");
  ms_file_result_dispose(&r);
}

/* --memory-limit: what kept results hold is never released, so a file that no longer fits
 * beside it is refused at once instead of waiting for a release that cannot come. */
void test_worker__membudget_keeps_results(void) {
  size_t cancel = 0;
  ms_membudget mem;
  ms_membudget_init(&mem, 100, &cancel);
  MS_CHECK_INT(ms_membudget_acquire(&mem, 60), MS_OK);
  ms_membudget_release(&mem, 60);
  ms_membudget_keep(&mem, 60);
  /* Without the check the acquire would wait for a release; with the stop flag raised that
   * wait ends at once as MS_ECANCELLED, so a missing check fails here instead of hanging. */
  cancel = 1;
  MS_CHECK_INT(ms_membudget_acquire(&mem, 50), MS_ETOOBIG);
  cancel = 0;
  MS_CHECK_INT(ms_membudget_acquire(&mem, 40), MS_OK);
  ms_membudget_release(&mem, 40);
  ms_membudget_dispose(&mem);
}
