/* report/escape.c: each output syntax's escaping of scanned text. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "report/escape.h"

/* Runs one escaper on s into a buffer; returns it (caller frees with free: open_memstream). */
static char *escaped(void (*fn)(FILE *, const char *), const char *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  fn(f, s);
  fclose(f);
  return buf;
}

#define CHECK_ESC(fn, in, want)        \
  do {                                 \
    char *_got = escaped(fn, in);      \
    int _ok = strcmp(_got, want) == 0; \
    if (!_ok) {                        \
      ms_test__fail(__FILE__, __LINE__, #fn "(" #in ")", _got); \
      free(_got); /* from libc's open_memstream */ \
      return;                          \
    }                                  \
    free(_got); /* from libc's open_memstream */ \
  } while (0)

void test_escape__html(void) {
  CHECK_ESC(ms_escape_html, "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;");
  CHECK_ESC(ms_escape_html, "</script>&\"'", "&lt;/script&gt;&amp;&quot;&#39;");
  CHECK_ESC(ms_escape_html, "a\tb\nc\x01\x1b", "a\tb\nc\\x01\\x1b");
  CHECK_ESC(ms_escape_html, "caf\xc3\xa9 \xff", "caf\xc3\xa9 \xef\xbf\xbd"); /* invalid byte -> U+FFFD */
  CHECK_ESC(ms_escape_html, NULL, "");
}

void test_escape__xml(void) {
  CHECK_ESC(ms_escape_xml, "<a b=\"c\" d='e'>&]]>", "&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;]]&gt;");
  /* Characters XML 1.0 cannot hold are shown, never written raw. */
  CHECK_ESC(ms_escape_xml, "x\x01y\x0bz\x1f", "x\\x01y\\x0bz\\x1f");
  CHECK_ESC(ms_escape_xml, "\xef\xbf\xbe\xef\xbf\xbf", "\\uFFFE\\uFFFF");
  CHECK_ESC(ms_escape_xml, "t\tn\nr\r", "t&#9;n&#10;r&#13;");
  CHECK_ESC(ms_escape_xml, "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"); /* overlong: invalid */
}

void test_escape__markdown_cell(void) {
  CHECK_ESC(ms_escape_md_cell, "a|b", "a\\|b");
  CHECK_ESC(ms_escape_md_cell, "`code` *em* _u_ [l](u)", "\\`code\\` \\*em\\* \\_u\\_ \\[l\\]\\(u\\)");
  CHECK_ESC(ms_escape_md_cell, "<b>&", "&lt;b&gt;&amp;");
  CHECK_ESC(ms_escape_md_cell, "one\ntwo\r\nthree", "one two  three");
  CHECK_ESC(ms_escape_md_cell, "http://x.io", "http\\://x\\.io"); /* no autolink */
  CHECK_ESC(ms_escape_md_cell, "back\\slash", "back\\\\slash");
}

void test_escape__line(void) {
  CHECK_ESC(ms_escape_line, "a\nb\rc\td\\e", "a\\nb\\rc\\td\\\\e");
  CHECK_ESC(ms_escape_line, "\x1b[31mred", "\\x1b[31mred");
  CHECK_ESC(ms_escape_line, "path:1:2: x", "path:1:2: x");
}
