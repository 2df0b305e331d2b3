/* Output escaping; see escape.h. Each function walks UTF-8 code points, so multi-byte
 * characters pass through whole and invalid bytes are replaced rather than copied. */
#include "report/escape.h"

#include <string.h>

#include "util/utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Calls put(out, p, n) for each valid code point and writes U+FFFD for each invalid byte. */
typedef void (*put_fn)(FILE *out, const unsigned char *p, size_t n);

static void each_code_point(FILE *out, const char *s, put_fn put) {
  if (s == NULL) return;
  const unsigned char *p = (const unsigned char *)s;
  size_t left = strlen(s);
  while (left > 0) {
    size_t n = ms_utf8_seqlen(p, left);
    if (n == 0) {
      fputs(REPLACEMENT, out);
      n = 1;
    } else {
      put(out, p, n);
    }
    p += n;
    left -= n;
  }
}

static void put_hex(FILE *out, unsigned char c) { fprintf(out, "\\x%02x", c); }

static void put_html(FILE *out, const unsigned char *p, size_t n) {
  if (n > 1) {
    fwrite(p, 1, n, out);
    return;
  }
  switch (*p) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    case '\t': case '\n': fputc(*p, out); break;
    default:
      if (*p < 0x20 || *p == 0x7f) put_hex(out, *p);
      else fputc(*p, out);
  }
}

void ms_escape_html(FILE *out, const char *s) { each_code_point(out, s, put_html); }

static void put_xml(FILE *out, const unsigned char *p, size_t n) {
  if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) { /* U+FFFE, U+FFFF */
    fputs(p[2] == 0xBE ? "\\uFFFE" : "\\uFFFF", out);
    return;
  }
  if (n > 1) {
    fwrite(p, 1, n, out);
    return;
  }
  switch (*p) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&apos;", out); break;
    case '\t': fputs("&#9;", out); break;
    case '\n': fputs("&#10;", out); break;
    case '\r': fputs("&#13;", out); break;
    default:
      if (*p < 0x20) put_hex(out, *p);
      else fputc(*p, out);
  }
}

void ms_escape_xml(FILE *out, const char *s) { each_code_point(out, s, put_xml); }

static void put_md(FILE *out, const unsigned char *p, size_t n) {
  if (n > 1) {
    fwrite(p, 1, n, out);
    return;
  }
  switch (*p) {
    case '&': fputs("&amp;", out); return;
    case '<': fputs("&lt;", out); return;
    case '>': fputs("&gt;", out); return;
    case '\n': case '\r': case '\t': fputc(' ', out); return;
    default: break;
  }
  if (*p < 0x20 || *p == 0x7f) put_hex(out, *p);
  else if (strchr("\\`*_{}[]()#+.!|~:@", *p)) fprintf(out, "\\%c", *p);
  else fputc(*p, out);
}

void ms_escape_md_cell(FILE *out, const char *s) { each_code_point(out, s, put_md); }

static void put_line(FILE *out, const unsigned char *p, size_t n) {
  if (n > 1) {
    fwrite(p, 1, n, out);
    return;
  }
  switch (*p) {
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20 || *p == 0x7f) put_hex(out, *p);
      else fputc(*p, out);
  }
}

void ms_escape_line(FILE *out, const char *s) { each_code_point(out, s, put_line); }
