/* Secret redaction for findings; see redact.h. */
#include "util/redact.h"

#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define SHOWN_CODEPOINTS 4
#define MIN_FRAGMENT 8

char *ms_redact_format(const char *secret, size_t len) {
  uint32_t total = ms_utf8_count(secret, len);
  uint32_t keep = total >= 4 * SHOWN_CODEPOINTS ? SHOWN_CODEPOINTS : total / 4;
  size_t cut = 0;
  for (uint32_t i = 0; i < keep && cut < len; i++) {
    size_t n = ms_utf8_seqlen((const unsigned char *)secret + cut, len - cut);
    cut += n ? n : 1;
  }
  char *prefix = ms_utf8_sanitize(secret, cut);
  char *out = ms_xasprintf("%s…(%u chars)", prefix, total);
  ms_free(prefix);
  return out;
}

bool ms_redact_replace(char **s, const char *secret, size_t len, const char *shown) {
  size_t k = len < MIN_FRAGMENT ? len : MIN_FRAGMENT;
  if (k == 0 || *s == NULL || memchr(secret, '\0', len) != NULL) return false;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  bool changed = false;
  const char *p = *s, *hit;
  while ((hit = strchr(p, secret[0])) != NULL) {
    if (strncmp(hit, secret, k) != 0) {
      ms_strbuf_put(&b, p, (size_t)(hit - p) + 1);
      p = hit + 1;
      continue;
    }
    size_t j = k;
    while (j < len && hit[j] == secret[j]) j++;
    ms_strbuf_put(&b, p, (size_t)(hit - p));
    ms_strbuf_puts(&b, shown);
    p = hit + j;
    changed = true;
  }
  if (changed) {
    ms_strbuf_puts(&b, p);
    ms_free(*s);
    *s = ms_strbuf_detach(&b);
  }
  ms_strbuf_dispose(&b);
  return changed;
}
