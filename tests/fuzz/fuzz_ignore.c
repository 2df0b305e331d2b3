/* libFuzzer harness: the gitignore matcher. The input is ignore-file text, then a NUL, then
 * newline-separated paths; every path is matched as a file and as a directory against the
 * parsed list and against each pattern line alone. .gitignore and .mcp-sentinelignore come
 * from the scanned repository. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/ignore.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  const char *nul = memchr(text, '\0', size);
  size_t plen = nul ? (size_t)(nul - text) : size;
  ms_ignore_list list;
  memset(&list, 0, sizeof list);
  list.base = ms_xstrdup("");
  ms_ignore_list_parse(&list, ".gitignore", text, plen);
  char *paths = nul ? ms_xstrndup(nul + 1, size - plen - 1) : ms_xstrdup("a/b.py\nsrc/x/y.js\n");
  char *patterns = ms_xstrndup(text, plen);
  for (char *p = paths, *next; p; p = next) {
    next = strchr(p, '\n');
    if (next) *next++ = '\0';
    (void)ms_ignore_list_match(&list, p, false);
    (void)ms_ignore_list_match(&list, p, true);
    for (char *q = patterns, *qn; q; q = qn) {
      qn = strchr(q, '\n');
      if (qn) *qn = '\0';
      (void)ms_ignore_path_matches(q, p);
      if (qn) *qn++ = '\n';
    }
  }
  ms_free(patterns);
  ms_free(paths);
  ms_ignore_list_dispose(&list);
  return 0;
}
