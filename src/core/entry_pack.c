/* The entry pack; see entry_pack.h. */
#include "core/entry_pack.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/le.h"
#include "util/xalloc.h"

#define VERSION 2u
#define HEADER_LEN 12u
#define RECORD_LEN 44u /* key, offset, length, age */

struct ms_entry_pack {
  int fd;
  uint32_t n;
  uint8_t *records; /* n * RECORD_LEN bytes, as in the file */
};

/* Reads len bytes at off whole; false on a short read or an error. */
static bool read_at(int fd, uint8_t *buf, size_t len, uint64_t off) {
  size_t n = 0;
  while (n < len) {
    ssize_t r = pread(fd, buf + n, len - n, (off_t)(off + n));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    n += (size_t)r;
  }
  return true;
}

/* Whether the index read from a file of size bytes is well formed. */
static bool index_valid(const uint8_t *records, uint32_t n, uint64_t size, uint32_t min_len, uint32_t max_len) {
  uint64_t data = HEADER_LEN + (uint64_t)n * RECORD_LEN; /* where the copies start */
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *r = records + (size_t)i * RECORD_LEN;
    if (i > 0 && memcmp(r - RECORD_LEN, r, 32) >= 0) return false;
    uint64_t off = ms_le32_get(r + 32), len = ms_le32_get(r + 36);
    if (off < data || len < min_len || len > max_len || off + len > size) return false;
  }
  return true;
}

ms_entry_pack *ms_entry_pack_open(const char *path, uint32_t min_len, uint32_t max_len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return NULL;
  struct stat sb;
  uint8_t head[HEADER_LEN];
  uint32_t n = 0;
  uint8_t *records = NULL;
  bool ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && read_at(fd, head, sizeof head, 0) &&
            memcmp(head, MS_ENTRY_PACK_MAGIC, 4) == 0 && ms_le32_get(head + 4) == VERSION;
  if (ok) {
    n = ms_le32_get(head + 8);
    ok = n > 0 && n <= MS_ENTRY_PACK_MAX_RECORDS && HEADER_LEN + (uint64_t)n * RECORD_LEN <= (uint64_t)sb.st_size;
  }
  if (ok) {
    records = ms_xmalloc((size_t)n * RECORD_LEN);
    ok = read_at(fd, records, (size_t)n * RECORD_LEN, HEADER_LEN) &&
         index_valid(records, n, (uint64_t)sb.st_size, min_len, max_len);
  }
  if (!ok) {
    ms_free(records);
    close(fd);
    return NULL;
  }
  ms_entry_pack *self = ms_xmalloc(sizeof *self);
  *self = (ms_entry_pack){fd, n, records};
  return self;
}

void ms_entry_pack_close(ms_entry_pack *self) {
  if (self == NULL) return;
  close(self->fd);
  ms_free(self->records);
  ms_free(self);
}

uint32_t ms_entry_pack_count(const ms_entry_pack *self) { return self ? self->n : 0; }

/* The index of the record of key, or -1. */
static int64_t find(const ms_entry_pack *self, const uint8_t key[32]) {
  uint32_t lo = 0, hi = self ? self->n : 0;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = memcmp(self->records + (size_t)mid * RECORD_LEN, key, 32);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

bool ms_entry_pack_has(const ms_entry_pack *self, const uint8_t key[32]) { return find(self, key) >= 0; }

void ms_entry_pack_record(const ms_entry_pack *self, uint32_t i, uint8_t key[32], uint32_t *len, uint32_t *age) {
  const uint8_t *r = self->records + (size_t)i * RECORD_LEN;
  memcpy(key, r, 32);
  *len = ms_le32_get(r + 36);
  *age = ms_le32_get(r + 40);
}

uint8_t *ms_entry_pack_read_at(const ms_entry_pack *self, uint32_t i, size_t *len) {
  const uint8_t *r = self->records + (size_t)i * RECORD_LEN;
  uint32_t off = ms_le32_get(r + 32), n = ms_le32_get(r + 36);
  uint8_t *buf = ms_xmalloc(n);
  if (!read_at(self->fd, buf, n, off)) {
    ms_free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

uint8_t *ms_entry_pack_read(const ms_entry_pack *self, const uint8_t key[32], size_t *len) {
  int64_t i = find(self, key);
  return i < 0 ? NULL : ms_entry_pack_read_at(self, (uint32_t)i, len);
}

static int cmp_item(const void *a, const void *b) {
  const ms_entry_pack_item *x = a, *y = b;
  int c = memcmp(x->key, y->key, 32);
  if (c != 0) return c;
  return x->age < y->age ? -1 : x->age > y->age;
}

void ms_entry_pack_encode(ms_entry_pack_item *items, uint32_t n, ms_strbuf *out) {
  /* Two items of one key (the same content in two files) hold equivalent entries: either
   * copy will do, and the youngest age stands for both. */
  if (n) qsort(items, n, sizeof *items, cmp_item);
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++)
    if (m == 0 || memcmp(items[m - 1].key, items[i].key, 32) != 0) items[m++] = items[i];
  uint8_t head[HEADER_LEN];
  memcpy(head, MS_ENTRY_PACK_MAGIC, 4);
  ms_le32_put(head + 4, VERSION);
  ms_le32_put(head + 8, m);
  ms_strbuf_put(out, (const char *)head, sizeof head);
  uint64_t off = HEADER_LEN + (uint64_t)m * RECORD_LEN;
  for (uint32_t i = 0; i < m; i++) {
    uint8_t r[RECORD_LEN];
    memcpy(r, items[i].key, 32);
    ms_le32_put(r + 32, (uint32_t)off);
    ms_le32_put(r + 36, items[i].len);
    ms_le32_put(r + 40, items[i].age);
    ms_strbuf_put(out, (const char *)r, sizeof r);
    off += items[i].len;
  }
  for (uint32_t i = 0; i < m; i++) ms_strbuf_put(out, (const char *)items[i].bytes, items[i].len);
}
