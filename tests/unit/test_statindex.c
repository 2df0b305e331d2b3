/* core/stat_index.c: the content digest recorded for a file's exact stamp, what is learnt (not
 * a stamp too recent to trust), how an encoded index reads back, and what a payload that we did
 * not write gives (nothing). */
#include <stdio.h>
#include <string.h>

#include "core/stat_index.h"
#include "harness.h"
#include "util/strbuf.h"

#define SECOND 1000000000LL
#define NOW (1800000000LL * SECOND)

static ms_file_stamp stamp(uint64_t ino, int64_t age_s) {
  ms_file_stamp s = {7, ino, 100 + ino, NOW - age_s * SECOND, NOW - age_s * SECOND};
  return s;
}

static const uint8_t *digest(uint8_t fill) {
  static uint8_t d[4][32];
  memset(d[fill % 4], fill, 32);
  return d[fill % 4];
}

/* The index an encode of self writes (a new one; self is freed). */
static ms_stat_index *reload(ms_stat_index *self) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  bool wrote = ms_stat_index_encode(self, &b);
  ms_stat_index_free(self);
  ms_stat_index *again = ms_stat_index_new(wrote ? (const uint8_t *)b.ptr : NULL, b.len);
  ms_strbuf_dispose(&b);
  return again;
}

/* A new index that learnt a (content filled with da) and b (db). */
static ms_stat_index *learnt_two(ms_file_stamp a, uint8_t da, ms_file_stamp b, uint8_t db) {
  ms_stat_index *ix = ms_stat_index_new(NULL, 0);
  ms_stat_index_learn(ix, &a, NOW, digest(da));
  ms_stat_index_learn(ix, &b, NOW, digest(db));
  return ix;
}

void test_statindex__a_learnt_stamp_reads_back_only_when_exact(void) {
  ms_file_stamp a = stamp(3, 60), b = stamp(1, 60);
  ms_stat_index *ix = learnt_two(a, 1, b, 2);
  MS_CHECK(ms_stat_index_find(ix, &a) == NULL); /* learnt records count from the next scan */
  ix = reload(ix);
  MS_CHECK(ms_stat_index_find(ix, &a) != NULL && memcmp(ms_stat_index_find(ix, &a), digest(1), 32) == 0);
  MS_CHECK(ms_stat_index_find(ix, &b) != NULL && memcmp(ms_stat_index_find(ix, &b), digest(2), 32) == 0);
  /* Any field that differs is another file, or the same file changed. */
  ms_file_stamp changed[5] = {a, a, a, a, a};
  changed[0].dev++;
  changed[1].ino++;
  changed[2].size++;
  changed[3].mtime_ns++;
  changed[4].ctime_ns++;
  for (int i = 0; i < 5; i++) MS_CHECK(ms_stat_index_find(ix, &changed[i]) == NULL);
  ms_stat_index_free(ix);
}

void test_statindex__a_recent_stamp_is_not_learnt(void) {
  ms_stat_index *ix = ms_stat_index_new(NULL, 0);
  ms_file_stamp fresh_m = stamp(1, 60), fresh_c = stamp(2, 60), old = stamp(3, 3);
  fresh_m.mtime_ns = NOW - SECOND; /* modified a second before it was opened */
  fresh_c.ctime_ns = NOW - SECOND; /* its inode changed then (a rewrite that kept the mtime) */
  ms_stat_index_learn(ix, &fresh_m, NOW, digest(1));
  ms_stat_index_learn(ix, &fresh_c, NOW, digest(1));
  ms_stat_index_learn(ix, &old, NOW, digest(1));
  ix = reload(ix);
  MS_CHECK(ms_stat_index_find(ix, &fresh_m) == NULL);
  MS_CHECK(ms_stat_index_find(ix, &fresh_c) == NULL);
  MS_CHECK(ms_stat_index_find(ix, &old) != NULL);
  ms_stat_index_free(ix);
}

