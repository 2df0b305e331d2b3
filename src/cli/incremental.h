/* The incremental modes of `scan`: --baseline FILE|REF, --diff-base REF [--all-lines] and
 * --staged. Around the ordinary scan: prepare() may replace the scan roots (--staged scans
 * the index, written to a private temporary directory); finish() maps paths back to the
 * repository's, keeps only the findings of the selected files and lines, and compares with
 * the baseline. Temporary directories are removed by ms_incremental_free, or by the signal
 * handler of util/tmpdir if the process is interrupted. */
#ifndef MS_CLI_INCREMENTAL_H
#define MS_CLI_INCREMENTAL_H

#include "cli/options.h"
#include "core/scan.h"
#include "report/report.h"

typedef struct ms_incremental ms_incremental;

/** True when o asks for any incremental mode. */
bool ms_incremental_wanted(const ms_cli_options *o);
/** Checks the flags, opens the repository, resolves revisions and, for --staged, writes the
 * index to a temporary directory and points so->paths at it. On error prints it and returns
 * the exit code (2 configuration: not a repository, git missing, unknown revision; 8 file
 * system), with *out NULL. so->paths stays valid until ms_incremental_free. */
int ms_incremental_prepare(ms_incremental **out, const ms_cli_options *o, ms_scan_options *so);
/** After the scan: path mapping, the --diff-base / --staged selection, the baseline
 * comparison (a --baseline REF is scanned here with the same options). Sets in->baseline.
 * Returns 0 or, on error (printed), an exit code. */
int ms_incremental_finish(ms_incremental *self, const ms_ruleset *rules, const ms_scan_options *so,
                          ms_scan_result *result, ms_report_input *in);
void ms_incremental_free(ms_incremental *self);

#endif
