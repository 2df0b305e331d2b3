/* The stat index of the result cache (docs/cache.md): the content digest (SHA-256) a file had
 * when a scan last read it, found by the file's identity and change times (device, inode,
 * size, modification and status-change times to the nanosecond). A warm scan then finds an
 * unchanged file's entry without reading or hashing the file. A stamp is learnt only when both
 * times are more than MS_STAT_INDEX_SETTLE_NS older than the moment the file was opened: any
 * later write then gives the file a different status-change time (which no unprivileged
 * process can set back), whatever the file system's timestamp granularity.
 *
 * This module is the table and its byte format; the cache (cache.c) authenticates, reads and
 * writes the file that holds it. Thread-safety: find and learn may be called from any thread
 * between new and encode. */
#ifndef MS_CORE_STAT_INDEX_H
#define MS_CORE_STAT_INDEX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "util/strbuf.h"

#define MS_STAT_INDEX_SETTLE_NS 2000000000LL /* 2 s: coarser than any file system's clock */
#define MS_STAT_INDEX_MAX_RECORDS 262144u    /* the index never grows past this (19 MB) */
#define MS_STAT_INDEX_RECORD_BYTES 72u       /* one file in the encoded index */

typedef struct ms_file_stamp {
  uint64_t dev, ino, size;
  int64_t mtime_ns, ctime_ns;
} ms_file_stamp;

typedef struct ms_stat_index ms_stat_index;

/** The stamp of a file from its stat(2) data. */
ms_file_stamp ms_file_stamp_of(const struct stat *sb);

/** The index held by payload (the bytes ms_stat_index_encode wrote); an empty index when
 * payload is NULL or not a well-formed index (records out of order, a partial record). */
ms_stat_index *ms_stat_index_new(const uint8_t *payload, size_t len);
void ms_stat_index_free(ms_stat_index *self);
/** The content digest recorded for exactly this stamp (borrowed, 32 bytes), or NULL. */
const uint8_t *ms_stat_index_find(const ms_stat_index *self, const ms_file_stamp *stamp);
/** Records that the file with stamp, opened at opened_ns (CLOCK_REALTIME), had content; does
 * nothing when the stamp is too recent to be trusted or already recorded. */
void ms_stat_index_learn(ms_stat_index *self, const ms_file_stamp *stamp, int64_t opened_ns, const uint8_t content[32]);
/** Appends the index with what was learnt to out (learnt records replace those of the same
 * file; beyond MS_STAT_INDEX_MAX_RECORDS, records not learnt in this scan are dropped) and
 * returns true; returns false, appending nothing, when nothing was learnt. */
bool ms_stat_index_encode(ms_stat_index *self, ms_strbuf *out);

#endif
