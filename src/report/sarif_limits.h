/* GitHub code scanning's limits on a SARIF upload, and the choices the SARIF reporter makes to
 * stay under them (docs/sarif.md, "GitHub's limits"). Separate from sarif.c so that the
 * arithmetic can be unit-tested without building logs. */
#ifndef MS_REPORT_SARIF_LIMITS_H
#define MS_REPORT_SARIF_LIMITS_H

#include <stddef.h>
#include <stdint.h>

/** Results per run GitHub code scanning accepts. */
#define MS_SARIF_MAX_RESULTS 25000u
/** Rules (tool.driver.rules) per run. */
#define MS_SARIF_MAX_RULES 25000u
/** Locations per result: we apply it to a taint trace's thread flow and to relatedLocations. */
#define MS_SARIF_MAX_LOCATIONS 1000u
/** Runs per uploaded file (merge-results writes one per category). */
#define MS_SARIF_MAX_RUNS 20u
/** The size of an upload once gzipped. */
#define MS_SARIF_MAX_GZIP_BYTES 10000000u

typedef struct ms_sarif_limits {
  uint32_t results;   /* per run */
  uint32_t rules;     /* per run */
  uint32_t locations; /* per result's trace; at least 2, the source and the sink */
  size_t gzip_bytes;  /* per log */
} ms_sarif_limits;

/** GitHub's limits, each lowered by its environment variable when that holds a smaller
 * positive number (MCP_SENTINEL_SARIF_MAX_RESULTS, _RULES, _LOCATIONS, _GZIP: tests exercise
 * the cuts without writing 25,000 rules or 10 MB). A variable can never raise a limit. */
void ms_sarif_limits_get(ms_sarif_limits *out);

/** Which steps of a trace of len steps are written under a cap of `cap` locations: the first
 * *head (from the source) and the last *tail (to the sink); *head + *tail == len when the
 * trace fits, else == cap, with the middle steps left out. */
void ms_sarif_trace_window(uint32_t len, uint32_t cap, uint32_t *head, uint32_t *tail);

/** Chooses at most cap of nrules rules for tool.driver.rules. best[i] is the most severe
 * severity (an ms_severity value) among rule i's results in the log, or -1 when it has none.
 * Rules with results go first, the most severe first, then rules without results, each group in
 * rule order. out[i] is rule i's index in the written array (the kept rules in rule order), or
 * -1 when it is left out. Returns how many are kept. */
uint32_t ms_sarif_select_rules(const int8_t *best, uint32_t nrules, uint32_t cap, int32_t *out);

#endif
