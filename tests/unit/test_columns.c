/* report/columns.c: UTF-16 code-unit columns of other tools' SARIF to our code-point columns. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "report/columns.h"

void test_columns__utf16_to_points(void) {
  const char *ascii = "x = danger(1)";
  MS_CHECK_INT(ms_columns__utf16_to_points(ascii, 13, 1), 1);
  MS_CHECK_INT(ms_columns__utf16_to_points(ascii, 13, 5), 5);
  MS_CHECK_INT(ms_columns__utf16_to_points(ascii, 13, 14), 14); /* the end, exclusive */
  const char *bmp = "caf\xc3\xa9 \xe2\x82\xac x";                 /* é and € are one unit each */
  MS_CHECK_INT(ms_columns__utf16_to_points(bmp, 11, 8), 8);
  const char *astral = "\xf0\x9f\x98\x80\xf0\x9f\x98\x80 = d"; /* two emoji: four units */
  MS_CHECK_INT(ms_columns__utf16_to_points(astral, 12, 3), 2);
  MS_CHECK_INT(ms_columns__utf16_to_points(astral, 12, 5), 3);
  MS_CHECK_INT(ms_columns__utf16_to_points(astral, 12, 8), 6);
  MS_CHECK_INT(ms_columns__utf16_to_points(astral, 12, 2), 2);  /* inside a pair: the next character */
  MS_CHECK_INT(ms_columns__utf16_to_points(astral, 12, 10), 8); /* past the end: one per unit */
  const char *invalid = "a\xff" "b";                            /* an invalid byte is one unit */
  MS_CHECK_INT(ms_columns__utf16_to_points(invalid, 3, 3), 3);
}

void test_columns__from_file(void) {
  char path[] = "/tmp/ms-test-columns-XXXXXX";
  int fd = mkstemp(path);
  MS_CHECK(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  fputs("# \xf0\x9d\x95\x8f\r\n\xf0\x9f\x98\x80 = danger(s)\r\nlast", f); /* CRLF lines, no final newline */
  fclose(f);
  ms_columns *c = ms_columns_new();
  ms_span sp = {0, 0, 2, 6, 2, 15}; /* `danger(s)` after an emoji: units 6..15 */
  bool ok = ms_columns_from_utf16(c, path, &sp);
  MS_CHECK(ok);
  MS_CHECK_INT(sp.start_col, 5);
  MS_CHECK_INT(sp.end_col, 14);
  ms_span first = {0, 0, 1, 3, 1, 5}; /* the letter and the end of line 1 (the CR is no column) */
  MS_CHECK(ms_columns_from_utf16(c, path, &first));
  MS_CHECK_INT(first.start_col, 3);
  MS_CHECK_INT(first.end_col, 4);
  ms_span last = {0, 0, 3, 1, 3, 5};
  MS_CHECK(ms_columns_from_utf16(c, path, &last));
  MS_CHECK_INT(last.end_col, 5);
  ms_span beyond = {0, 0, 4, 1, 4, 2}; /* no line 4: left as it is */
  MS_CHECK(!ms_columns_from_utf16(c, path, &beyond));
  MS_CHECK_INT(beyond.end_col, 2);
  unlink(path);
  ms_span gone = {0, 0, 1, 9, 1, 12}; /* the cached file still answers; another one does not */
  MS_CHECK(!ms_columns_from_utf16(c, "/nonexistent/ms-columns.py", &gone));
  MS_CHECK_INT(gone.start_col, 9);
  ms_columns_free(c);
}
