/* {{name}} substitution for rule messages. */
#include "match/template.h"

#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_VALUE_CODEPOINTS 60

static void put_value(ms_strbuf *b, const char *v, size_t len) {
  const char *nl = memchr(v, '\n', len);
  size_t n = nl ? (size_t)(nl - v) : len;
  while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == ' ')) n--;
  /* Cut at a code-point boundary. */
  size_t cut = 0;
  uint32_t cps = 0;
  while (cut < n && cps < MAX_VALUE_CODEPOINTS) {
    size_t s = ms_utf8_seqlen((const unsigned char *)v + cut, n - cut);
    cut += s ? s : 1;
    cps++;
  }
  char *clean = ms_utf8_sanitize(v, cut);
  ms_strbuf_puts(b, clean);
  ms_free(clean);
  if (cut < n || nl) ms_strbuf_puts(b, "…");
}

bool ms_template_each_name(const char *tmpl, bool (*fn)(const char *name, size_t len, void *payload), void *payload) {
  const char *p = tmpl;
  while ((p = strstr(p, "{{")) != NULL) {
    const char *end = strstr(p + 2, "}}");
    if (end == NULL) break;
    if (!fn(p + 2, (size_t)(end - p - 2), payload)) return false;
    p = end + 2;
  }
  return true;
}

char *ms_template_render(const char *tmpl, ms_template_lookup lookup, void *payload) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_strbuf_put(&b, "", 0);
  const char *p = tmpl;
  for (;;) {
    const char *open = strstr(p, "{{");
    const char *end = open ? strstr(open + 2, "}}") : NULL;
    if (end == NULL) {
      ms_strbuf_puts(&b, p);
      break;
    }
    ms_strbuf_put(&b, p, (size_t)(open - p));
    size_t vlen = 0;
    const char *v = lookup(open + 2, (size_t)(end - open - 2), &vlen, payload);
    if (v) put_value(&b, v, vlen);
    else ms_strbuf_put(&b, open, (size_t)(end + 2 - open));
    p = end + 2;
  }
  return ms_strbuf_detach(&b);
}
