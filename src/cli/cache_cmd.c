/* `mcp-sentinel cache stats|clear [--cache-dir DIR]`: what the result cache holds, and
 * emptying it. Only our entry files are removed; see docs/cache.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/exit.h"
#include "core/cache.h"
#include "util/xalloc.h"

static const char cache_help[] =
    "usage: mcp-sentinel cache stats|clear [--cache-dir DIR]\n"
    "\n"
    "  stats    print the cache's location, number of entries and size\n"
    "  clear    remove the cache's entries (other files in the directory are kept)\n"
    "\n"
    "  --cache-dir DIR   the cache directory (default .mcp-sentinel-cache)\n";

int ms_cmd_cache(int argc, char **argv) {
  const char *action = NULL, *dir = MS_CACHE_DEFAULT_DIR;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(cache_help, stdout);
      return MS_EXIT_OK;
    }
    if (strcmp(argv[i], "--cache-dir") == 0 && i + 1 < argc && argv[i + 1][0]) {
      dir = argv[++i];
    } else if (strncmp(argv[i], "--cache-dir=", 12) == 0 && argv[i][12]) {
      dir = argv[i] + 12;
    } else if (action == NULL && (strcmp(argv[i], "stats") == 0 || strcmp(argv[i], "clear") == 0)) {
      action = argv[i];
    } else {
      fprintf(stderr, "mcp-sentinel: unexpected argument '%s' to cache\n\n%s", argv[i], cache_help);
      return MS_EXIT_CONFIG;
    }
  }
  if (action == NULL) {
    fprintf(stderr, "mcp-sentinel: cache needs an action: stats or clear\n\n%s", cache_help);
    return MS_EXIT_CONFIG;
  }
  ms_error err = MS_ERROR_INIT;
  ms_status st;
  if (strcmp(action, "stats") == 0) {
    uint64_t entries = 0, bytes = 0;
    st = ms_cache_inventory(dir, &entries, &bytes, &err);
    if (st == MS_OK) {
      char *real = realpath(dir, NULL);
      printf("location: %s%s\n", real ? real : dir, real ? "" : " (not created yet)");
      free(real); /* from libc's realpath */
      printf("entries:  %llu\n", (unsigned long long)entries);
      printf("size:     %llu bytes (%.1f MiB)\n", (unsigned long long)bytes, (double)bytes / 1048576.0);
    }
  } else {
    uint64_t removed = 0;
    st = ms_cache_clear(dir, &removed, &err);
    if (st == MS_OK) printf("removed %llu cache entr%s from %s\n", (unsigned long long)removed, removed == 1 ? "y" : "ies", dir);
  }
  if (st < 0) {
    char *msg = ms_error_format(&err);
    fprintf(stderr, "mcp-sentinel: %s\n", msg);
    ms_free(msg);
    ms_error_clear(&err);
    return MS_EXIT_FS;
  }
  return MS_EXIT_OK;
}
