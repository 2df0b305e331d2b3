/* The result cache (docs/cache.md): one entry per analysed file content, named by a key that
 * hashes the content, the language, the rule set, the result-affecting configuration and the
 * binary's identity; a large scan's entries live in one entry pack, a small one's in a file
 * each. Entries are authenticated with an HMAC whose key lives outside the cache
 * directory, so entries planted in the directory (committed to a repository, restored from an
 * untrusted CI cache) are rejected, as are truncated, corrupt or foreign ones; all of those
 * are counted, ignored and rewritten. Writes go through a temporary file and rename(2).
 *
 * Thread-safety: after ms_cache_open, get/put/counters may be called from any thread. */
#ifndef MS_CORE_CACHE_H
#define MS_CORE_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/stat_index.h"
#include "model/finding.h"
#include "util/error.h"

#define MS_CACHE_DEFAULT_DIR ".mcp-sentinel-cache"
#define MS_CACHE_DEFAULT_MAX_SIZE (256ull * 1024 * 1024)
#define MS_CACHE_KEY_ENV "MCP_SENTINEL_CACHE_KEY"           /* the HMAC key itself */
#define MS_CACHE_KEY_FILE_ENV "MCP_SENTINEL_CACHE_KEY_FILE" /* where the HMAC key is kept */

typedef struct ms_cache ms_cache;

typedef struct ms_cache_counters {
  uint32_t hits, misses, writes;
  uint32_t rejected;     /* entries found but not trusted: corrupt, truncated, forged, foreign */
  uint32_t write_errors; /* entries that could not be written (disk full, permissions) */
  uint32_t evicted;      /* entries removed to stay under the size bound */
  uint32_t unread;       /* hits found through the stat index: the file was not read */
} ms_cache_counters;

/** Opens the cache in dir, creating it (with CACHEDIR.TAG and a .gitignore of "*") and the
 * HMAC key when missing. max_size bounds the entries' total size (0 = default). Returns
 * MS_EIO with err set when the directory or the key cannot be used; callers then scan
 * without a cache. On success the caller frees *out with ms_cache_close. */
ms_status ms_cache_open(ms_cache **out, const char *dir, uint64_t max_size, ms_error *err);
void ms_cache_close(ms_cache *self);
/** The absolute directory (borrowed). */
const char *ms_cache_dir(const ms_cache *self);

/** The entry key of a file: its content digest and language under a scan digest (which
 * covers rules, configuration and binary; see scan.c). */
void ms_cache_key(const uint8_t scan_digest[32], int lang, const uint8_t content[32], uint8_t out[32]);
/** Looks the keys up in order (one file's possible entries; counted as one hit or miss). On a
 * hit fills *out's fields (not path and lang, which the caller has set) and returns true;
 * nrules bounds the rule indices stored in findings. A miss leaves out as it was. */
bool ms_cache_get(ms_cache *self, const uint8_t *const keys[], uint32_t nkeys, uint32_t nrules, ms_file_result *out);
/** Stores r under key: kept in memory and written (atomically) by ms_cache_save_entries, or at
 * once when the memory for kept entries is spent. Failures are counted, never fatal. */
void ms_cache_put(ms_cache *self, const uint8_t key[32], const ms_file_result *r);
/** Removes the oldest entries (by modification time; hits refresh it) until the total size is
 * under the bound, and stale temporary files. Run once per scan that wrote entries: it lists
 * the directory only when this process wrote more than 1/64 of the bound or the last listing
 * (by any process; the ".last-eviction" stamp) is a minute old or more. */
void ms_cache_evict(ms_cache *self);
void ms_cache_get_counters(const ms_cache *self, ms_cache_counters *out);

/** The content digest (32 bytes, borrowed) the stat index holds for a file with exactly this
 * stamp, or NULL; see stat_index.h. */
const uint8_t *ms_cache_known_content(const ms_cache *self, const ms_file_stamp *stamp);
/** Tells the stat index that the file with stamp, opened at opened_ns (CLOCK_REALTIME), had
 * content (ignored while the stamp is too recent to trust). */
void ms_cache_learn_content(ms_cache *self, const ms_file_stamp *stamp, int64_t opened_ns, const uint8_t content[32]);
/** Counts a hit found without reading the file. */
void ms_cache_count_unread(ms_cache *self);
/** Writes the stat index (atomically) when this scan learnt something; once, at the end. */
void ms_cache_save_stamps(ms_cache *self);

/** Bounds the bytes of entries kept for the entry pack (the scan's --memory-limit share);
 * the cache's own bound is a quarter of --cache-max-size. Call before the scan. */
void ms_cache_limit_pack(ms_cache *self, uint64_t bytes);
/** Once, at the end of a scan: writes the entries it made (ms_cache_put keeps them until
 * then, but for those past the pack's bound, written at once). When it used 64 entries or
 * more and the pack served less than 15/16 of them, they go into a rewritten entry pack
 * (entry_pack.h) with the old pack's copies this scan did not use (those a scan used in the
 * last 8 rewrites, within the bound), and the entry files it read are removed; otherwise
 * each new entry is written to its own file. Then lets the kept entries go. */
void ms_cache_save_entries(ms_cache *self);

/** `cache stats`: counts the entries in dir, in entry files and in the entry pack (an entry in
 * both counted once), and their size with the pack's (a missing dir has none). */
ms_status ms_cache_inventory(const char *dir, uint64_t *entries, uint64_t *bytes, ms_error *err);
/** `cache clear`: removes the entry and temporary files (and our marker files, the stat index
 * and the entry pack) from dir, and
 * dir itself when that leaves it empty. Other files are left alone. */
ms_status ms_cache_clear(const char *dir, uint64_t *removed, ms_error *err);

#endif
