/* Shared Jansson helpers; see jsonutil.h. */
#include "report/jsonutil.h"

#include "report/report.h"

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

json_t *ms_jsonutil_suppressed(const ms_report_input *in) {
  uint32_t sup[MS_SUPPRESS_COUNT];
  ms_report_suppressed_counts(in, sup);
  json_t *o = json_object();
  json_object_set_new(o, "total", json_integer(sup[MS_SUPPRESS_NONE]));
  for (int k = MS_SUPPRESS_INLINE; k < MS_SUPPRESS_COUNT; k++)
    json_object_set_new(o, ms_suppress_kind_name((ms_suppress_kind)k), json_integer(sup[k]));
  return o;
}
