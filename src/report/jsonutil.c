/* Shared Jansson helpers; see jsonutil.h. */
#include "report/jsonutil.h"

#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
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

/* ---- writing -------------------------------------------------------------------------------- */

static void put_indent(ms_strbuf *b, unsigned depth) {
  static const char spaces[] = "                                                                ";
  ms_strbuf_putc(b, '\n');
  for (size_t n = (size_t)depth * 2; n > 0;) {
    size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
    ms_strbuf_put(b, spaces, k);
    n -= k;
  }
}

/* A JSON string as Jansson writes it: '"' and '\\' escaped, the control characters as \b \f
 * \n \r \t or \u00XX (upper-case hex), everything else (UTF-8 included) as it is. */
static void put_string(ms_strbuf *b, const char *s, size_t len) {
  ms_strbuf_putc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    ms_strbuf_put(b, s + run, i - run);
    run = i + 1;
    char esc[8];
    const char *short_form = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
                             : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
    if (short_form == NULL) snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
    ms_strbuf_puts(b, short_form ? short_form : esc);
  }
  ms_strbuf_put(b, s + run, len - run);
  ms_strbuf_putc(b, '"');
}

static void put_value(ms_strbuf *b, const json_t *v, unsigned depth) {
  switch (json_typeof(v)) {
  case JSON_OBJECT: {
    if (json_object_size(v) == 0) {
      ms_strbuf_put(b, "{}", 2);
      break;
    }
    ms_strbuf_putc(b, '{');
    bool first = true;
    const char *key;
    size_t klen;
    json_t *item;
    json_object_keylen_foreach((json_t *)v, key, klen, item) {
      if (!first) ms_strbuf_putc(b, ',');
      first = false;
      put_indent(b, depth + 1);
      put_string(b, key, klen);
      ms_strbuf_put(b, ": ", 2);
      put_value(b, item, depth + 1);
    }
    put_indent(b, depth);
    ms_strbuf_putc(b, '}');
    break;
  }
  case JSON_ARRAY: {
    size_t n = json_array_size(v);
    if (n == 0) {
      ms_strbuf_put(b, "[]", 2);
      break;
    }
    ms_strbuf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
      if (i) ms_strbuf_putc(b, ',');
      put_indent(b, depth + 1);
      put_value(b, json_array_get(v, i), depth + 1);
    }
    put_indent(b, depth);
    ms_strbuf_putc(b, ']');
    break;
  }
  case JSON_STRING:
    put_string(b, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER:
    ms_strbuf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    break;
  case JSON_TRUE:
    ms_strbuf_put(b, "true", 4);
    break;
  case JSON_FALSE:
    ms_strbuf_put(b, "false", 5);
    break;
  case JSON_NULL:
    ms_strbuf_put(b, "null", 4);
    break;
  default: { /* a real: Jansson's own formatting (precision, exponent, ".0") */
    char *text = json_dumps(v, JSON_ENCODE_ANY);
    if (text) ms_strbuf_puts(b, text);
    free(text); /* allocated by Jansson's allocator, which is libc's */
    break;
  }
  }
}

char *ms_jsonutil_dumps(const json_t *root) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  put_value(&b, root, 0);
  return ms_strbuf_detach(&b);
}
