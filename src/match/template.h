/* Message templates: "{{name}}" is replaced by a matcher-provided text for that name. */
#ifndef MS_MATCH_TEMPLATE_H
#define MS_MATCH_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

/** Returns the text for name[0..name_len) (and its length), or NULL when unknown. */
typedef const char *(*ms_template_lookup)(const char *name, size_t name_len, size_t *out_len, void *payload);

/** Renders tmpl; each value is cut to its first line and 60 code points and made valid UTF-8.
 * Unknown names are left as written. Caller frees the result with ms_free. */
char *ms_template_render(const char *tmpl, ms_template_lookup lookup, void *payload);
/** Calls fn for each {{name}} in tmpl; stops and returns false as soon as fn does. */
bool ms_template_each_name(const char *tmpl, bool (*fn)(const char *name, size_t len, void *payload), void *payload);

#endif
