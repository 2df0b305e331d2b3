/* Helpers shared by the Jansson-based reporters (json.c, sarif.c). */
#ifndef MS_REPORT_JSONUTIL_H
#define MS_REPORT_JSONUTIL_H

#include <jansson.h>

/** A JSON string of s (null for NULL). Jansson refuses invalid UTF-8, and file names and
 * snippets may be anything: such input is repaired with U+FFFD. New reference. */
json_t *ms_jsonutil_str(const char *s);

struct ms_report_input;
/** {"total": n, "inline": n, "file": n, "nosec": n, "config": n}: the shown findings each
 * mechanism suppressed. New reference. */
json_t *ms_jsonutil_suppressed(const struct ms_report_input *in);

#endif
