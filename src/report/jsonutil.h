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

/** The text json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives (caller frees with
 * ms_free), written directly: Jansson's writer, a callback per token and a check per
 * character, took a fifth of writing a large SARIF log. A unit test compares the two. */
char *ms_jsonutil_dumps(const json_t *root);

#endif
