/* Reading reports back: our JSON reports and SARIF logs (ours, or any SARIF 2.1.0 producer's
 * results) are turned into scan results again, so that `merge-results` can combine the
 * reports of several scans (shards, per-directory jobs) and write them in any format.
 *
 * Life cycle (one thread): ms_ingest_new → ms_ingest_add_file for each input →
 * ms_ingest_foreign_rules (rules the inputs name that the ruleset lacks; add them to the
 * ruleset before freezing it) → ms_ingest_build → reporters read the runs → ms_ingest_free. */
#ifndef MS_REPORT_INGEST_H
#define MS_REPORT_INGEST_H

#include <stdbool.h>

#include "core/scan.h"
#include "model/rule.h"
#include "rules/ruleset.h"
#include "util/array.h"
#include "util/error.h"

typedef struct ms_ingest ms_ingest;

/** One merged run: SARIF keeps one per category (automationDetails.id). */
typedef struct ms_ingest_run {
  char *category;       /* without the trailing '/' */
  ms_scan_result scan;  /* files sorted by path, findings sorted and deduplicated */
} ms_ingest_run;

typedef ms_array(ms_rule) ms_rule_array;

ms_ingest *ms_ingest_new(void);
void ms_ingest_free(ms_ingest *self);

/** Reads one report. MS_ENOTFOUND / MS_EIO when it cannot be read, MS_EPARSE when it is
 * neither a SARIF log nor an mcp-sentinel JSON report; err says which and why. */
ms_status ms_ingest_add_file(ms_ingest *self, const char *path, ms_error *err);

/** Appends to *out (owned by the caller: move them into a ruleset or dispose them) a rule for
 * each rule id the inputs use that `known` lacks, built from the inputs' own metadata (SARIF
 * tool.driver.rules, JSON title/severity/confidence/cwe). Such rules have no matcher
 * (matcher = MS_MATCHER_COUNT) and never run. */
void ms_ingest_foreign_rules(const ms_ingest *self, const ms_ruleset *known, ms_rule_array *out);

/** Rebuilds the results against `rules` (which holds every rule the inputs use). With
 * by_category, one run per SARIF category (JSON reports belong to default_category);
 * without, a single run. Findings are deduplicated by file, rule and fingerprint; counts are
 * recomputed; timings span the inputs (earliest start, latest end). Borrowed: valid until
 * the next build or ms_ingest_free. */
void ms_ingest_build(ms_ingest *self, const ms_ruleset *rules, bool by_category, const char *default_category,
                     const ms_ingest_run **runs, uint32_t *nruns);

/** The scan roots the JSON inputs name, deduplicated, in input order. Borrowed. */
const char *const *ms_ingest_roots(const ms_ingest *self, uint32_t *n);

#endif
