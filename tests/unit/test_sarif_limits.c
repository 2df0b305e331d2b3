/* report/sarif_limits.c: GitHub's limits, lowered (never raised) by the environment, the
 * window of a long trace that is written, and which rules fit in tool.driver.rules. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "model/severity.h"
#include "report/sarif_limits.h"

static const char *const vars[] = {"MCP_SENTINEL_SARIF_MAX_RESULTS", "MCP_SENTINEL_SARIF_MAX_RULES",
                                   "MCP_SENTINEL_SARIF_MAX_LOCATIONS", "MCP_SENTINEL_SARIF_MAX_GZIP"};

void test_sarif_limits__cleanup(void) {
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) unsetenv(vars[i]);
}

void test_sarif_limits__defaults(void) {
  test_sarif_limits__cleanup();
  ms_sarif_limits l;
  ms_sarif_limits_get(&l);
  MS_CHECK_INT(l.results, 25000);
  MS_CHECK_INT(l.rules, 25000);
  MS_CHECK_INT(l.locations, 1000);
  MS_CHECK_INT(l.gzip_bytes, 10000000);
}

void test_sarif_limits__lowered_never_raised(void) {
  setenv("MCP_SENTINEL_SARIF_MAX_RESULTS", "7", 1);
  setenv("MCP_SENTINEL_SARIF_MAX_RULES", "99999", 1); /* above GitHub's: ignored */
  setenv("MCP_SENTINEL_SARIF_MAX_LOCATIONS", "1", 1); /* below source + sink: 2 */
  setenv("MCP_SENTINEL_SARIF_MAX_GZIP", "12x", 1);    /* not a number: ignored */
  ms_sarif_limits l;
  ms_sarif_limits_get(&l);
  MS_CHECK_INT(l.results, 7);
  MS_CHECK_INT(l.rules, 25000);
  MS_CHECK_INT(l.locations, 2);
  MS_CHECK_INT(l.gzip_bytes, 10000000);
  setenv("MCP_SENTINEL_SARIF_MAX_LOCATIONS", "0", 1);
  setenv("MCP_SENTINEL_SARIF_MAX_RULES", "3", 1);
  ms_sarif_limits_get(&l);
  MS_CHECK_INT(l.locations, 1000);
  MS_CHECK_INT(l.rules, 3);
  test_sarif_limits__cleanup();
}

void test_sarif_limits__trace_window(void) {
  uint32_t head, tail;
  ms_sarif_trace_window(5, 1000, &head, &tail); /* fits: all of it */
  MS_CHECK_INT(head, 5);
  MS_CHECK_INT(tail, 0);
  ms_sarif_trace_window(1000, 1000, &head, &tail);
  MS_CHECK_INT(head, 1000);
  MS_CHECK_INT(tail, 0);
  ms_sarif_trace_window(1001, 1000, &head, &tail); /* one step too many: the middle one goes */
  MS_CHECK_INT(head, 500);
  MS_CHECK_INT(tail, 500);
  ms_sarif_trace_window(40, 7, &head, &tail); /* the source's side gets the odd step */
  MS_CHECK_INT(head, 4);
  MS_CHECK_INT(tail, 3);
  ms_sarif_trace_window(3, 2, &head, &tail); /* at the least, the source and the sink */
  MS_CHECK_INT(head, 1);
  MS_CHECK_INT(tail, 1);
  ms_sarif_trace_window(9, 0, &head, &tail);
  MS_CHECK_INT(head, 1);
  MS_CHECK_INT(tail, 1);
}

void test_sarif_limits__select_rules(void) {
  /* rules 0..6; results: 1 LOW, 3 CRITICAL, 5 HIGH, 6 LOW; 0, 2, 4 none */
  const int8_t best[] = {-1, MS_SEV_LOW, -1, MS_SEV_CRITICAL, -1, MS_SEV_HIGH, MS_SEV_LOW};
  int32_t out[7];
  MS_CHECK_INT(ms_sarif_select_rules(best, 7, 100, out), 7); /* all fit: rule order kept */
  for (int i = 0; i < 7; i++) MS_CHECK_INT(out[i], i);
  MS_CHECK_INT(ms_sarif_select_rules(best, 7, 5, out), 5); /* every rule with results, then rule 0 */
  const int32_t want5[] = {0, 1, -1, 2, -1, 3, 4};
  for (int i = 0; i < 7; i++) MS_CHECK_INT(out[i], want5[i]);
  MS_CHECK_INT(ms_sarif_select_rules(best, 7, 3, out), 3); /* CRITICAL, HIGH, then the first LOW */
  const int32_t want3[] = {-1, 0, -1, 1, -1, 2, -1};
  for (int i = 0; i < 7; i++) MS_CHECK_INT(out[i], want3[i]);
  MS_CHECK_INT(ms_sarif_select_rules(best, 7, 0, out), 0);
  for (int i = 0; i < 7; i++) MS_CHECK_INT(out[i], -1);
}
