/* Comparing a scan with its baseline: which findings are new, which were there before
 * (unchanged), and which baseline findings are gone (fixed). A finding matches a baseline
 * entry with the same rule, path and fingerprint; fingerprints do not depend on line numbers,
 * so edits above a finding keep it unchanged. A file that was renamed or moved since the
 * baseline (its old path is not among the scanned files) still matches by rule and
 * fingerprint. */
#ifndef MS_CORE_BASELINE_H
#define MS_CORE_BASELINE_H

#include "core/scan.h"
#include "model/baseline.h"

typedef struct ms_baseline_scope {
  const char *const *paths; /* files or directories as keys (see ms_baseline_key); "." = all */
  uint32_t npaths;
  const char *cwd;          /* absolute working directory: absolute paths are made relative to it */
} ms_baseline_scope;

/** The comparison key of a path: lexically normalised and, when absolute, relative to cwd.
 * Caller frees. */
char *ms_baseline_key(const char *path, const char *cwd);

/** Sets baseline_state on every finding of scan at or above threshold (NEW or UNCHANGED),
 * recounts scan->findings_by_severity so that it counts only the findings that are not
 * UNCHANGED (the exit code's input), and fills out's counts and its fixed list: baseline
 * entries at or above threshold, inside scope, that matched nothing. Takes the entries of
 * base (base is left empty). out->against is left to the caller. */
void ms_baseline_compare(ms_scan_result *scan, const ms_ruleset *rules, ms_severity threshold,
                         ms_baseline_entries *base, const ms_baseline_scope *scope, ms_baseline_summary *out);

#endif
