/* util/literals: the one-pass search agrees with a plain search on every literal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness.h"
#include "util/literals.h"

static bool contains(const char *text, size_t len, const char *lit, bool any_case) {
  size_t n = strlen(lit);
  if (!any_case) return n == 0 || memmem(text, len, lit, n) != NULL;
  for (size_t i = 0; i + n <= len; i++)
    if (strncasecmp(text + i, lit, n) == 0) return true;
  return n == 0;
}

/* Scans text with set and fails the test on the first literal it disagrees on. */
static bool agrees(const ms_literal_set *set, const char *const *lits, uint32_t n, bool any_case, const char *text,
                   uint32_t len) {
  bool found[16];
  ms_literal_set_scan(set, text, len, found);
  for (uint32_t i = 0; i < n; i++) {
    if (found[i] == contains(text, len, lits[i], any_case)) continue;
    char d[160];
    snprintf(d, sizeof d, "literal '%s' in text '%.*s': found %d", lits[i], (int)len, text, found[i]);
    ms_test__fail(__FILE__, __LINE__, "found[i] == contains(...)", d);
    return false;
  }
  return true;
}

void test_literals__finds_what_memmem_finds(void) {
  static const char *const lits[] = {"exec", "execSync", "ex", "e", "", "child_process", "sh",
                                     "shell", "eval", "zzz", "x\xC3\xA9", "execSync"};
  const uint32_t n = sizeof lits / sizeof *lits;
  static const char *const texts[] = {
      "", "e", "ex", "exe", "exec", "const {execSync} = require('child_process');",
      "shel", "she\nll", "eval(x)", "trailing ex", "caf x\xC3\xA9", "zz", "zzz"};
  ms_literal_set *set = ms_literal_set_new(lits, n, false);
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
    if (!agrees(set, lits, n, false, texts[t], (uint32_t)strlen(texts[t]))) break;
  ms_literal_set_free(set);
}

/* Random texts over a small alphabet hit every branch: shared pairs, overlaps, text ends. */
void test_literals__random_texts(void) {
  static const char *const lits[] = {"ab", "aba", "abab", "ba", "bb", "bab", "a", "cab", "abc", "ca", "aaaa"};
  const uint32_t n = sizeof lits / sizeof *lits;
  ms_literal_set *set = ms_literal_set_new(lits, n, false);
  char text[64];
  unsigned seed = 12345;
  for (int round = 0; round < 5000; round++) {
    seed = seed * 1103515245u + 12345u;
    uint32_t len = (seed >> 16) % 12;
    for (uint32_t k = 0; k < len; k++) {
      seed = seed * 1103515245u + 12345u;
      text[k] = "abc"[(seed >> 16) % 3];
    }
    if (!agrees(set, lits, n, false, text, len)) break;
  }
  ms_literal_set_free(set);
}

/* With fold_case, ASCII letters match in any case (the secrets matcher's keywords). */
void test_literals__fold_case(void) {
  static const char *const lits[] = {"token", "API_KEY", "sk-", "Bearer", "x", "ab", "AbA"};
  const uint32_t n = sizeof lits / sizeof *lits;
  static const char *const texts[] = {"", "TOKEN=1", "api_key", "Api_Key", "SK-123", "bearer x", "X", "aBa",
                                      "tok en", "abab", "BEARER"};
  ms_literal_set *set = ms_literal_set_new(lits, n, true);
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
    if (!agrees(set, lits, n, true, texts[t], (uint32_t)strlen(texts[t]))) break;
  ms_literal_set_free(set);
}
