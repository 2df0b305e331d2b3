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
  bool fold_case;              /* pairs are of lower-cased bytes; compare in any case */
  uint64_t bitmap[PAIRS / 64]; /* pairs that start a literal */
};

static unsigned char fold(bool on, unsigned char c) { return on && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static uint16_t pair_of(bool f, const char *s) {
  return (uint16_t)(fold(f, (unsigned char)s[0]) | ((unsigned)fold(f, (unsigned char)s[1]) << 8));
}

static bool same(bool f, const char *a, const char *b, uint32_t n) {
  if (!f) return memcmp(a, b, n) == 0;
  for (uint32_t i = 0; i < n; i++)
    if (fold(true, (unsigned char)a[i]) != fold(true, (unsigned char)b[i])) return false;
  return true;
}

static bool has_byte(bool f, const char *text, uint32_t len, char c) {
  if (!f) return memchr(text, c, len) != NULL;
  for (uint32_t i = 0; i < len; i++)
    if (fold(true, (unsigned char)text[i]) == fold(true, (unsigned char)c)) return true;
  return false;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

ms_literal_set *ms_literal_set_new(const char *const *strings, uint32_t n, bool fold_case) {
  ms_literal_set *self = ms_xcalloc(1, sizeof *self);
  self->strings = strings;
  self->fold_case = fold_case;
  self->n = n;
  self->lens = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  self->order = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  uint64_t *keys = ms_xcalloc(n ? n : 1, sizeof(uint64_t)); /* pair << 32 | index */
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    self->lens[i] = (uint32_t)strlen(strings[i]);
    if (self->lens[i] >= 2) keys[m++] = (uint64_t)pair_of(fold_case, strings[i]) << 32 | i;
  }
  qsort(keys, m, sizeof(uint64_t), cmp_u64);
  for (uint32_t k = 0; k < m; k++) self->order[k] = (uint32_t)keys[k];
  ms_free(keys);
  self->pairs = ms_xcalloc(m ? m : 1, sizeof(pair_range));
  for (uint32_t k = 0; k < m; k++) {
    uint16_t p = pair_of(fold_case, strings[self->order[k]]);
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
    found[i] = l == 0 || (l == 1 && has_byte(self->fold_case, text, len, self->strings[i][0]));
    left += l >= 2;
  }
  if (left == 0 || len < 2) return;
  /* A pair's bit is cleared once all its literals are found, so a common pair stops costing. */
  uint64_t live[PAIRS / 64];
  memcpy(live, self->bitmap, sizeof live);
  for (uint32_t i = 0; i + 1 < len; i++) {
    uint16_t p = pair_of(self->fold_case, text + i);
    if (!(live[p / 64] & (1ull << (p % 64)))) continue;
    const pair_range *r = find_pair(self, p);
    uint32_t pending = 0;
    for (uint32_t k = r->first; k < r->first + r->count; k++) {
      uint32_t id = self->order[k];
      if (found[id]) continue;
      uint32_t l = self->lens[id];
      if (l <= len - i && same(self->fold_case, text + i, self->strings[id], l)) {
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
