/* What the JSON and SARIF reporters share about a baseline comparison. */
#ifndef MS_REPORT_BASELINE_REPORT_H
#define MS_REPORT_BASELINE_REPORT_H

#include <jansson.h>

#include "model/baseline.h"
#include "model/finding.h"

/** "new" or "unchanged" (NULL for MS_BASELINE_NONE): JSON baseline_state, SARIF baselineState. */
const char *ms_baseline_state_name(ms_baseline_state s);
/** {"against", "new", "unchanged", "fixed"} (counts). New reference. */
json_t *ms_baseline_report_counts(const ms_baseline_summary *b);
/** The fixed entries: [{"rule_id", "severity", "file", "start": {line, column}, "snippet",
 * "message", "fingerprint"}], in report order. New reference. */
json_t *ms_baseline_report_fixed(const ms_baseline_summary *b);

#endif
