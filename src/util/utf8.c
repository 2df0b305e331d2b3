/* UTF-8 validation and repair; see utf8.h. */
#include "util/utf8.h"

#include "util/strbuf.h"
#include "util/xalloc.h"

size_t ms_utf8_seqlen(const unsigned char *s, size_t avail) {
  if (avail == 0) return 0;
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1Fu;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0Fu;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07u;
  else return 0;
  if (avail < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

char *ms_utf8_sanitize(const char *s, size_t len) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  ms_strbuf_put(&b, "", 0);
  while (i < len) {
    size_t n = ms_utf8_seqlen(p + i, len - i);
    if (n == 0) {
      ms_strbuf_puts(&b, "\xEF\xBF\xBD");
      i++;
    } else if (n == 1 && p[i] == 0) {
      ms_strbuf_puts(&b, "\xE2\x90\x80");
      i++;
    } else {
      ms_strbuf_put(&b, s + i, n);
      i += n;
    }
  }
  return ms_strbuf_detach(&b);
}

uint32_t ms_utf8_count(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  uint32_t count = 0;
  size_t i = 0;
  while (i < len) {
    size_t n = ms_utf8_seqlen(p + i, len - i);
    i += n ? n : 1;
    count++;
  }
  return count;
}
