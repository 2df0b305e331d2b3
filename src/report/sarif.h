/* The SARIF reporter's semi-private entry points, for the unit tests. The reporter itself is
 * ms_report_sarif (report.h); the field-by-field contract is docs/sarif.md. */
#ifndef MS_REPORT_SARIF_H
#define MS_REPORT_SARIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report/report.h"
#include "report/sarif_limits.h"

/** Default automationDetails.id prefix when no --sarif-category is given. */
#define MS_SARIF_DEFAULT_CATEGORY "mcp-sentinel"

/** The artifactLocation.uri for a finding's path: a relative path stays relative (to be
 * resolved against %SRCROOT%, *relative = true); an absolute one becomes a file:// URI.
 * Bytes that may not appear literally in a URI path (space, '%', '#', '?', ':', non-ASCII,
 * ...) are percent-encoded. Caller frees with ms_free. */
char *ms_sarif__path_uri(const char *path, bool *relative);

/** Writes the log as ms_report_sarif does, under GitHub's limits (ms_sarif_limits_get), but
 * with at most max_gzip bytes once gzipped: merge-results shares the upload limit out between
 * the runs it puts in one log. */
ms_status ms_sarif_write_within(const ms_report_input *in, FILE *out, size_t max_gzip);

/** The size of text once gzipped, as the upload action compresses it; SIZE_MAX on error. */
size_t ms_sarif_gzipped_size(const char *text, size_t len);
/** A size that len bytes never exceed once gzipped, whatever they are. */
size_t ms_sarif_gzip_bound(size_t len);

#endif
