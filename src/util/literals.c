/* One-pass search for many literals; see literals.h. */
#include "util/literals.h"

#include <stdlib.h>
#include <string.h>

#include "util/array.h"
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

enum { QUAD, TRIPLE, PAIR, FILTERS };

struct ms_literal_set {
  const char *const *strings;
  uint32_t *lens;
  uint32_t n;
  bool fold_case;
  uint32_t mask; /* or-ed into each byte of a key: 0x20 with fold_case, else 0 */
  /* QUAD: literals of four bytes or more, keyed by a hash of their first four; TRIPLE: of three
   * bytes, by a hash of them; PAIR: of two bytes, by them. Keying a three-byte literal by its
   * first two bytes made common pairs ("et" of "eta", "lo" of "log") a comparison each. */
  filter f[FILTERS];
  uint64_t start[WORDS]; /* the first two bytes (key as PAIR's) of every literal of two bytes or
                            more: a position whose pair is not here is passed after one test */
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
/* The three bytes are the low ones of w (little-endian: the first three of the text). */
static uint32_t triple_key(uint32_t w) { return ((w & 0xFFFFFFu) * 0x85EBCA77u) >> 16; }

static uint32_t load3(const char *s) {
  return (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8 | (uint32_t)(unsigned char)s[2] << 16;
}

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
static void set_bit(uint64_t *bits, uint32_t k) { bits[k / 64] |= 1ull << (k % 64); }

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
      set_bit(f->bits, key);
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
  uint64_t *keys[FILTERS];
  uint32_t nk[FILTERS] = {0};
  for (int w = 0; w < FILTERS; w++) keys[w] = ms_xcalloc(n ? n : 1, sizeof(uint64_t));
  for (uint32_t i = 0; i < n; i++) {
    uint32_t l = self->lens[i] = (uint32_t)strlen(strings[i]);
    if (l >= 4) keys[QUAD][nk[QUAD]++] = (uint64_t)quad_key(load4(strings[i]) | self->mask) << 32 | i;
    else if (l == 3) keys[TRIPLE][nk[TRIPLE]++] = (uint64_t)triple_key(load3(strings[i]) | self->mask) << 32 | i;
    else if (l == 2) keys[PAIR][nk[PAIR]++] = (uint64_t)(load2(strings[i]) | (uint16_t)self->mask) << 32 | i;
    if (l >= 2) set_bit(self->start, (uint32_t)(load2(strings[i]) | (uint16_t)self->mask));
  }
  for (int w = 0; w < FILTERS; w++) {
    filter_build(&self->f[w], keys[w], nk[w]);
    ms_free(keys[w]);
  }
  return self;
}

void ms_literal_set_free(ms_literal_set *self) {
  if (self == NULL) return;
  ms_free(self->lens);
  for (int w = 0; w < FILTERS; w++) {
    ms_free(self->f[w].first);
    ms_free(self->f[w].order);
  }
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
  const uint64_t *live[FILTERS];
  uint64_t copy[FILTERS][WORDS];
} scan;

/* Compares the literals of key k of filter which with the text at i. */
static void check(scan *s, int which, uint32_t i, uint32_t k) {
  const ms_literal_set *set = s->set;
  const filter *f = &set->f[which];
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

/* Sets found[] for the strings of fewer than two bytes (empty: always; one byte: by a search)
 * and clears it for the others; returns how many the others are. */
static uint32_t find_short(const ms_literal_set *self, const char *text, uint32_t len, bool *found) {
  uint32_t left = 0;
  for (uint32_t i = 0; i < self->n; i++) {
    uint32_t l = self->lens[i];
    found[i] = l == 0 || (l == 1 && has_byte(self->fold_case, text, len, self->strings[i][0]));
    left += l >= 2;
  }
  return left;
}

void ms_literal_set_scan(const ms_literal_set *self, const char *text, uint32_t len, bool *found) {
  uint32_t left = find_short(self, text, len, found);
  if (left == 0 || len < 2) return;
  scan s;
  s.set = self;
  s.text = text;
  s.len = len;
  s.found = found;
  s.left = left;
  for (int w = 0; w < FILTERS; w++) s.live[w] = self->f[w].bits;
  const uint32_t m4 = self->mask;
  const uint16_t m2 = (uint16_t)self->mask;
  uint32_t i = 0;
  for (; i + 4 <= len; i++) {
    uint32_t w = load4(text + i) | m4, p = w & 0xFFFFu;
    if (!test_bit(self->start, p)) continue;
    uint32_t q = quad_key(w), t = triple_key(w);
    bool hq = test_bit(s.live[QUAD], q), ht = test_bit(s.live[TRIPLE], t), hp = test_bit(s.live[PAIR], p);
    if (!(hq | ht | hp)) continue;
    if (hq) check(&s, QUAD, i, q);
    if (ht) check(&s, TRIPLE, i, t);
    if (hp) check(&s, PAIR, i, p);
    if (s.left == 0) return;
  }
  /* The last three positions: only triples and pairs fit. */
  for (; i + 2 <= len; i++) {
    uint32_t p = (uint32_t)(load2(text + i) | m2);
    if (i + 3 <= len) {
      uint32_t t = triple_key(load3(text + i) | m4);
      if (test_bit(s.live[TRIPLE], t)) check(&s, TRIPLE, i, t);
    }
    if (test_bit(s.live[PAIR], p)) check(&s, PAIR, i, p);
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
  const filter *fq = &self->f[QUAD], *ft = &self->f[TRIPLE], *fp = &self->f[PAIR];
  if (len < 2 || fq->count + ft->count + fp->count == 0) return;
  const uint32_t m4 = self->mask;
  uint32_t i = 0;
  if (ft->count + fp->count == 0) {
    /* Only literals of four bytes or more: one filter to test, at every position (without the
     * pair pre-test: 105 -> 61 ms with 603 such literals over the bench corpus). */
    for (; i + 4 <= len; i++) {
      uint32_t q = quad_key(load4(text + i) | m4);
      if (test_bit(fq->bits, q)) report(self, fq, text, len, i, q, fn, payload);
    }
    return;
  }
  /* Three bit tests at every position, without the first pair's test that ms_literal_set_scan
   * starts with: with the hundreds of literals of a file's pass, a quarter of the positions
   * pass that test, a branch the processor cannot predict (literal pass of the bench corpus:
   * 120 -> 104 ms). */
  for (; i + 4 <= len; i++) {
    uint32_t w = load4(text + i) | m4, p = w & 0xFFFFu;
    uint32_t q = quad_key(w), t = triple_key(w);
    bool hq = test_bit(fq->bits, q), ht = test_bit(ft->bits, t), hp = test_bit(fp->bits, p);
    if (!(hq | ht | hp)) continue;
    if (hq) report(self, fq, text, len, i, q, fn, payload);
    if (ht) report(self, ft, text, len, i, t, fn, payload);
    if (hp) report(self, fp, text, len, i, p, fn, payload);
  }
  for (; i + 2 <= len; i++) {
    if (i + 3 <= len) {
      uint32_t t = triple_key(load3(text + i) | m4);
      if (test_bit(ft->bits, t)) report(self, ft, text, len, i, t, fn, payload);
    }
    uint32_t p = (uint32_t)(load2(text + i) | (uint16_t)m4);
    if (test_bit(fp->bits, p)) report(self, fp, text, len, i, p, fn, payload);
  }
}

/* ---- one pass for several sets ------------------------------------------------------------ */

/* The sets asked for under one kind, and the union of those of them the shared pass searches.
 * The union holds each distinct string once; refs say which sets hold it, at which index. */
typedef struct pass_ref {
  uint32_t member, index; /* a set (its place in known) and the string's index in it */
  uint32_t next;          /* the next ref of the same union string, or UINT32_MAX */
} pass_ref;

typedef struct pass_kind {
  uint32_t kind;
  ms_array(const ms_literal_set *) known; /* in the order first asked for */
  uint32_t nunion;                        /* known[0..nunion) are in the union */
  ms_literal_set *uni;                    /* their distinct strings (or NULL) */
  ms_array(const char *) strings;         /* the union's strings, borrowed from the sets */
  ms_array(uint32_t) head;                /* per union string: its first ref */
  ms_array(pass_ref) refs;
} pass_kind;

typedef struct pass_hit {
  uint32_t index, pos; /* a string of the union and where it occurs */
} pass_hit;

struct ms_literal_pass {
  ms_array(pass_kind) kinds;
  uint32_t cur;          /* the current text's kind, an index into kinds */
  const char *text;
  uint32_t len;
  bool searched;         /* the union was searched in the current text */
  ms_array(pass_hit) hits;
};

ms_literal_pass *ms_literal_pass_new(void) {
  return ms_xcalloc(1, sizeof(ms_literal_pass));
}

void ms_literal_pass_free(ms_literal_pass *self) {
  if (self == NULL) return;
  for (uint32_t k = 0; k < self->kinds.len; k++) {
    pass_kind *pk = &self->kinds.items[k];
    ms_array_free(&pk->known);
    ms_literal_set_free(pk->uni);
    ms_array_free(&pk->strings);
    ms_array_free(&pk->head);
    ms_array_free(&pk->refs);
  }
  ms_array_free(&self->kinds);
  ms_array_free(&self->hits);
  ms_free(self);
}

void ms_literal_pass_begin(ms_literal_pass *self, uint32_t kind, const char *text, uint32_t len) {
  uint32_t k = 0;
  while (k < self->kinds.len && self->kinds.items[k].kind != kind) k++;
  if (k == self->kinds.len) {
    pass_kind pk;
    memset(&pk, 0, sizeof pk);
    pk.kind = kind;
    ms_array_push(&self->kinds, pk);
  }
  self->cur = k;
  self->text = text;
  self->len = len;
  self->searched = false;
  ms_array_clear(&self->hits);
}

/* The set's place in the union, or UINT32_MAX when it is not in it (remembered for the next). */
static uint32_t member_of(pass_kind *pk, const ms_literal_set *set) {
  for (uint32_t m = 0; m < pk->known.len; m++)
    if (pk->known.items[m] == set) return m < pk->nunion ? m : UINT32_MAX;
  ms_array_push(&pk->known, set);
  return UINT32_MAX;
}

/* A string of a known set, for sorting equal strings together. */
typedef struct pass_entry {
  const char *s;
  uint32_t len, member, index;
} pass_entry;

static int cmp_entry(const void *a, const void *b) {
  const pass_entry *x = a, *y = b;
  uint32_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  if (c != 0) return c;
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  if (x->member != y->member) return x->member < y->member ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Rebuilds the union over every known set: each distinct string once (a literal of the prefilter
 * is often an anchor literal of several query groups too). It folds case when some set does; an
 * exact set's occurrences are then checked again on replay. */
static void union_build(pass_kind *pk) {
  ms_literal_set_free(pk->uni);
  ms_array_clear(&pk->strings);
  ms_array_clear(&pk->head);
  ms_array_clear(&pk->refs);
  ms_array(pass_entry) all = MS_ARRAY_INIT;
  bool fold_case = false;
  for (uint32_t m = 0; m < pk->known.len; m++) {
    const ms_literal_set *set = pk->known.items[m];
    for (uint32_t i = 0; i < set->n; i++) {
      pass_entry e = {set->strings[i], set->lens[i], m, i};
      ms_array_push(&all, e);
    }
    fold_case |= set->fold_case;
  }
  if (all.len > 0) qsort(all.items, all.len, sizeof *all.items, cmp_entry);
  for (uint32_t k = 0; k < all.len; k++) {
    const pass_entry *e = &all.items[k], *last = k > 0 ? &all.items[k - 1] : NULL;
    if (last == NULL || e->len != last->len || memcmp(e->s, last->s, e->len) != 0) {
      ms_array_push(&pk->strings, e->s);
      ms_array_push(&pk->head, k); /* a new string: its refs start here */
    } else {
      pk->refs.items[k - 1].next = k;
    }
    pass_ref r = {e->member, e->index, UINT32_MAX};
    ms_array_push(&pk->refs, r);
  }
  ms_array_free(&all);
  pk->uni = ms_literal_set_new(pk->strings.items, pk->strings.len, fold_case);
  pk->nunion = pk->known.len;
}

static void note_hit(void *payload, uint32_t index, uint32_t pos) {
  ms_literal_pass *self = payload;
  pass_hit h = {index, pos};
  ms_array_push(&self->hits, h);
}

void ms_literal_pass_each(ms_literal_pass *self, const ms_literal_set *set, const char *text, uint32_t len,
                          ms_literal_fn fn, void *payload) {
  if (self == NULL) {
    ms_literal_set_each(set, text, len, fn, payload);
    return;
  }
  pass_kind *pk = &self->kinds.items[self->cur];
  if (!self->searched) {
    member_of(pk, set); /* the first set asked for in a text joins the union at once */
    if (pk->nunion < pk->known.len) union_build(pk);
    ms_literal_set_each(pk->uni, self->text, self->len, note_hit, self);
    self->searched = true;
  }
  uint32_t m = member_of(pk, set);
  if (m == UINT32_MAX) {
    ms_literal_set_each(set, self->text, self->len, fn, payload);
    return;
  }
  bool recheck = pk->uni->fold_case && !set->fold_case;
  for (uint32_t h = 0; h < self->hits.len; h++) {
    const pass_hit *hit = &self->hits.items[h];
    for (uint32_t r = pk->head.items[hit->index]; r != UINT32_MAX; r = pk->refs.items[r].next) {
      const pass_ref *ref = &pk->refs.items[r];
      if (ref->member != m) continue;
      if (recheck && memcmp(self->text + hit->pos, set->strings[ref->index], set->lens[ref->index]) != 0) continue;
      fn(payload, ref->index, hit->pos);
    }
  }
}

static void note_found(void *payload, uint32_t index, uint32_t pos) {
  (void)pos;
  ((bool *)payload)[index] = true;
}

void ms_literal_pass_scan(ms_literal_pass *self, const ms_literal_set *set, const char *text, uint32_t len, bool *found) {
  if (self == NULL) {
    ms_literal_set_scan(set, text, len, found);
    return;
  }
  find_short(set, text, len, found);
  ms_literal_pass_each(self, set, text, len, note_found, found);
}
