/* The per-file cache of anchor literal places (src/match/anchor_cache.c). */
#include <stdio.h>

#include "harness.h"
#include "match/anchor_cache.h"
#include "util/literals.h"

void test_anchorcache__finds_every_place(void) {
  ms_anchor_cache *c = ms_anchor_cache_new();
  const char *text = "os.system(x); os.popen(y)";
  ms_anchor_cache_use(c, 1);
  uint32_t i = ms_anchor_cache_find(c, "os", 2, false, text, (uint32_t)strlen(text));
  ms_anchor_hits *h = ms_anchor_cache_at(c, i);
  MS_CHECK_INT(h->n, 2);
  MS_CHECK_INT(h->at[0], 0);
  MS_CHECK_INT(h->end[1], 16);
  MS_CHECK_INT(ms_anchor_cache_find(c, "os", 2, false, text, (uint32_t)strlen(text)), i);
  uint32_t f = ms_anchor_cache_find(c, "system", 6, true, "OS.SYSTEM", 9);
  MS_CHECK(f != i);
  MS_CHECK_INT(ms_anchor_cache_at(c, f)->n, 1);
  ms_anchor_cache_free(c);
}

/* A new file forgets the old places; file 0 never keeps them. */
void test_anchorcache__forgets_the_previous_file(void) {
  ms_anchor_cache *c = ms_anchor_cache_new();
  ms_anchor_cache_use(c, 1);
  uint32_t i = ms_anchor_cache_find(c, "eval", 4, false, "eval(a)", 7);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1);
  ms_anchor_cache_use(c, 1);
  i = ms_anchor_cache_find(c, "eval", 4, false, "nothing", 7);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1); /* same file: kept */
  ms_anchor_cache_use(c, 2);
  i = ms_anchor_cache_find(c, "eval", 4, false, "nothing", 7);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 0);
  ms_anchor_cache_use(c, 0);
  i = ms_anchor_cache_find(c, "eval", 4, false, "eval eval", 9);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 2);
  ms_anchor_cache_use(c, 0);
  i = ms_anchor_cache_find(c, "eval", 4, false, "x", 1);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 0);
  ms_anchor_cache_free(c);
}

/* Many literals (the table grows) stay distinct, and more places than kept say "more". */
void test_anchorcache__many_literals_and_places(void) {
  ms_anchor_cache *c = ms_anchor_cache_new();
  char text[4096] = "";
  for (uint32_t k = 0; k < MS_ANCHOR_MAX_HITS + 12; k++) strcat(text, "ab ");
  static char names[400][8];
  ms_anchor_cache_use(c, 7);
  for (uint32_t k = 0; k < 400; k++) {
    snprintf(names[k], sizeof names[k], "n%u", k);
    MS_CHECK_INT(ms_anchor_cache_find(c, names[k], (uint32_t)strlen(names[k]), false, text, (uint32_t)strlen(text)), k);
  }
  for (uint32_t k = 0; k < 400; k++)
    MS_CHECK_INT(ms_anchor_cache_find(c, names[k], (uint32_t)strlen(names[k]), false, text, (uint32_t)strlen(text)), k);
  uint32_t i = ms_anchor_cache_find(c, "ab", 2, false, text, (uint32_t)strlen(text));
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, MS_ANCHOR_MAX_HITS + 1);
  ms_anchor_cache_free(c);
}

/* The places ms_anchor_cache_scan enters for literal s equal those of a search of its own. */
static void check_same_places(ms_anchor_cache *c, const char *s, bool fold, const char *text) {
  uint32_t n = (uint32_t)strlen(text), len = (uint32_t)strlen(s);
  uint32_t i = ms_anchor_cache_find(c, s, len, fold, text, n);
  ms_anchor_hits got = *ms_anchor_cache_at(c, i);
  ms_anchor_cache *alone = ms_anchor_cache_new();
  ms_anchor_cache_use(alone, 0);
  const ms_anchor_hits *want = ms_anchor_cache_at(alone, ms_anchor_cache_find(alone, s, len, fold, text, n));
  MS_CHECK_INT(got.n, want->n);
  for (uint32_t k = 0; k < got.n && k < want->n; k++) {
    MS_CHECK_INT(got.at[k], want->at[k]);
    MS_CHECK_INT(got.end[k], want->end[k]);
  }
  ms_anchor_cache_free(alone);
}

/* One pass finds overlapping literals and overlapping places of one literal, folds case only for
 * folded literals, and keeps the places a search of each literal finds. */
