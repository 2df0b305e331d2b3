/* Per-file occurrences of the queries' anchor literals; see anchor_cache.h. */
#include "match/anchor_cache.h"

#include <string.h>

#include "match/regex_factors.h"
#include "util/array.h"
#include "util/find.h"
#include "util/xalloc.h"

struct ms_anchor_cache {
  uint64_t file;                /* the file the entries are for (0: none) */
  ms_array(ms_anchor_hits) hits;
  uint32_t *slots;              /* open addressing over hits: index + 1, 0 when empty */
  uint32_t nslots;              /* a power of two, at least twice hits.len */
  char *lower;                  /* the file's text in lower case (ASCII), made on the first folded search */
  bool lowered;                 /* lower was made (it stays NULL when the slow path is needed) */
  uint32_t run;
};

ms_anchor_cache *ms_anchor_cache_new(void) {
  ms_anchor_cache *self = ms_xcalloc(1, sizeof *self);
  self->nslots = 256;
  self->slots = ms_xcalloc(self->nslots, sizeof *self->slots);
  return self;
}

void ms_anchor_cache_free(ms_anchor_cache *self) {
  if (self == NULL) return;
  ms_array_free(&self->hits);
  ms_free(self->slots);
  ms_free(self->lower);
  ms_free(self);
}

void ms_anchor_cache_use(ms_anchor_cache *self, uint64_t file) {
  if (file != 0 && file == self->file) return;
  self->file = file;
  if (self->hits.len > 0) memset(self->slots, 0, self->nslots * sizeof *self->slots);
  ms_array_clear(&self->hits);
  ms_free(self->lower);
  self->lower = NULL;
  self->lowered = false;
}

uint32_t ms_anchor_cache_run(ms_anchor_cache *self) {
  return ++self->run;
}

static uint32_t hash_of(const char *s, uint32_t len, bool fold) {
  uint32_t h = fold ? 2166136261u ^ 1u : 2166136261u;
  for (uint32_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static void grow(ms_anchor_cache *self) {
  ms_free(self->slots);
  self->nslots *= 2;
  self->slots = ms_xcalloc(self->nslots, sizeof *self->slots);
  for (uint32_t i = 0; i < self->hits.len; i++) {
    uint32_t k = self->hits.items[i].hash & (self->nslots - 1);
    while (self->slots[k] != 0) k = (k + 1) & (self->nslots - 1);
    self->slots[k] = i + 1;
  }
}

/* Fills h->at/end with the occurrences of h's literal (at most MS_ANCHOR_MAX_HITS + 1). A
 * folded literal is one ms_find in the lowered text, unless the text holds characters only
 * ms_regex_factors_find folds (ms_regex_factors_fold_text). */
static void search(ms_anchor_cache *self, ms_anchor_hits *h, const char *in, uint32_t n) {
  if (h->fold && !self->lowered) {
    self->lowered = true;
    self->lower = ms_regex_factors_fold_text(in, n);
  }
  const char *lower = h->fold ? self->lower : NULL, *text = lower ? lower : in, *end = text + n;
  size_t olen = h->len;
  h->n = 0;
  for (const char *at = text; h->n <= MS_ANCHOR_MAX_HITS && at < end; at++) {
    at = h->fold && !lower ? ms_regex_factors_find(at, (size_t)(end - at), h->s, h->len, true, &olen)
                           : ms_find(at, (size_t)(end - at), h->s, h->len);
    if (at == NULL) break;
    h->at[h->n] = (uint32_t)(at - text);
    h->end[h->n++] = (uint32_t)(at - text + olen);
  }
}

uint32_t ms_anchor_cache_find(ms_anchor_cache *self, const char *s, uint32_t len, bool fold, const char *text,
                              uint32_t n) {
  uint32_t hash = hash_of(s, len, fold), k = hash & (self->nslots - 1);
  for (; self->slots[k] != 0; k = (k + 1) & (self->nslots - 1)) {
    const ms_anchor_hits *h = &self->hits.items[self->slots[k] - 1];
    if (h->hash == hash && h->len == len && h->fold == fold && memcmp(h->s, s, len) == 0) return self->slots[k] - 1;
  }
  uint32_t i = self->hits.len;
  ms_array_reserve(&self->hits, i + 1);
  ms_anchor_hits *h = &self->hits.items[self->hits.len++];
  h->s = s;
  h->len = len;
  h->hash = hash;
  h->fold = fold;
  h->taken = 0;
  search(self, h, text, n);
  self->slots[k] = i + 1;
  if (2 * self->hits.len > self->nslots) grow(self);
  return i;
}

ms_anchor_hits *ms_anchor_cache_at(ms_anchor_cache *self, uint32_t i) {
  return ms_array_get(&self->hits, i);
}
