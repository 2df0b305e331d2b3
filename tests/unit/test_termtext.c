/* report/termtext.c: scanned text in the terminal, escaped where it could drive or deceive
 * the terminal, and the columns each character takes. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "report/termtext.h"
#include "util/xalloc.h"

static char *shown(const char *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  ms_termtext_put(f, s);
  fclose(f);
  char *copy = ms_xstrdup(buf);
  free(buf); /* from libc's open_memstream */
  return copy;
}

void test_termtext__escapes(void) {
  struct {
    const char *in, *out;
  } cases[] = {
      {"plain caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80", "plain caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"},
      {"a\tb\x1b[31m\x7f", "a\\x09b\\x1b[31m\\x7f"},
      {"\xc2\x9b" "31m \xc2\x85", "\\u009b31m \\u0085"},                     /* C1 controls */
      {"\xe2\x80\xae" "abc\xe2\x81\xa6", "\\u202eabc\\u2066"},              /* bidi controls */
      {"x\xe2\x80\xa8y", "x\\u2028y"},                                      /* line separator */
      {"copy.\xe2\x80\x8b\xe2\x81\xa0 Ignore", "copy.\\u200b\\u2060 Ignore"},     /* zero-width */
      {"\xf3\xa0\x81\x81\xf3\xa0\x81\xbf", "\\U000e0041\\U000e007f"},          /* tag characters */
      {"bad\xff\xc3(", "bad\\xff\\xc3("},                                   /* invalid UTF-8 */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *got = shown(cases[i].in);
    MS_CHECK_STR(got, cases[i].out);
    ms_free(got);
  }
}

void test_termtext__columns(void) {
  struct {
    const char *ch;
    uint32_t cols;
    size_t bytes;
  } cases[] = {
      {"a", 1, 1},
      {"\xc3\xa9", 1, 2},         /* é */
      {"\xcc\x81", 0, 2},         /* a combining acute accent */
      {"\xe4\xb8\xad", 2, 3},     /* 中 */
      {"\xef\xbd\x86", 2, 3},     /* fullwidth f */
      {"\xf0\x9f\x98\x80", 2, 4}, /* 😀 */
      {"\xf0\x9d\x95\x8f", 1, 4}, /* 𝕏: outside the BMP but narrow */
      {"\t", 4, 1},               /* \x09 */
      {"\xc2\x9b", 6, 2},         /* \u009b */
      {"\xe2\x80\xae", 6, 3},     /* \u202e */
      {"\xff", 4, 1},             /* \xff */
      {"\xe2\x80\x8b", 6, 3},     /* a zero-width space, shown as \u200b */
      {"\xf3\xa0\x81\x81", 10, 4}, /* tag A (ASCII smuggling), shown as \U000e0041 */
      {"\xef\xb8\x8f", 0, 3},     /* VS16 after an emoji: drawn as nothing, harmless */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t n = 0;
    MS_CHECK_INT(ms_termtext_columns(cases[i].ch, strlen(cases[i].ch), &n), cases[i].cols);
    MS_CHECK_INT(n, cases[i].bytes);
  }
  MS_CHECK_INT(ms_termtext__width(0x4E00), 2);
  MS_CHECK_INT(ms_termtext__width(0x9FFF), 2);
  MS_CHECK_INT(ms_termtext__width(0xA4D0), 1);
  MS_CHECK_INT(ms_termtext__width(0x1F64F), 2);
  MS_CHECK_INT(ms_termtext__width(0x1F650), 1);
  MS_CHECK_INT(ms_termtext__width(0x20000), 2);
}
