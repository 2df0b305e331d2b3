/* Shared Jansson helpers; see jsonutil.h. */
#include "report/jsonutil.h"

#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

json_t *ms_jsonutil_str(const char *s) {
  if (s == NULL) return json_null();
  json_t *j = json_string(s);
  if (j) return j;
  char *clean = ms_utf8_sanitize(s, strlen(s));
  j = json_string(clean);
  ms_free(clean);
  return j;
}
