/* libFuzzer harness: the two cache files whose structure is read before any MAC is checked —
 * the entry pack (its header and index: entry_pack.c) and the stat index's records
 * (stat_index.c, which the cache hands the payload of an authenticated file, but which checks
 * its own order and sizes). The cache directory is not trusted: every input must be refused
 * or read within its bounds. The first byte picks the reader. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/entry_pack.h"
#include "core/stat_index.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void pack(const uint8_t *data, size_t size) {
  int fd = memfd_create("pack", 0);
  if (fd < 0) return;
  if (write(fd, data, size) == (ssize_t)size) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ms_entry_pack *p = ms_entry_pack_open(path, 76, 1u << 20); /* the cache's bounds, a smaller max */
    uint32_t n = ms_entry_pack_count(p);
    for (uint32_t i = 0; i < n && i < 64; i++) { /* each record's key, as the index holds it */
      size_t len = 0;
      uint8_t *copy = ms_entry_pack_read(p, data + 12 + (size_t)i * 44, &len);
      ms_free(copy);
      uint8_t key[32];
      uint32_t rl = 0, age = 0;
      ms_entry_pack_record(p, i, key, &rl, &age); /* as a rewrite carries copies over */
      (void)ms_entry_pack_has(p, key);
      ms_free(ms_entry_pack_read_at(p, i, &len));
    }
    uint8_t absent[32] = {0};
    size_t len = 0;
    ms_free(ms_entry_pack_read(p, absent, &len));
    ms_entry_pack_close(p);
  }
  close(fd);
}

static void stamps(const uint8_t *data, size_t size) {
  ms_stat_index *ix = ms_stat_index_new(data, size);
  ms_file_stamp s = {0};
  if (size >= sizeof s) memcpy(&s, data, sizeof s);
  (void)ms_stat_index_find(ix, &s);
  /* What learn gets comes from stat(2), not from the file: times a clock could give. */
  s.mtime_ns = s.ctime_ns = 1000000000LL;
  uint8_t content[32] = {1};
  ms_stat_index_learn(ix, &s, 5000000000LL, content);
  ms_strbuf out = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_stat_index_encode(ix, &out);
  ms_strbuf_dispose(&out);
  ms_stat_index_free(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  if (data[0] & 1) stamps(data + 1, size - 1);
  else pack(data + 1, size - 1);
  return 0;
}
