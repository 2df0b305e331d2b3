/* The scan driver: walks the given paths in parallel, analyses each file on a pool of worker
 * threads, and returns the merged, sorted results. Output order never depends on threads. */
#ifndef MS_CORE_SCAN_H
#define MS_CORE_SCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cache.h"
#include "model/finding.h"
#include "rules/ruleset.h"
#include "util/error.h"

typedef struct ms_scan_options {
  const char *const *paths;          /* files or directories; at least one */
  uint32_t npaths;
  uint32_t jobs;                     /* worker threads; 0 = number of CPUs */
  uint64_t max_file_size;            /* bytes; larger files are skipped */
  const char *const *exclude_dirs;   /* directory names added to the defaults */
  uint32_t nexclude_dirs;
  const char *const *exclude_patterns; /* file-name globs added to the defaults */
  uint32_t nexclude_patterns;
  const char *const *own_outputs;    /* absolute paths of the report files being written: never
                                        scanned, so a report is not read back as source */
  uint32_t nown_outputs;
  const bool *enabled;               /* per rule index; NULL enables every rule */
  uint32_t max_findings_per_file;
  double timeout;                    /* seconds for the whole scan; 0 = none */
  /* Progress, for a progress bar: called on the thread that runs ms_scan_run (never from a
   * worker), about ten times a second while the workers run, with the files analysed so far
   * and the files and directories still queued. NULL = no calls. */
  void (*progress)(uint32_t files_done, uint32_t queued, void *payload);
  void *progress_payload;
  bool ignore_files;                 /* honour .gitignore, .git/info/exclude, .mcp-sentinelignore (default) */
  bool inline_suppressions;          /* honour `mcp-sentinel: ignore[...]` comments (default) */
  bool honor_nosec;                  /* Python `# nosec` suppresses (off by default) */
  bool require_rule_id;              /* an inline suppression must name rules (default) */
  const ms_config_suppression *config_suppressions; /* from the config file: rule + path glob */
  uint32_t nconfig_suppressions;
  bool no_redact;                    /* findings show secrets whole (local triage only) */
  /* Result cache, sharding and limits (docs/cache.md). */
  const char *cache_dir;             /* NULL = no cache */
  uint64_t cache_max_size;           /* bytes; 0 = MS_CACHE_DEFAULT_MAX_SIZE */
  const char *config_digest;         /* every option other than the rules and `enabled` that
                                        changes a file's findings or facts (severity overrides,
                                        redaction, ...), as text: part of each cache key. Features
                                        that add such options append a line here. NULL = none */
  uint32_t shard_index, shard_count; /* analyse only files whose path hash % count is index - 1
                                        (1-based K of N); count 0 or 1 = every file */
  double file_timeout;               /* seconds per file; 0 = none */
  uint64_t memory_limit;             /* bytes for the whole process; 0 = none */
  const char *const *listed_files;   /* files analysed as named, besides paths (which may then be
                                        empty): no walk, exclusion or existence checks (the
                                        caller chose them: --staged); the last listed are
                                        analysed first */
  uint32_t nlisted_files;
} ms_scan_options;

#define MS_DEFAULT_FILE_TIMEOUT 60.0

#define MS_DEFAULT_MAX_FILE_SIZE (2u * 1024u * 1024u)
#define MS_DEFAULT_MAX_FINDINGS_PER_FILE 1000u

typedef struct ms_scan_result {
  ms_file_result *files;  /* sorted by path; skipped files included (skip != NONE) */
  uint32_t nfiles;
  uint32_t files_scanned, files_skipped, files_with_syntax_errors;
  uint64_t lines_scanned, bytes_scanned;
  uint32_t findings_by_severity[MS_SEV_COUNT]; /* what the exit code counts: unsuppressed findings
                                                  that a baseline comparison did not find unchanged */
  uint32_t jobs;
  bool timed_out;          /* the scan was stopped by the timeout: results are partial */
  uint32_t paths_not_scanned; /* files and directories still queued when the timeout hit */
  double started_at;  /* seconds since the epoch */
  double elapsed;     /* seconds */
  uint32_t suppressed_by_kind[MS_SUPPRESS_COUNT]; /* findings suppressed, per mechanism (any severity) */
  bool cache_used;            /* results were looked up in (and written to) a cache */
  ms_cache_counters cache;    /* when cache_used */
  char *cache_dir;            /* owned, absolute, when cache_used */
  char *cache_warning;        /* owned: why the cache asked for could not be used, or NULL */
  uint32_t shard_index, shard_count; /* as asked (count 0 = not sharded) */
  /* With --shard: the files of the other shards, facts only (no findings, never reported),
   * sorted by path, so project-level checks see the whole project. */
  ms_file_result *context_files;
  uint32_t ncontext_files;
} ms_scan_result;

void ms_scan_options_init(ms_scan_options *self);
/** True when the file at this display path belongs to shard index (1-based) of count. */
bool ms_scan_in_shard(const char *path, uint32_t index, uint32_t count);
/** Runs a scan. A missing or unreadable root path is MS_ENOTFOUND / MS_EIO with err set, a
 * memory limit too small to load the rules MS_EPARSE;
 * problems with individual files are recorded in the result, never returned. On success
 * the caller owns *out and frees it with ms_scan_result_dispose. */
ms_status ms_scan_run(const ms_ruleset *rules, const ms_scan_options *opts, ms_scan_result *out, ms_error *err);
/** Recomputes the file counts, line/byte totals and findings_by_severity from files (after
 * files or findings were removed, e.g. by --diff-base). */
void ms_scan_result_recount(ms_scan_result *self);
void ms_scan_result_dispose(ms_scan_result *self);

#endif
