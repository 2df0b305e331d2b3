/* Per-file occurrences of the queries' anchor literals; see anchor_cache.h. */
#include "match/anchor_cache.h"

#include <string.h>

#include "match/regex_factors.h"
#include "util/array.h"
#include "util/find.h"
#include "util/literals.h"
#include "util/xalloc.h"

struct ms_anchor_cache {
  uint64_t file;                /* the file the entries are for (0: none) */
  ms_array(ms_anchor_hits) hits;
  uint32_t *slots;              /* open addressing over hits: index + 1, 0 when empty */
  uint32_t nslots;              /* a power of two, at least twice hits.len */
  char *lower;                  /* the file's text in lower case (ASCII), made on the first folded search */
  bool lowered;                 /* lower was made (it stays NULL when the slow path is needed) */
  uint32_t run;
  ms_array(uint32_t) entry;     /* ms_anchor_cache_scan: the entry of each literal of the set */
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
  ms_array_free(&self->entry);
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

/* The index of the entry of s[0..len), or UINT32_MAX with *slot the empty slot it would take. */
static uint32_t lookup(const ms_anchor_cache *self, const char *s, uint32_t len, bool fold, uint32_t hash,
                       uint32_t *slot) {
  uint32_t k = hash & (self->nslots - 1);
  for (; self->slots[k] != 0; k = (k + 1) & (self->nslots - 1)) {
    const ms_anchor_hits *h = &self->hits.items[self->slots[k] - 1];
    if (h->hash == hash && h->len == len && h->fold == fold && memcmp(h->s, s, len) == 0) return self->slots[k] - 1;
  }
  *slot = k;
  return UINT32_MAX;
}

/* Adds the entry of s[0..len), without places yet, at slot. */
static uint32_t insert(ms_anchor_cache *self, const char *s, uint32_t len, bool fold, uint32_t hash, uint32_t slot) {
  uint32_t i = self->hits.len;
  ms_array_reserve(&self->hits, i + 1);
  ms_anchor_hits *h = &self->hits.items[self->hits.len++];
  h->s = s;
  h->len = len;
  h->hash = hash;
  h->fold = fold;
  h->taken = 0;
  h->n = 0;
  self->slots[slot] = i + 1;
  if (2 * self->hits.len > self->nslots) grow(self);
  return i;
}

uint32_t ms_anchor_cache_find(ms_anchor_cache *self, const char *s, uint32_t len, bool fold, const char *text,
                              uint32_t n) {
  uint32_t hash = hash_of(s, len, fold), slot = 0, i = lookup(self, s, len, fold, hash, &slot);
  if (i != UINT32_MAX) return i;
  i = insert(self, s, len, fold, hash, slot);
  search(self, &self->hits.items[i], text, n);
  return i;
}

ms_anchor_hits *ms_anchor_cache_at(ms_anchor_cache *self, uint32_t i) {
  return ms_array_get(&self->hits, i);
}

/* ---- one pass for a query set's literals ---------------------------------------------------- */

#define LONG_S "\xC5\xBF"      /* U+017F and U+212A: a text holding them has folded literals */
#define KELVIN "\xE2\x84\xAA" /* searched one by one (ms_regex_factors_find) */

struct ms_anchor_set {
  ms_array(const char *) strings; /* the literals, then LONG_S and KELVIN */
  ms_array(uint32_t) lengths;
  ms_array(bool) fold;
  ms_literal_set *matcher;        /* over strings, fold_case: exact literals are checked again */
};

ms_anchor_set *ms_anchor_set_new(void) {
  return ms_xcalloc(1, sizeof(ms_anchor_set));
}

void ms_anchor_set_free(ms_anchor_set *self) {
  if (self == NULL) return;
  ms_literal_set_free(self->matcher);
  ms_array_free(&self->strings);
  ms_array_free(&self->lengths);
  ms_array_free(&self->fold);
  ms_free(self);
}

void ms_anchor_set_add(ms_anchor_set *self, const char *s, uint32_t len, bool fold) {
  if (len < 4 || strlen(s) != len) return;
  for (uint32_t i = 0; i < self->strings.len; i++)
    if (self->lengths.items[i] == len && self->fold.items[i] == fold && memcmp(self->strings.items[i], s, len) == 0)
      return;
  ms_array_push(&self->strings, s);
  ms_array_push(&self->lengths, len);
  ms_array_push(&self->fold, fold);
}

void ms_anchor_set_freeze(ms_anchor_set *self) {
  self->matcher = ms_literal_set_new(self->strings.items, self->strings.len, true);
}

/* One pass's state: the cache entry each literal of the set fills (UINT32_MAX: none). */
typedef struct scan_state {
  const ms_anchor_set *set;
  ms_anchor_hits *hits;
  const uint32_t *entry;
  const char *text;
} scan_state;

static void on_literal(void *payload, uint32_t index, uint32_t pos) {
  scan_state *st = payload;
  if (st->entry[index] == UINT32_MAX) return;
  ms_anchor_hits *h = &st->hits[st->entry[index]];
  if (h->n > MS_ANCHOR_MAX_HITS) return;
  if (!h->fold && memcmp(st->text + pos, h->s, h->len) != 0) return;
  h->at[h->n] = pos;
  h->end[h->n++] = pos + h->len;
}

void ms_anchor_cache_scan(ms_anchor_cache *self, const ms_anchor_set *set, ms_literal_pass *pass, const char *text,
                          uint32_t n) {
  uint32_t nlit = set->lengths.len, missing = 0;
  ms_array_reserve(&self->entry, nlit);
  for (uint32_t k = 0; k < nlit; k++) {
    const char *s = set->strings.items[k];
    uint32_t len = set->lengths.items[k], slot = 0, hash = hash_of(s, len, set->fold.items[k]);
    uint32_t i = lookup(self, s, len, set->fold.items[k], hash, &slot);
    self->entry.items[k] = i == UINT32_MAX ? insert(self, s, len, set->fold.items[k], hash, slot) : UINT32_MAX;
    missing += i == UINT32_MAX;
  }
  if (missing == 0) return;
  scan_state st = {set, self->hits.items, self->entry.items, text};
  ms_literal_pass_each(pass, set->matcher, text, n, on_literal, &st);
  if (ms_find(text, n, LONG_S, 2) == NULL && ms_find(text, n, KELVIN, 3) == NULL) return;
  /* Folded literals may occur as U+017F or U+212A too: search those one by one. */
  for (uint32_t k = 0; k < nlit; k++)
    if (self->entry.items[k] != UINT32_MAX && set->fold.items[k]) search(self, &self->hits.items[self->entry.items[k]], text, n);
}
