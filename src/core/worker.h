/* A worker analyses one file at a time: read, checks, parse, matchers, findings. It owns all
 * its mutable state (parsers, query cursor, PCRE2 match data); one worker per thread. */
#ifndef MS_CORE_WORKER_H
#define MS_CORE_WORKER_H

#include <sys/stat.h>

#include "core/scan.h"
#include "lang/lang.h"
#include "lang/parse_arena.h"
#include "match/match.h"

typedef struct ms_worker {
  const ms_ruleset *rules;
  const ms_scan_options *opts;
  ms_parse_arena *arena;                   /* holds the syntax tree of the file being scanned */
  ms_match_scratch scratch;
  bool *active;                            /* per rule, reset for each file */
  const size_t *cancel;                    /* the scan's stop flag, or NULL */
  /* Result cache and sharding (worker_cache.c); set by the scan after init. */
  ms_cache *cache;                         /* NULL = no cache */
  const uint8_t *scan_digest;              /* 32 bytes under which full results are keyed */
  const uint8_t *facts_digest;             /* 32 bytes under which facts-only results are keyed */
  bool facts_only;                         /* this file: parse and facts, no rules (another shard's) */
  bool *prefilter_found;                   /* per pre-filter literal of the ruleset, for the file */
  bool tried;                              /* the file's stat-index digest had no entry: */
  uint8_t tried_content[32];               /* this one (worker_cache.c) */
} ms_worker;

/** parse_keep: the bytes of parse memory the worker keeps mapped between files (ms_parse_arena_new;
 * 0 = the least). */
void ms_worker_init(ms_worker *self, const ms_ruleset *rules, const ms_scan_options *opts, size_t parse_keep);
void ms_worker_dispose(ms_worker *self);
/** Analyses the file at path (lang may be MS_LANG_NONE for extension-less files: decided from
 * the shebang). known: the file's stat(2) data when the caller has it (the walker's), else
 * NULL (stat-ed here when the cache wants it). Fills *out (caller disposes). Returns false
 * when the file turned out not to be a scanned kind (nothing to report). */
bool ms_worker_scan_file(ms_worker *self, const char *path, ms_lang_id lang, const struct stat *known,
                         ms_file_result *out);
/** Looks the file at path, whose stat(2) data is sb (NULL: unknown), up in the cache through
 * the stat index, without reading it; on a hit fills out (all but its path) and returns true. */
bool ms_worker__cache_get_unread(ms_worker *self, const char *path, ms_lang_id lang, const struct stat *sb,
                                 ms_file_result *out);
/** Looks text up in the cache (when the worker has one); on a hit fills out (all but its
 * path) and returns true. Always sets key, the entry to write after a miss. sb (or NULL) is
 * the fstat(2) data of the file text was read from, opened at opened_ns (CLOCK_REALTIME):
 * the stat index learns its stamp. */
bool ms_worker__cache_get(ms_worker *self, const char *path, ms_lang_id lang, const char *text, uint32_t len,
                          const struct stat *sb, int64_t opened_ns, uint8_t key[32], ms_file_result *out);
/** Stores out under key, unless it is partial (stopped, timed out) or skipped for a reason
 * that does not come from the content. */
void ms_worker__cache_put(ms_worker *self, const uint8_t key[32], const ms_file_result *out);
/** Analyses an in-memory buffer as a file of lang named path (used by tests and fuzzers). */
void ms_worker_scan_buffer(ms_worker *self, const char *path, ms_lang_id lang, const char *text, uint32_t len,
                           ms_file_result *out);

#endif
