/* One-pass search for many literals; see literals.h. */
#include "util/literals.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define KEYS 65536u        /* bits in a filter: 8 KiB */
#define WORDS (KEYS / 64u) /* its 64-bit words */

/* Literals grouped by a 16-bit key of their first bytes. bits[] says which keys start some
 * literal; the literals of key k are order[first[b]..first[b + 1]) where b, the bucket, is the
 * number of keys below k in bits[] (rank[] holds that count per word, so no search is needed). */
typedef struct filter {
  uint64_t bits[WORDS];
  uint16_t rank[WORDS];
  uint32_t *first; /* nbuckets + 1 */
  uint32_t *order; /* literal indices, by bucket */
  uint32_t count;  /* literals in the filter */
} filter;

struct ms_literal_set {
  const char *const *strings;
  uint32_t *lens;
  uint32_t n;
  bool fold_case;
  uint32_t mask; /* or-ed into each byte of a key: 0x20 with fold_case, else 0 */
  filter quad;   /* literals of four bytes or more, keyed by a hash of their first four */
  filter pair;   /* literals of two or three bytes, keyed by their first two */
};

/* The keys: with fold_case a byte is or-ed with 0x20, which maps both cases of a letter to one
 * value (and some other bytes with them). That only adds candidates; the comparison decides. */
static uint32_t load4(const char *s) {
  uint32_t w;
  memcpy(&w, s, 4);
  return w;
}

static uint16_t load2(const char *s) {
  uint16_t w;
  memcpy(&w, s, 2);
  return w;
}

static uint32_t quad_key(uint32_t w) { return (w * 0x9E3779B1u) >> 16; }

