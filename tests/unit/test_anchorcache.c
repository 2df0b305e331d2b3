/* The per-file cache of anchor literal places (src/match/anchor_cache.c). */
#include <stdio.h>

#include "harness.h"
#include "match/anchor_cache.h"

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
  for (int k = 0; k < 60; k++) strcat(text, "ab ");
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
