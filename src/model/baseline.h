/* The baseline a scan is compared with (--baseline FILE or REF): the findings it had, and
 * the outcome of the comparison that reporters show (new / unchanged / fixed). */
#ifndef MS_MODEL_BASELINE_H
#define MS_MODEL_BASELINE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/severity.h"
#include "util/array.h"

/** One finding of the baseline. Strings owned. */
typedef struct ms_baseline_entry {
  char *rule_id;
  char *path;        /* as the current scan would show it (relative to the working directory) */
  char *fingerprint; /* the finding's line-independent fingerprint */
  ms_severity severity;
  uint32_t line, column; /* where it was (1-based; 0 unknown) */
  char *message;     /* or NULL */
  char *snippet;     /* or NULL */
} ms_baseline_entry;
typedef ms_array(ms_baseline_entry) ms_baseline_entries;

/** The comparison's outcome, for the reporters. */
typedef struct ms_baseline_summary {
  char *against;             /* owned: what was compared with ("results.json", "main (3f2a1c9)") */
  uint32_t new_count;        /* reported findings not in the baseline */
  uint32_t unchanged;        /* reported findings in the baseline */
  ms_baseline_entries fixed; /* in the baseline, within the scanned files, not found now */
} ms_baseline_summary;

void ms_baseline_entry_dispose(ms_baseline_entry *self);
void ms_baseline_entries_dispose(ms_baseline_entries *self);
void ms_baseline_summary_dispose(ms_baseline_summary *self);

#endif
