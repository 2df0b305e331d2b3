/* Directory expansion for the scan: which entries of a directory are descended into, which
 * files are analysed, and which are recorded as skipped. The walker never reads file
 * contents; it runs on the worker threads (scan.c), one directory per call. */
#ifndef MS_CORE_WALKER_H
#define MS_CORE_WALKER_H

#include <stdbool.h>
#include <sys/stat.h>

#include "core/ignore.h"
#include "core/scan.h"
#include "lang/lang.h"

typedef struct ms_walk_filter {
  const ms_scan_options *opts;
  const char *root_real; /* realpath of the root being walked: symlinks must stay inside */
  ms_ignore_frame *ign;  /* borrowed: the ignore frame of the directory's parent */
  const char *rel;       /* the directory relative to the ignore top; NULL: ignore files are off */
  bool in_repo;          /* .gitignore files apply */
} ms_walk_filter;

/** Called for each directory to descend into: path, ign (a reference) and rel (NULL when
 * ignore files are off) pass to the callee. */
typedef void (*ms_walk_dir_fn)(void *payload, char *path, const char *root_real, ms_ignore_frame *ign, char *rel);
/** Called for each file to analyse (owned path; lang may be MS_LANG_NONE: decide by shebang).
 * sb is the file's stat(2) data when the walker has it (with a cache: a warm scan needs only
 * that), else NULL. */
typedef void (*ms_walk_file_fn)(void *payload, char *path, ms_lang_id lang, const struct stat *sb);
/** Called for each file that is skipped before reading (owned result). */
typedef void (*ms_walk_skip_fn)(void *payload, ms_file_result *skipped);

typedef struct ms_walk_sink {
  ms_walk_dir_fn dir;
  ms_walk_file_fn file;
  ms_walk_skip_fn skip;
  void *payload;
} ms_walk_sink;

/** Lists one directory and reports its children through sink. An unreadable directory is
 * reported as a skipped entry. */
void ms_walker_expand(const ms_walk_filter *filter, const char *dir, const ms_walk_sink *sink);
/** True when a directory of this name is excluded (defaults + --exclude-dir). */
bool ms_walker_dir_excluded(const ms_scan_options *opts, const char *name);
/** True when a file of this name is excluded (defaults + --exclude-pattern). */
bool ms_walker_file_excluded(const ms_scan_options *opts, const char *name);

#endif
