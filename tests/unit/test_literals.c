/* util/literals: the one-pass search agrees with a plain search on every literal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/literals.h"

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* ASCII letters only, whatever the locale: bytes >= 0x80 must match exactly. */
static bool same_any_case(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i])) return false;
  return true;
}

static bool contains(const char *text, size_t len, const char *lit, bool any_case) {
  size_t n = strlen(lit);
  if (!any_case) return n == 0 || memmem(text, len, lit, n) != NULL;
  for (size_t i = 0; i + n <= len; i++)
    if (same_any_case(text + i, lit, n)) return true;
  return n == 0;
}

/* Scans text with set and fails the test on the first literal it disagrees on. */
static bool agrees(const ms_literal_set *set, const char *const *lits, uint32_t n, bool any_case, const char *text,
                   uint32_t len) {
  bool found[64];
  ms_literal_set_scan(set, text, len, found);
  for (uint32_t i = 0; i < n; i++) {
    if (found[i] == contains(text, len, lits[i], any_case)) continue;
    char d[200];
    snprintf(d, sizeof d, "literal '%s' in text '%.*s' (%u bytes): found %d", lits[i], len > 120 ? 120 : (int)len, text,
             len, found[i]);
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

static unsigned next(unsigned *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return *seed >> 16;
}

/* Literals of every length class (empty, one byte, pairs, triples, four and more), sharing
 * first bytes and keys, with upper-case letters, punctuation that or-s with 0x20 onto another
 * byte ('@' and '`', '_' and DEL), and bytes >= 0x80. */
static const char *const mixed[] = {"",      "q",     "Q",      "\xE9",  "ab",  "aB",    "Ab",     "\x80\x81",
                                     "a@",    "a`",    "ab_",    "ab\x7F", "abc", "abcd",  "abcD",   "ABCDE",
                                     "bcda",  "cdab",  "dabc",   "abcdabcd", "z_", "z\x7F", "@`@`",   "\xC3\xA9t\xC3\xA9",
                                     "\xC3\xA9", "x",  "xyzzy",  "yz",     "dd",  "ddd",   "dddd",   "ddddd",
                                     "cab",   "bca",   "a",      "b!",     "!b",  "!!!!",  "tail",   "head"};

/* Random texts over an alphabet that makes the literals above both occur and nearly occur,
 * from empty to longer than the filters' windows, in both modes. */
static void random_round(bool any_case, unsigned seed, uint32_t max_len, int rounds) {
  static const char alphabet[] = "abcdABCD@`_\x7F!qQzyx\xC3\xA9\x80\x81\xE9tT";
  const uint32_t n = sizeof mixed / sizeof *mixed, na = sizeof alphabet - 1;
  ms_literal_set *set = ms_literal_set_new(mixed, n, any_case);
  char *text = malloc(max_len + 1);
  for (int round = 0; round < rounds; round++) {
    uint32_t len = next(&seed) % (max_len + 1);
    uint32_t skew = next(&seed) % 4; /* sometimes only a few letters, so long literals occur */
    for (uint32_t k = 0; k < len; k++) text[k] = alphabet[next(&seed) % (skew == 0 ? 4 : skew == 1 ? 8 : na)];
    if (!agrees(set, mixed, n, any_case, text, len)) break;
  }
  free(text);
  ms_literal_set_free(set);
}

void test_literals__random_mixed_texts(void) {
  random_round(false, 7, 16, 20000);
  random_round(false, 8, 300, 2000);
}

void test_literals__random_mixed_texts_any_case(void) {
  random_round(true, 9, 16, 20000);
  random_round(true, 10, 300, 2000);
}

/* A literal found only at the very start or the very end of a long text, each length class. */
void test_literals__at_the_edges_of_long_texts(void) {
  static const char *const lits[] = {"St", "Sta", "Star", "Start", "nd", "End", "fEnd", "atEnd", "Z", "\xFE\xFF"};
  const uint32_t n = sizeof lits / sizeof *lits;
  char text[4096];
  for (int f = 0; f < 2; f++) {
    ms_literal_set *set = ms_literal_set_new(lits, n, f == 1);
    for (uint32_t i = 0; i < n; i++)
      for (uint32_t len = 0; len <= sizeof text; len += len < 40 ? 1 : 997) {
        size_t l = strlen(lits[i]);
        if (l > len) continue;
        memset(text, '.', len);
        memcpy(text, lits[i], l); /* at the start */
        if (!agrees(set, lits, n, f == 1, text, len)) goto done;
        memset(text, '.', len);
        memcpy(text + len - l, lits[i], l); /* at the end */
        if (!agrees(set, lits, n, f == 1, text, len)) goto done;
      }
  done:
    ms_literal_set_free(set);
  }
}

/* No literals, only empty ones, or only one-byte ones: the scan still fills found[]. */
void test_literals__degenerate_sets(void) {
  static const char *const empties[] = {"", ""};
  static const char *const bytes[] = {"a", "A", "\xFF"};
  ms_literal_set *none = ms_literal_set_new(empties, 0, false);
  bool found[4] = {true};
  ms_literal_set_scan(none, "abc", 3, found);
  ms_literal_set_free(none);
  for (int f = 0; f < 2; f++) {
    ms_literal_set *e = ms_literal_set_new(empties, 2, f == 1), *b = ms_literal_set_new(bytes, 3, f == 1);
    agrees(e, empties, 2, f == 1, "", 0);
    agrees(e, empties, 2, f == 1, "x", 1);
    agrees(b, bytes, 3, f == 1, "", 0);
    agrees(b, bytes, 3, f == 1, "xa", 2);
    agrees(b, bytes, 3, f == 1, "xA", 2);
    agrees(b, bytes, 3, f == 1, "\xFF", 1);
    agrees(b, bytes, 3, f == 1, "\xDF", 1);
    ms_literal_set_free(e);
    ms_literal_set_free(b);
  }
}

/* Many literals sharing keys, most never found: hits that all fail, a long text, and ones found
 * late after their key was tried many times. */
void test_literals__many_literals_long_text(void) {
  char store[48][8];
  const char *lits[48];
  unsigned seed = 99;
  for (int i = 0; i < 48; i++) {
    uint32_t l = 2 + next(&seed) % 6;
    for (uint32_t k = 0; k < l; k++) store[i][k] = "reqiu"[next(&seed) % 5];
    store[i][l] = '\0';
    lits[i] = store[i];
  }
  char *text = malloc(20000);
  for (int f = 0; f < 2; f++) {
    ms_literal_set *set = ms_literal_set_new(lits, 48, f == 1);
    for (int round = 0; round < 20; round++) {
      uint32_t len = 1000 + next(&seed) % 19000;
      for (uint32_t k = 0; k < len; k++) text[k] = "reqiuREQ x"[next(&seed) % 10];
      if (!agrees(set, lits, 48, f == 1, text, len)) break;
    }
    ms_literal_set_free(set);
  }
  free(text);
}

/* ---- ms_literal_set_each: every occurrence, in the order of pos -------------------------- */

typedef struct occurrences {
  char out[8192];
  size_t len;
} occurrences;

static void note(void *payload, uint32_t index, uint32_t pos) {
  occurrences *o = payload;
  if (o->len + 24 < sizeof o->out) o->len += (size_t)snprintf(o->out + o->len, sizeof o->out - o->len, "%u:%u ", pos, index);
}

/* The occurrences each must report for text: at each pos, the literals of two bytes or more in
 * index order (each reports one pos's literals in any order: both lists are sorted per pos). */
static void expected_occurrences(const char *const *lits, uint32_t n, bool any_case, const char *text, uint32_t len,
                                 occurrences *o) {
  o->len = 0;
  o->out[0] = '\0';
  for (uint32_t pos = 0; pos < len; pos++)
    for (uint32_t i = 0; i < n; i++) {
      size_t l = strlen(lits[i]);
      if (l < 2 || l > len - pos) continue;
      if (any_case ? same_any_case(text + pos, lits[i], l) : memcmp(text + pos, lits[i], l) == 0) note(o, i, pos);
    }
}

/* Sorts the "pos:index" entries of o (positions are already ascending; indices within one pos
 * may not be). */
static void sort_entries(occurrences *o) {
  uint32_t pos[1024], idx[1024], n = 0;
  for (const char *p = o->out; *p && n < 1024;) {
    unsigned a, b;
    int used = 0;
    if (sscanf(p, "%u:%u %n", &a, &b, &used) != 2 || used == 0) break;
    pos[n] = a, idx[n++] = b;
    p += used;
  }
  for (uint32_t i = 1; i < n; i++)
    for (uint32_t j = i; j > 0 && (pos[j - 1] > pos[j] || (pos[j - 1] == pos[j] && idx[j - 1] > idx[j])); j--) {
      uint32_t t = pos[j], u = idx[j];
      pos[j] = pos[j - 1], idx[j] = idx[j - 1];
      pos[j - 1] = t, idx[j - 1] = u;
    }
  o->len = 0;
  o->out[0] = '\0';
  for (uint32_t i = 0; i < n; i++) note(o, idx[i], pos[i]);
}

static void each_round(bool any_case, unsigned seed, uint32_t max_len, int rounds) {
  static const char alphabet[] = "abcdABCD@`_\x7F!qQzyx\xC3\xA9\x80\x81\xE9tT";
  const uint32_t n = sizeof mixed / sizeof *mixed, na = sizeof alphabet - 1;
  ms_literal_set *set = ms_literal_set_new(mixed, n, any_case);
  char text[256];
  static occurrences got, want;
  for (int round = 0; round < rounds; round++) {
    uint32_t len = next(&seed) % (max_len + 1);
    uint32_t skew = next(&seed) % 4;
    for (uint32_t k = 0; k < len; k++) text[k] = alphabet[next(&seed) % (skew == 0 ? 4 : skew == 1 ? 8 : na)];
    got.len = 0;
    got.out[0] = '\0';
    ms_literal_set_each(set, text, len, note, &got);
    sort_entries(&got);
    expected_occurrences(mixed, n, any_case, text, len, &want);
    if (strcmp(got.out, want.out) != 0) {
      char d[300];
      snprintf(d, sizeof d, "text '%.*s' (%u bytes, %s): got [%.100s] want [%.100s]", (int)len, text, len,
               any_case ? "any case" : "exact", got.out, want.out);
      ms_test__fail(__FILE__, __LINE__, "each == naive search", d);
      break;
    }
  }
  ms_literal_set_free(set);
}

void test_literals__each_reports_every_occurrence(void) {
  each_round(false, 21, 12, 20000);
  each_round(false, 22, 200, 1000);
  each_round(true, 23, 12, 20000);
  each_round(true, 24, 200, 1000);
}

/* ---- ms_literal_pass: several sets, one pass per text ------------------------------------- */

/* A pass object answers every set exactly as the set's own each / scan would, whether the set is
 * new (searched alone), replayed from the union (folded or exact, alone or beside others), and
 * whatever order the sets are asked for in and kind the texts are of. */
void test_literals__pass_answers_as_each_set_alone(void) {
  static const char alphabet[] = "abcdABCD@`_!qQzyx\xC3\xA9tT";
  const uint32_t n = sizeof mixed / sizeof *mixed, na = sizeof alphabet - 1;
  static const char *const few[] = {"ab", "Ab", "bcd", "q", "", "zyx!", "ABCD"};
  ms_literal_set *sets[4] = {ms_literal_set_new(mixed, n, false), ms_literal_set_new(mixed, n, true),
                             ms_literal_set_new(few, 7, false), ms_literal_set_new(few, 7, true)};
  const char *const *strings[4] = {mixed, mixed, few, few};
  const uint32_t counts[4] = {n, n, 7, 7};
  ms_literal_pass *pass = ms_literal_pass_new();
  unsigned seed = 77;
  char text[256];
  static occurrences got, want;
  bool found[64], alone[64];
  for (int round = 0; round < 3000; round++) {
    uint32_t len = next(&seed) % 200;
    for (uint32_t k = 0; k < len; k++) text[k] = alphabet[next(&seed) % na];
    ms_literal_pass_begin(pass, next(&seed) % 2, text, len);
    uint32_t start = next(&seed) % 4, asked = 1 + next(&seed) % 4;
    for (uint32_t a = 0; a < asked; a++) {
      uint32_t s = (start + a * (1 + round % 3)) % 4;
      got.len = want.len = 0;
      got.out[0] = want.out[0] = '\0';
      if (next(&seed) % 2) {
        ms_literal_pass_each(pass, sets[s], text, len, note, &got);
        ms_literal_set_each(sets[s], text, len, note, &want);
        sort_entries(&got);
        sort_entries(&want);
      } else {
        ms_literal_pass_scan(pass, sets[s], text, len, found);
        ms_literal_set_scan(sets[s], text, len, alone);
        for (uint32_t i = 0; i < counts[s]; i++) {
          if (found[i]) note(&got, i, 0);
          if (alone[i]) note(&want, i, 0);
        }
      }
      if (strcmp(got.out, want.out) != 0) {
        char d[300];
        snprintf(d, sizeof d, "round %d, set %u (first string '%s'): got [%.100s] want [%.100s]", round, s,
                 strings[s][0], got.out, want.out);
        ms_test__fail(__FILE__, __LINE__, "pass == the set alone", d);
        round = 3000;
        break;
      }
    }
  }
  ms_literal_pass_free(pass);
  for (int s = 0; s < 4; s++) ms_literal_set_free(sets[s]);
}
