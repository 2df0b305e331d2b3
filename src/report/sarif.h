/* The SARIF reporter's semi-private entry points, for the unit tests. The reporter itself is
 * ms_report_sarif (report.h); the field-by-field contract is docs/sarif.md. */
#ifndef MS_REPORT_SARIF_H
#define MS_REPORT_SARIF_H

#include <stdbool.h>
#include <stddef.h>

/** Default automationDetails.id prefix when no --sarif-category is given. */
#define MS_SARIF_DEFAULT_CATEGORY "mcp-sentinel"
/** GitHub code scanning rejects runs with more results than this. */
#define MS_SARIF_MAX_RESULTS 25000u
/* GitHub code scanning refuses uploads over 10 MB gzipped: keep under it. */
#define MS_SARIF_MAX_GZIP_BYTES 10000000u

/** The artifactLocation.uri for a finding's path: a relative path stays relative (to be
 * resolved against %SRCROOT%, *relative = true); an absolute one becomes a file:// URI.
 * Bytes that may not appear literally in a URI path (space, '%', '#', '?', ':', non-ASCII,
 * ...) are percent-encoded. Caller frees with ms_free. */
char *ms_sarif__path_uri(const char *path, bool *relative);

/** The gzipped size a SARIF log may have: GitHub's 10 MB, or less when the environment variable
 * MCP_SENTINEL_SARIF_MAX_GZIP asks for less (tests). */
size_t ms_sarif_max_gzip_bytes(void);

#endif
