/* One-pass search for many literals; see literals.h. */
#include "util/literals.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define PAIRS 65536u

typedef struct pair_range {
  uint16_t pair;         /* first two bytes, little-endian */
  uint32_t first, count; /* indices into order[] */
} pair_range;

struct ms_literal_set {
  const char *const *strings;
  uint32_t *lens;
  uint32_t n;
  uint32_t *order;   /* literals of two bytes or more, sorted by pair */
  pair_range *pairs; /* sorted by pair */
  uint32_t npairs;
  uint64_t bitmap[PAIRS / 64]; /* pairs that start a literal */
};

static uint16_t pair_of(const char *s) {
  return (uint16_t)((unsigned char)s[0] | ((unsigned)(unsigned char)s[1] << 8));
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

ms_literal_set *ms_literal_set_new(const char *const *strings, uint32_t n) {
  ms_literal_set *self = ms_xcalloc(1, sizeof *self);
  self->strings = strings;
  self->n = n;
  self->lens = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  self->order = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  uint64_t *keys = ms_xcalloc(n ? n : 1, sizeof(uint64_t)); /* pair << 32 | index */
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    self->lens[i] = (uint32_t)strlen(strings[i]);
    if (self->lens[i] >= 2) keys[m++] = (uint64_t)pair_of(strings[i]) << 32 | i;
  }
  qsort(keys, m, sizeof(uint64_t), cmp_u64);
  for (uint32_t k = 0; k < m; k++) self->order[k] = (uint32_t)keys[k];
  ms_free(keys);
  self->pairs = ms_xcalloc(m ? m : 1, sizeof(pair_range));
  for (uint32_t k = 0; k < m; k++) {
    uint16_t p = pair_of(strings[self->order[k]]);
    if (self->npairs == 0 || self->pairs[self->npairs - 1].pair != p) {
      pair_range r = {p, k, 0};
      self->pairs[self->npairs++] = r;
      self->bitmap[p / 64] |= 1ull << (p % 64);
    }
    self->pairs[self->npairs - 1].count++;
  }
  return self;
}

void ms_literal_set_free(ms_literal_set *self) {
  if (self == NULL) return;
  ms_free(self->lens);
  ms_free(self->order);
  ms_free(self->pairs);
  ms_free(self);
}

static const pair_range *find_pair(const ms_literal_set *self, uint16_t p) {
  uint32_t lo = 0, hi = self->npairs;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (self->pairs[mid].pair < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < self->npairs && self->pairs[lo].pair == p ? &self->pairs[lo] : NULL;
}

void ms_literal_set_scan(const ms_literal_set *self, const char *text, uint32_t len, bool *found) {
  uint32_t left = 0; /* literals of two bytes or more not found yet */
  for (uint32_t i = 0; i < self->n; i++) {
    uint32_t l = self->lens[i];
    found[i] = l == 0 || (l == 1 && memchr(text, self->strings[i][0], len) != NULL);
    left += l >= 2;
  }
  if (left == 0 || len < 2) return;
  /* A pair's bit is cleared once all its literals are found, so a common pair stops costing. */
  uint64_t live[PAIRS / 64];
  memcpy(live, self->bitmap, sizeof live);
  const unsigned char *t = (const unsigned char *)text;
  for (uint32_t i = 0; i + 1 < len; i++) {
    uint16_t p = (uint16_t)(t[i] | ((unsigned)t[i + 1] << 8));
    if (!(live[p / 64] & (1ull << (p % 64)))) continue;
    const pair_range *r = find_pair(self, p);
    uint32_t pending = 0;
    for (uint32_t k = r->first; k < r->first + r->count; k++) {
      uint32_t id = self->order[k];
      if (found[id]) continue;
      uint32_t l = self->lens[id];
      if (l <= len - i && memcmp(text + i, self->strings[id], l) == 0) {
        found[id] = true;
        left--;
      } else {
        pending++;
      }
    }
    if (pending == 0) live[p / 64] &= ~(1ull << (p % 64));
    if (left == 0) return;
  }
}
