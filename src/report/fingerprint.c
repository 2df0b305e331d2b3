/* GitHub's primaryLocationLineHash, ported from the upload action's hash()
 * (github/codeql-action, src/fingerprints.ts) so that our values equal the ones it would
 * compute. tests/cli/_lib/gh_fingerprints.js is the same algorithm in JavaScript; the unit
 * and CLI tests compare the two. Only the output layout differs: the action calls back per
 * line, we fill an array indexed by line. */
#include "report/fingerprint.h"

#include <assert.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/array.h"
#include "util/xalloc.h"

#define BLOCK_SIZE 100u
#define MOD 37u
#define UNIT_EOF 0xFFFFu /* the action appends this "character" after the last one */

typedef struct hasher {
  uint32_t window[BLOCK_SIZE];  /* the last BLOCK_SIZE code units hashed */
  uint32_t line_at[BLOCK_SIZE]; /* line number starting at that window slot, or 0 */
  uint64_t hash;                /* arithmetic modulo 2^64, as the action's signed Long */
  uint64_t first_mod;           /* MOD^BLOCK_SIZE */
  uint32_t index;
  uint32_t line;
  bool line_start, prev_cr;
  uint32_t upto; /* stop once this many lines are hashed; 0: all */
  bool done;
  ms_array(ms_line_hash) lines;
} hasher;

/* The hash of the window that starts at the current slot is complete: it belongs to the line
 * that started there. Lines complete in order, so line n is the n-th entry. */
static void output_hash(hasher *h) {
  assert(h->line_at[h->index] == h->lines.len + 1);
  ms_array_push(&h->lines, ((ms_line_hash){h->hash, 0}));
  h->line_at[h->index] = 0;
  if (h->lines.len == h->upto) h->done = true;
}

static void update_hash(hasher *h, uint32_t current) {
  uint32_t begin = h->window[h->index];
  h->window[h->index] = current;
  h->hash = MOD * h->hash + current - h->first_mod * begin;
  h->index = (h->index + 1) % BLOCK_SIZE;
}

static void process_unit(hasher *h, uint32_t current) {
  /* Spaces and tabs are not hashed, nor the LF of a CRLF. */
  if (current == ' ' || current == '\t' || (h->prev_cr && current == '\n')) {
    h->prev_cr = false;
    return;
  }
  if (current == '\r') {
    current = '\n';
    h->prev_cr = true;
  } else {
    h->prev_cr = false;
  }
  if (h->line_at[h->index] != 0) output_hash(h);
  if (h->line_start) {
    h->line_start = false;
    h->line_at[h->index] = ++h->line;
  }
  if (current == '\n') h->line_start = true;
  update_hash(h, current);
}

static void process_code_point(hasher *h, uint32_t cp) {
  if (cp < 0x10000) {
    process_unit(h, cp);
  } else { /* a surrogate pair: JavaScript strings are UTF-16 */
    cp -= 0x10000;
    process_unit(h, 0xD800 + (cp >> 10));
    process_unit(h, 0xDC00 + (cp & 0x3FF));
  }
}

/* UTF-8 decoding with the WHATWG Encoding Standard's error handling, which is what Node
 * applies when the action reads the file: each maximal subpart of an invalid sequence
 * becomes one U+FFFD, and the byte that broke a sequence is decoded again on its own. */
static void decode_utf8(hasher *h, const unsigned char *s, size_t len) {
  uint32_t cp = 0, needed = 0, seen = 0;
  unsigned lower = 0x80, upper = 0xBF;
  size_t i = 0;
  while (i < len && !h->done) {
    unsigned b = s[i];
    if (needed == 0) {
      i++;
      if (b <= 0x7F) {
        process_code_point(h, b);
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3;
        cp = b & 0x07;
      } else {
        process_code_point(h, 0xFFFD);
      }
      continue;
    }
    if (b < lower || b > upper) { /* not consumed: it starts the next sequence */
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      process_code_point(h, 0xFFFD);
      continue;
    }
    i++;
    lower = 0x80;
    upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen == needed) {
      process_code_point(h, cp);
      cp = needed = seen = 0;
    }
  }
  if (needed != 0) process_code_point(h, 0xFFFD); /* truncated at the end of the file */
}

/* occurrence = 1 + the number of earlier lines with the same hash: counted in a hash table of
 * the hashes seen (open addressing, at most half full), in line order. */
static void number_occurrences(ms_line_hash *lines, uint32_t n) {
  if (n == 0) return;
  uint32_t cap = 16;
  while (cap < 2 * n) cap *= 2;
  typedef struct seen {
    uint64_t hash;
    uint32_t count; /* 0: an empty slot */
  } seen;
  seen *t = ms_xcalloc(cap, sizeof *t);
  for (uint32_t i = 0; i < n; i++) {
    uint64_t x = lines[i].hash;
    uint32_t k = (uint32_t)((x ^ x >> 29) * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);
    while (t[k].count && t[k].hash != x) k = (k + 1) & (cap - 1);
    t[k].hash = x;
    lines[i].occurrence = ++t[k].count;
  }
  ms_free(t);
}

void ms_fingerprint_line_hashes(const char *text, size_t len, uint32_t upto, ms_line_hash **out, uint32_t *nlines) {
  hasher h = {.first_mod = 1, .line_start = true, .upto = upto, .lines = MS_ARRAY_INIT};
  for (unsigned i = 0; i < BLOCK_SIZE; i++) h.first_mod *= MOD;
  /* A line's hash covers the 100 units from its start: once line upto is hashed, the rest of
   * the text cannot change the lines before it (nor their occurrences, counted from above). */
  decode_utf8(&h, (const unsigned char *)text, len);
  if (!h.done) process_unit(&h, UNIT_EOF);
  /* Pad with NULs until the windows of the last lines are full. */
  for (unsigned i = 0; i < BLOCK_SIZE && !h.done; i++) {
    if (h.line_at[h.index] != 0) output_hash(&h);
    update_hash(&h, 0);
  }
  number_occurrences(h.lines.items, h.lines.len);
  *out = h.lines.items;
  *nlines = h.lines.len;
}

void ms_fingerprint_format_line_hash(const ms_line_hash *h, char *buf, size_t size) {
  snprintf(buf, size, "%" PRIx64 ":%" PRIu32, h->hash, h->occurrence);
}
