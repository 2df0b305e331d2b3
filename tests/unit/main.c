/* Unit-test runner: `ms_unit_tests [-s module[::case]]...`. Prints one line per failure and
 * a closing "N passed, N failed" line. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "unit_registry.h"

int ms_test__failed;

void ms_test__fail(const char *file, int line, const char *expr, const char *detail) {
  printf("  %s:%d: check failed: %s%s%s\n", file, line, expr, detail ? ": " : "", detail ? detail : "");
  ms_test__failed = 1;
}

static int selected(const ms_unit_case *c, int argc, char **argv) {
  int any = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-s") != 0 || i + 1 >= argc) continue;
    any = 1;
    const char *sel = argv[++i];
    const char *sep = strstr(sel, "::");
    size_t mlen = sep ? (size_t)(sep - sel) : strlen(sel);
    if (strlen(c->module) == mlen && strncmp(c->module, sel, mlen) == 0 && (!sep || strcmp(sep + 2, c->name) == 0))
      return 1;
  }
  return !any;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0;
  for (const ms_unit_case *c = ms_unit_cases; c->fn; c++) {
    if (!selected(c, argc, argv)) continue;
    ms_test__failed = 0;
    if (c->init) c->init();
    c->fn();
    if (c->cleanup) c->cleanup();
    if (ms_test__failed) {
      printf("FAIL %s::%s\n", c->module, c->name);
      failed++;
    } else {
      passed++;
    }
  }
  printf("unit tests: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