static unsigned char fold(bool on, unsigned char c) { return on && c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static bool same(bool f, const char *a, const char *b, uint32_t n) {
  if (!f) return memcmp(a, b, n) == 0;
  for (uint32_t i = 0; i < n; i++)
    if (fold(true, (unsigned char)a[i]) != fold(true, (unsigned char)b[i])) return false;
  return true;
}

static bool has_byte(bool f, const char *text, uint32_t len, char c) {
  unsigned char l = fold(f, (unsigned char)c);
  if (memchr(text, l, len) != NULL) return true;
  return f && l >= 'a' && l <= 'z' && memchr(text, l - 32, len) != NULL;
}

static bool test_bit(const uint64_t *bits, uint32_t k) { return (bits[k / 64] >> (k % 64)) & 1u; }

static uint32_t popcount64(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

static uint32_t bucket_of(const filter *f, uint32_t k) {
  return f->rank[k / 64] + popcount64(f->bits[k / 64] & ((1ull << (k % 64)) - 1));
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* keys[i] is key << 32 | literal index, for the m literals of the filter. */
static void filter_build(filter *f, uint64_t *keys, uint32_t m) {
  qsort(keys, m, sizeof(uint64_t), cmp_u64);
  f->count = m;
  f->order = ms_xcalloc(m ? m : 1, sizeof(uint32_t));
  f->first = ms_xcalloc(m + 1, sizeof(uint32_t));
  uint32_t nb = 0;
  for (uint32_t k = 0; k < m; k++) {
    uint32_t key = (uint32_t)(keys[k] >> 32);
    f->order[k] = (uint32_t)keys[k];
    if (!test_bit(f->bits, key)) {
      f->bits[key / 64] |= 1ull << (key % 64);
      f->first[nb++] = k;
    }
  }
  f->first[nb] = m;
  uint32_t total = 0;
  for (uint32_t w = 0; w < WORDS; w++) {
    f->rank[w] = (uint16_t)total;
    total += popcount64(f->bits[w]);
  }
}

ms_literal_set *ms_literal_set_new(const char *const *strings, uint32_t n, bool fold_case) {
  ms_literal_set *self = ms_xcalloc(1, sizeof *self);
  self->strings = strings;
  self->fold_case = fold_case;
  self->mask = fold_case ? 0x20202020u : 0;
  self->n = n;
  self->lens = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  uint64_t *quads = ms_xcalloc(n ? n : 1, sizeof(uint64_t)), *pairs = ms_xcalloc(n ? n : 1, sizeof(uint64_t));
  uint32_t nq = 0, np = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t l = self->lens[i] = (uint32_t)strlen(strings[i]);
    if (l >= 4) quads[nq++] = (uint64_t)quad_key(load4(strings[i]) | self->mask) << 32 | i;
    else if (l >= 2) pairs[np++] = (uint64_t)(load2(strings[i]) | (uint16_t)self->mask) << 32 | i;
  }
  filter_build(&self->quad, quads, nq);
  filter_build(&self->pair, pairs, np);
  ms_free(quads);
  ms_free(pairs);
  return self;
}

void ms_literal_set_free(ms_literal_set *self) {
  if (self == NULL) return;
  ms_free(self->lens);
  ms_free(self->quad.first);
  ms_free(self->quad.order);
  ms_free(self->pair.first);
  ms_free(self->pair.order);
  ms_free(self);
}

/* The state of one scan. A key's bit in live[] is cleared once all its literals are found, so a
 * common key stops costing; live[] points at the filter's bits until the first such clearing. */
typedef struct scan {
  const ms_literal_set *set;
  const char *text;
  uint32_t len;
  bool *found;
  uint32_t left; /* literals of two bytes or more not found yet */
  const uint64_t *live[2];
  uint64_t copy[2][WORDS];
} scan;

/* Compares the literals of key k of filter which (0 quad, 1 pair) with the text at i. */
static void check(scan *s, int which, uint32_t i, uint32_t k) {
  const ms_literal_set *set = s->set;
  const filter *f = which == 0 ? &set->quad : &set->pair;
  uint32_t b = bucket_of(f, k), pending = 0;
  for (uint32_t j = f->first[b]; j < f->first[b + 1]; j++) {
    uint32_t id = f->order[j];
    if (s->found[id]) continue;
    uint32_t l = set->lens[id];
    if (l <= s->len - i && same(set->fold_case, s->text + i, set->strings[id], l)) {
      s->found[id] = true;
      s->left--;
    } else {
      pending++;
    }
  }
  if (pending > 0) return;
  if (s->live[which] == f->bits) {
    memcpy(s->copy[which], f->bits, sizeof s->copy[which]);
    s->live[which] = s->copy[which];
  }
  s->copy[which][k / 64] &= ~(1ull << (k % 64));
}

void ms_literal_set_scan(const ms_literal_set *self, const char *text, uint32_t len, bool *found) {
  uint32_t left = 0;
  for (uint32_t i = 0; i < self->n; i++) {
    uint32_t l = self->lens[i];
    found[i] = l == 0 || (l == 1 && has_byte(self->fold_case, text, len, self->strings[i][0]));
    left += l >= 2;
  }
  if (left == 0 || len < 2) return;
  scan s;
  s.set = self;
  s.text = text;
  s.len = len;
  s.found = found;
  s.left = left;
  s.live[0] = self->quad.bits;
  s.live[1] = self->pair.bits;
  const uint32_t m4 = self->mask;
  const uint16_t m2 = (uint16_t)self->mask;
  uint32_t i = 0;
  for (; i + 4 <= len; i++) {
    uint32_t q = quad_key(load4(text + i) | m4), p = (uint32_t)(load2(text + i) | m2);
    bool hq = test_bit(s.live[0], q), hp = test_bit(s.live[1], p);
    if (!(hq | hp)) continue;
    if (hq) check(&s, 0, i, q);
    if (hp) check(&s, 1, i, p);
    if (s.left == 0) return;
  }
  /* The last three positions: only pairs fit. */
  for (; i + 2 <= len; i++) {
    uint32_t p = (uint32_t)(load2(text + i) | m2);
    if (!test_bit(s.live[1], p)) continue;
    check(&s, 1, i, p);
    if (s.left == 0) return;
  }
}

/* The literals of key k of filter f that occur at text + i. */
static void report(const ms_literal_set *set, const filter *f, const char *text, uint32_t len, uint32_t i, uint32_t k,
                   ms_literal_fn fn, void *payload) {
  uint32_t b = bucket_of(f, k);
  for (uint32_t j = f->first[b]; j < f->first[b + 1]; j++) {
    uint32_t id = f->order[j], l = set->lens[id];
    if (l <= len - i && same(set->fold_case, text + i, set->strings[id], l)) fn(payload, id, i);
  }
}

void ms_literal_set_each(const ms_literal_set *self, const char *text, uint32_t len, ms_literal_fn fn, void *payload) {
  if (len < 2 || self->quad.count + self->pair.count == 0) return;
  const uint32_t m4 = self->mask;
  const uint16_t m2 = (uint16_t)self->mask;
  uint32_t i = 0;
  if (self->pair.count == 0) {
    /* Only literals of four bytes or more: one filter to test. */
    for (; i + 4 <= len; i++) {
      uint32_t q = quad_key(load4(text + i) | m4);
      if (test_bit(self->quad.bits, q)) report(self, &self->quad, text, len, i, q, fn, payload);
    }
    return;
  }
  for (; i + 4 <= len; i++) {
    uint32_t q = quad_key(load4(text + i) | m4), p = (uint32_t)(load2(text + i) | m2);
    bool hq = test_bit(self->quad.bits, q), hp = test_bit(self->pair.bits, p);
    if (!(hq | hp)) continue;
    if (hq) report(self, &self->quad, text, len, i, q, fn, payload);
    if (hp) report(self, &self->pair, text, len, i, p, fn, payload);
  }
  for (; i + 2 <= len; i++) {
    uint32_t p = (uint32_t)(load2(text + i) | m2);
    if (test_bit(self->pair.bits, p)) report(self, &self->pair, text, len, i, p, fn, payload);
  }
}
