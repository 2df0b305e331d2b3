/* The stat index; see stat_index.h. The payload is a sequence of 72-byte records in strictly
 * increasing (device, inode) order: device, inode, size, mtime and ctime in nanoseconds (five
 * little-endian 64-bit numbers), then the 32-byte content digest. */
#include "core/stat_index.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/le.h"
#include "util/xalloc.h"

#define RECORD_BYTES MS_STAT_INDEX_RECORD_BYTES /* 5 * 8 + 32 */

typedef struct record {
  ms_file_stamp stamp;
  uint8_t content[32];
} record;

struct ms_stat_index {
  record *old; /* from the payload, sorted by file */
  uint32_t nold;
  pthread_mutex_t lock; /* guards learnt */
  record *learnt;
  uint32_t nlearnt, cap;
};

ms_file_stamp ms_file_stamp_of(const struct stat *sb) {
  ms_file_stamp s = {(uint64_t)sb->st_dev, (uint64_t)sb->st_ino, (uint64_t)sb->st_size,
                     (int64_t)sb->st_mtim.tv_sec * 1000000000LL + sb->st_mtim.tv_nsec,
                     (int64_t)sb->st_ctim.tv_sec * 1000000000LL + sb->st_ctim.tv_nsec};
  return s;
}

/* Orders records by file (device, inode). */
static int cmp_file(const ms_file_stamp *a, const ms_file_stamp *b) {
  if (a->dev != b->dev) return a->dev < b->dev ? -1 : 1;
  if (a->ino != b->ino) return a->ino < b->ino ? -1 : 1;
  return 0;
}

static int cmp_record(const void *a, const void *b) {
  return cmp_file(&((const record *)a)->stamp, &((const record *)b)->stamp);
}

static bool same_stamp(const ms_file_stamp *a, const ms_file_stamp *b) {
  return cmp_file(a, b) == 0 && a->size == b->size && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

ms_stat_index *ms_stat_index_new(const uint8_t *payload, size_t len) {
  ms_stat_index *self = ms_xcalloc(1, sizeof *self);
  pthread_mutex_init(&self->lock, NULL);
  if (payload == NULL || len % RECORD_BYTES != 0 || len / RECORD_BYTES > MS_STAT_INDEX_MAX_RECORDS) return self;
  uint32_t n = (uint32_t)(len / RECORD_BYTES);
  self->old = ms_xcalloc(n ? n : 1, sizeof(record));
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *p = payload + (size_t)i * RECORD_BYTES;
    record *r = &self->old[i];
    r->stamp = (ms_file_stamp){ms_le64_get(p), ms_le64_get(p + 8), ms_le64_get(p + 16), (int64_t)ms_le64_get(p + 24),
                               (int64_t)ms_le64_get(p + 32)};
    memcpy(r->content, p + 40, 32);
    if (i > 0 && cmp_record(&self->old[i - 1], r) >= 0) { /* not written by us: trust none of it */
      n = 0;
      break;
    }
  }
  self->nold = n;
  return self;
}

void ms_stat_index_free(ms_stat_index *self) {
  if (self == NULL) return;
  pthread_mutex_destroy(&self->lock);
  ms_free(self->old);
  ms_free(self->learnt);
  ms_free(self);
}

static const record *find_file(const ms_stat_index *self, const ms_file_stamp *stamp) {
  uint32_t lo = 0, hi = self->nold;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = cmp_file(&self->old[mid].stamp, stamp);
    if (c == 0) return &self->old[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

const uint8_t *ms_stat_index_find(const ms_stat_index *self, const ms_file_stamp *stamp) {
  const record *r = find_file(self, stamp);
  return r && same_stamp(&r->stamp, stamp) ? r->content : NULL;
}

void ms_stat_index_learn(ms_stat_index *self, const ms_file_stamp *stamp, int64_t opened_ns, const uint8_t content[32]) {
  if (stamp->mtime_ns > opened_ns - MS_STAT_INDEX_SETTLE_NS || stamp->ctime_ns > opened_ns - MS_STAT_INDEX_SETTLE_NS)
    return;
  const record *known = find_file(self, stamp);
  if (known && same_stamp(&known->stamp, stamp) && memcmp(known->content, content, 32) == 0) return;
  pthread_mutex_lock(&self->lock);
  if (self->nlearnt == self->cap) {
    self->cap = self->cap ? self->cap * 2 : 64;
    self->learnt = ms_xrealloc(self->learnt, self->cap * sizeof(record));
  }
  record *r = &self->learnt[self->nlearnt++];
  r->stamp = *stamp;
  memcpy(r->content, content, 32);
  pthread_mutex_unlock(&self->lock);
}

static void put_record(ms_strbuf *out, const record *r) {
  uint8_t p[RECORD_BYTES];
  ms_le64_put(p, r->stamp.dev);
  ms_le64_put(p + 8, r->stamp.ino);
  ms_le64_put(p + 16, r->stamp.size);
  ms_le64_put(p + 24, (uint64_t)r->stamp.mtime_ns);
  ms_le64_put(p + 32, (uint64_t)r->stamp.ctime_ns);
  memcpy(p + 40, r->content, 32);
  ms_strbuf_put(out, (const char *)p, sizeof p);
}

bool ms_stat_index_encode(ms_stat_index *self, ms_strbuf *out) {
  pthread_mutex_lock(&self->lock);
  uint32_t n = self->nlearnt;
  if (n > 0) qsort(self->learnt, n, sizeof(record), cmp_record);
  /* A file read twice (a hard link, two roots) was learnt twice: the same record. */
  uint32_t kept = 0;
  for (uint32_t i = 0; i < n; i++)
    if (kept == 0 || cmp_record(&self->learnt[kept - 1], &self->learnt[i]) != 0) self->learnt[kept++] = self->learnt[i];
  self->nlearnt = kept;
  pthread_mutex_unlock(&self->lock);
  if (kept == 0) return false;
  if (kept > MS_STAT_INDEX_MAX_RECORDS) kept = MS_STAT_INDEX_MAX_RECORDS;
  /* Merge: a learnt record replaces the old one of its file; old records that do not fit go. */
  uint32_t room = MS_STAT_INDEX_MAX_RECORDS - kept, i = 0, j = 0;
  while (i < self->nold || j < kept) {
    int c = i == self->nold ? 1 : j == kept ? -1 : cmp_record(&self->old[i], &self->learnt[j]);
    if (c < 0) {
      if (room > 0) put_record(out, &self->old[i]), room--;
      i++;
    } else {
      put_record(out, &self->learnt[j++]);
      if (c == 0) i++;
    }
  }
  return true;
}
