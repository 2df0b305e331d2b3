/* util/literals: the one-pass pre-filter search agrees with memmem on every literal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/literals.h"

void test_literals__finds_what_memmem_finds(void) {
  static const char *const lits[] = {"exec", "execSync", "ex", "e", "", "child_process", "sh",
                                     "shell", "eval", "zzz", "x\xC3\xA9", "execSync"};
  const uint32_t n = sizeof lits / sizeof *lits;
  static const char *const texts[] = {
      "", "e", "ex", "exe", "exec", "const {execSync} = require('child_process');",
      "shel", "she\nll", "eval(x)", "trailing ex", "caf x\xC3\xA9", "zz", "zzz"};
  ms_literal_set *set = ms_literal_set_new(lits, n);
  bool found[16];
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
    uint32_t len = (uint32_t)strlen(texts[t]);
    ms_literal_set_scan(set, texts[t], len, found);
    for (uint32_t i = 0; i < n; i++) {
      bool want = lits[i][0] == '\0' || memmem(texts[t], len, lits[i], strlen(lits[i])) != NULL;
      if (found[i] != want) {
        char d[160];
        snprintf(d, sizeof d, "literal '%s' in text '%s': found %d, memmem %d", lits[i], texts[t], found[i], want);
        ms_test__fail(__FILE__, __LINE__, "found[i] == want", d);
        ms_literal_set_free(set);
        return;
      }
    }
  }
  ms_literal_set_free(set);
}

/* Random texts over a small alphabet hit every branch: shared pairs, overlaps, text ends. */
void test_literals__random_texts(void) {
  static const char *const lits[] = {"ab", "aba", "abab", "ba", "bb", "bab", "a", "cab", "abc", "ca", "aaaa"};
  const uint32_t n = sizeof lits / sizeof *lits;
  ms_literal_set *set = ms_literal_set_new(lits, n);
  bool found[16];
  char text[64];
  unsigned seed = 12345;
  for (int round = 0; round < 5000; round++) {
    seed = seed * 1103515245u + 12345u;
    uint32_t len = (seed >> 16) % 12;
    for (uint32_t k = 0; k < len; k++) {
      seed = seed * 1103515245u + 12345u;
      text[k] = "abc"[(seed >> 16) % 3];
    }
    ms_literal_set_scan(set, text, len, found);
    for (uint32_t i = 0; i < n; i++) {
      bool want = memmem(text, len, lits[i], strlen(lits[i])) != NULL;
      if (found[i] != want) {
        ms_test__fail(__FILE__, __LINE__, "found[i] == want", lits[i]);
        ms_literal_set_free(set);
        return;
      }
    }
  }
  ms_literal_set_free(set);
}