void test_anchorcache__one_pass_overlaps_and_case(void) {
  ms_anchor_set *set = ms_anchor_set_new();
  const char *lits[] = {"aaaa", "aaab", "abcab", "cabx", "system", "System", "exec"};
  const bool fold[] = {false, false, false, false, true, false, true};
  for (uint32_t k = 0; k < 7; k++) ms_anchor_set_add(set, lits[k], (uint32_t)strlen(lits[k]), fold[k]);
  ms_anchor_set_add(set, "aaaa", 4, false); /* twice: kept once */
  ms_anchor_set_freeze(set);
  const char *text = "aaaaaab abcabx os.SyStem(1); System; EXEC x";
  ms_anchor_cache *c = ms_anchor_cache_new();
  ms_anchor_cache_use(c, 3);
  ms_anchor_cache_scan(c, set, NULL, text, (uint32_t)strlen(text));
  uint32_t i = ms_anchor_cache_find(c, "aaaa", 4, false, "", 0); /* entered by the pass: no search */
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 3);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->at[2], 2);
  i = ms_anchor_cache_find(c, "system", 6, true, "", 0);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 2);
  i = ms_anchor_cache_find(c, "System", 6, false, "", 0);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->at[0], 29);
  for (uint32_t k = 0; k < 7; k++) check_same_places(c, lits[k], fold[k], text);
  ms_anchor_cache_free(c);
  ms_anchor_set_free(set);
}

/* More places than kept say "more"; U+017F and U+212A count as s and k for folded literals; a
 * literal already entered keeps its places; short literals are left to their own search. */
void test_anchorcache__one_pass_caps_and_special_folds(void) {
  ms_anchor_set *set = ms_anchor_set_new();
  const char *lits[] = {"token", "system", "kind", "os"};
  const bool fold[] = {false, true, true, false};
  for (uint32_t k = 0; k < 4; k++) ms_anchor_set_add(set, lits[k], (uint32_t)strlen(lits[k]), fold[k]);
  ms_anchor_set_freeze(set);
  char text[8192] = "\xC5\xBFystem \xE2\x84\xAAind KIND os ";
  for (uint32_t k = 0; k < MS_ANCHOR_MAX_HITS + 12; k++) strcat(text, "token ");
  uint32_t n = (uint32_t)strlen(text);
  ms_anchor_cache *c = ms_anchor_cache_new();
  ms_anchor_cache_use(c, 4);
  ms_anchor_cache_scan(c, set, NULL, text, n);
  ms_anchor_cache_scan(c, set, NULL, "", 0); /* the same file: every literal is there already */
  MS_CHECK_INT(ms_anchor_cache_at(c, ms_anchor_cache_find(c, "token", 5, false, "", 0))->n, MS_ANCHOR_MAX_HITS + 1);
  uint32_t i = ms_anchor_cache_find(c, "system", 6, true, "", 0);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->end[0], 7); /* "ſystem": U+017F is two bytes */
  i = ms_anchor_cache_find(c, "os", 2, false, text, n);
  MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1);
  MS_CHECK_INT(ms_anchor_cache_at(c, ms_anchor_cache_find(c, "kind", 4, true, "", 0))->n, 2);
  ms_anchor_cache_use(c, 5);
  ms_anchor_cache_scan(c, set, NULL, "KIND", 4);
  MS_CHECK_INT(ms_anchor_cache_at(c, ms_anchor_cache_find(c, "kind", 4, true, "", 0))->n, 1);
  ms_anchor_cache_use(c, 6);
  ms_anchor_cache_scan(c, set, NULL, text, n);
  for (uint32_t k = 0; k < 4; k++) check_same_places(c, lits[k], fold[k], text);
  ms_anchor_cache_free(c);
  ms_anchor_set_free(set);
}

/* Through a shared literal pass (literals.h) the cache gets the same places, whether the set is
 * searched alone (its first file) or replayed from the union with another, exact, set. */
void test_anchorcache__one_pass_through_a_shared_pass(void) {
  ms_anchor_set *set = ms_anchor_set_new();
  const char *lits[] = {"aaaa", "abcab", "system", "System", "exec", "token"};
  const bool fold[] = {false, false, true, false, true, false};
  for (uint32_t k = 0; k < 6; k++) ms_anchor_set_add(set, lits[k], (uint32_t)strlen(lits[k]), fold[k]);
  ms_anchor_set_freeze(set);
  const char *other_strings[] = {"exec", "Sys", "to"};
  ms_literal_set *other = ms_literal_set_new(other_strings, 3, false);
  const char *text = "aaaaaab abcabx os.SyStem(1); System; EXEC x token TOKEN exec";
  uint32_t n = (uint32_t)strlen(text);
  ms_literal_pass *pass = ms_literal_pass_new();
  ms_anchor_cache *c = ms_anchor_cache_new();
  for (uint32_t file = 1; file <= 3; file++) {
    bool found[3];
    ms_literal_pass_begin(pass, 0, text, n);
    ms_literal_pass_scan(pass, other, text, n, found); /* the exact set comes first in each file */
    MS_CHECK(found[0] && found[1] && found[2]);
    ms_anchor_cache_use(c, file);
    ms_anchor_cache_scan(c, set, pass, text, n);
    uint32_t i = ms_anchor_cache_find(c, "System", 6, false, "", 0);
    MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 1);
    i = ms_anchor_cache_find(c, "exec", 4, true, "", 0);
    MS_CHECK_INT(ms_anchor_cache_at(c, i)->n, 2);
    for (uint32_t k = 0; k < 6; k++) check_same_places(c, lits[k], fold[k], text);
  }
  ms_anchor_cache_free(c);
  ms_literal_pass_free(pass);
  ms_literal_set_free(other);
  ms_anchor_set_free(set);
}
