/* match/taint.c: in a file without tool handlers only the rules with `sources:` whose sources
 * occur in the file can report, so the sink query runs for those rules alone. */
#include <string.h>

#include "harness.h"
#include "js_input.h"
#include "lang/lang.h"
#include "match/matcher.h"
#include "model/facts.h"
#include "rules/ruleset.h"

#define SOURCES_RULE(id, source, sink)                                                              \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 532\nmessage: \"m\"\n"               \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n" \
  "sources: |\n  ((identifier) @source (#eq? @source \"" source "\"))\n"                            \
  "taint: |\n  ((call_expression function: (identifier) @f\n"                                        \
  "     arguments: (arguments (_) @sink)) @match\n   (#eq? @f \"" sink "\"))\n"

static void count_report(void *payload, ms_match_report *rep) {
  ms_free(rep->message);
  for (uint32_t i = 0; i < rep->nsteps; i++) ms_free(rep->steps[i].label);
  ms_free(rep->steps);
  ms_free(rep->redacted);
  (*(uint32_t *)payload)++;
}

/* Runs the taint matcher of rs on text (no tool handlers); returns the findings. */
static uint32_t run_taint(const ms_ruleset *rs, const char *text) {
  bool active[2] = {true, true};
  js_input j;
  js_input_open(&j, text, active);
  uint32_t found = 0;
  ms_matcher_taint.run(ms_ruleset_matcher_set(rs, MS_MATCHER_TAINT), MS_LANG_JAVASCRIPT, &j.scratch, &j.in,
                       count_report, &found);
  js_input_close(&j);
  return found;
}

void test_taintsrc__sinks_run_only_for_rules_whose_sources_occur(void) {
  static const char *a = SOURCES_RULE("t-alpha", "alphaKey", "logA"),
                    *b = SOURCES_RULE("t-beta", "betaKey", "logB");
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "a.yaml", a, strlen(a), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_add_yaml(rs, "b.yaml", b, strlen(b), &err), MS_OK);
  MS_CHECK_INT(ms_ruleset_freeze(rs, &err), MS_OK);
  const void *set = ms_ruleset_matcher_set(rs, MS_MATCHER_TAINT);
  MS_CHECK(set != NULL);
  /* No source at all: no sink query is compiled. */
  MS_CHECK_INT(run_taint(rs, "logA(x);\nlogB(y);\n"), 0);
  MS_CHECK_INT(ms_taint__compiled_sinks(set), 0);
  /* Only t-alpha's source: its sinks alone are compiled (and reported), t-beta's are not. */
  MS_CHECK_INT(run_taint(rs, "const alphaKey = 1;\nlogA(alphaKey);\nlogB(alphaKey);\n"), 1);
  MS_CHECK_INT(ms_taint__compiled_sinks(set), 1);
  /* t-beta's source: its sinks need a group of their own now. */
  MS_CHECK_INT(run_taint(rs, "const betaKey = 1;\nlogB(betaKey);\n"), 1);
  MS_CHECK_INT(ms_taint__compiled_sinks(set), 2);
  ms_ruleset_free(rs);
}