void test_statindex__learning_replaces_a_file_and_keeps_the_others(void) {
  ms_file_stamp a = stamp(1, 60), b = stamp(2, 60);
  ms_stat_index *ix = reload(learnt_two(a, 1, b, 1));
  /* The same stamp and content again: nothing new, nothing to write. */
  ms_strbuf none = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_stat_index_learn(ix, &a, NOW, digest(1));
  MS_CHECK(!ms_stat_index_encode(ix, &none) && none.len == 0);
  ms_strbuf_dispose(&none);
  /* a was rewritten: its new stamp replaces the old record; b stays. */
  ms_file_stamp a2 = a;
  a2.ctime_ns += SECOND;
  ms_stat_index_learn(ix, &a2, NOW, digest(3));
  ms_stat_index_learn(ix, &a2, NOW, digest(3)); /* read twice (a hard link): one record */
  ms_strbuf b2 = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  MS_CHECK(ms_stat_index_encode(ix, &b2));
  MS_CHECK_INT(b2.len, 2 * MS_STAT_INDEX_RECORD_BYTES);
  ms_stat_index_free(ix);
  ix = ms_stat_index_new((const uint8_t *)b2.ptr, b2.len);
  ms_strbuf_dispose(&b2);
  MS_CHECK(ms_stat_index_find(ix, &a) == NULL);
  MS_CHECK(ms_stat_index_find(ix, &a2) != NULL && memcmp(ms_stat_index_find(ix, &a2), digest(3), 32) == 0);
  MS_CHECK(ms_stat_index_find(ix, &b) != NULL);
  ms_stat_index_free(ix);
}

void test_statindex__a_payload_we_did_not_write_gives_nothing(void) {
  ms_file_stamp a = stamp(1, 60), b = stamp(2, 60);
  ms_stat_index *ix = learnt_two(a, 1, b, 2);
  ms_strbuf enc = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  MS_CHECK(ms_stat_index_encode(ix, &enc));
  ms_stat_index_free(ix);
  const uint8_t *p = (const uint8_t *)enc.ptr;
  /* A partial record. */
  ix = ms_stat_index_new(p, enc.len - 1);
  MS_CHECK(ms_stat_index_find(ix, &a) == NULL && ms_stat_index_find(ix, &b) == NULL);
  ms_stat_index_free(ix);
  /* Records out of order: b's record first. */
  uint8_t swapped[2 * MS_STAT_INDEX_RECORD_BYTES];
  memcpy(swapped, p + MS_STAT_INDEX_RECORD_BYTES, MS_STAT_INDEX_RECORD_BYTES);
  memcpy(swapped + MS_STAT_INDEX_RECORD_BYTES, p, MS_STAT_INDEX_RECORD_BYTES);
  ix = ms_stat_index_new(swapped, sizeof swapped);
  MS_CHECK(ms_stat_index_find(ix, &a) == NULL && ms_stat_index_find(ix, &b) == NULL);
  ms_stat_index_free(ix);
  /* The intact payload, for contrast. */
  ix = ms_stat_index_new(p, enc.len);
  MS_CHECK(ms_stat_index_find(ix, &a) != NULL && ms_stat_index_find(ix, &b) != NULL);
  ms_stat_index_free(ix);
  ms_strbuf_dispose(&enc);
}

void test_statindex__the_index_is_bounded(void) {
  ms_stat_index *ix = ms_stat_index_new(NULL, 0);
  ms_file_stamp first = stamp(1, 60);
  ms_stat_index_learn(ix, &first, NOW, digest(1));
  ix = reload(ix);
  /* A scan that learns the maximum: the old record not seen again is the one dropped. */
  for (uint32_t i = 0; i < MS_STAT_INDEX_MAX_RECORDS; i++) {
    ms_file_stamp s = stamp(1000 + i, 60);
    ms_stat_index_learn(ix, &s, NOW, digest(2));
  }
  ix = reload(ix);
  ms_file_stamp last = stamp(1000 + MS_STAT_INDEX_MAX_RECORDS - 1, 60);
  MS_CHECK(ms_stat_index_find(ix, &first) == NULL);
  MS_CHECK(ms_stat_index_find(ix, &last) != NULL);
  ms_stat_index_free(ix);
}
