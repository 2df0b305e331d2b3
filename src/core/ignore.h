/* Ignore files: .gitignore (inside a git repository, nested, plus .git/info/exclude) and
 * .mcp-sentinelignore (same syntax, honoured everywhere), with git's semantics. The walker
 * keeps one immutable, reference-counted frame per directory that holds ignore files; a
 * frame's parent is the frame of the nearest ancestor with ignore files. Frames are shared
 * between worker threads (the counts are atomic); patterns are never changed after load. */
#ifndef MS_CORE_IGNORE_H
#define MS_CORE_IGNORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/array.h"

typedef struct ms_ignore_pattern {
  char *pattern;  /* owned: the glob, without '!', the leading '/' and the trailing '/' */
  char *source;   /* owned: the ignore file, relative to the top ("src/.gitignore") */
  uint32_t line;  /* 1-based line in source */
  bool negated;   /* "!pattern": re-includes */
  bool dir_only;  /* "pattern/": matches directories only */
  bool anchored;  /* contains '/': matched against the path from the file's directory */
} ms_ignore_pattern;

typedef struct ms_ignore_list {
  ms_array(ms_ignore_pattern) pats; /* in file order: the last match decides */
  char *base;                       /* owned: the directory the patterns are relative to, from the top ("" = top) */
} ms_ignore_list;

/** Appends the patterns of one ignore file's text (source names it in reasons). */
void ms_ignore_list_parse(ms_ignore_list *self, const char *source, const char *text, size_t len);
/** The last pattern of the list matching rel (a path relative to self->base), or NULL. */
const ms_ignore_pattern *ms_ignore_list_match(const ms_ignore_list *self, const char *rel, bool is_dir);
void ms_ignore_list_dispose(ms_ignore_list *self);

/** True when a path (relative, '/'-separated) is matched by one gitignore-style pattern, or
 * lies inside a directory it matches ("tests/" covers "tests/a/b.py"). */
bool ms_ignore_path_matches(const char *pattern, const char *rel);

typedef struct ms_ignore_frame ms_ignore_frame;

/** Where ignore files are looked for below a scan root. */
typedef struct ms_ignore_root {
  ms_ignore_frame *parent; /* owned reference: the frames above the root (NULL: none) */
  char *rel;               /* owned: the root directory relative to the top ("" when it is the top) */
  bool in_repo;            /* .gitignore files apply (the root lies in a git work tree) */
} ms_ignore_root;

/** Finds the top for a scan root (root_real: an absolute, resolved directory): the nearest
 * ancestor holding `.git` (a directory, or a file as in worktrees), else the root itself;
 * loads .git/info/exclude and the ignore files of the directories from the top down to the
 * root's parent. The caller disposes out. */
void ms_ignore_root_init(ms_ignore_root *out, const char *root_real);
void ms_ignore_root_dispose(ms_ignore_root *self);

/** The frame for the directory dir_path (relative to the top: rel): loads its .gitignore
 * (when in_repo) and .mcp-sentinelignore. Returns a new reference: a new frame, or parent
 * with one more reference when the directory has no ignore file. */
ms_ignore_frame *ms_ignore_frame_enter(ms_ignore_frame *parent, const char *dir_path, const char *rel, bool in_repo);
ms_ignore_frame *ms_ignore_frame_ref(ms_ignore_frame *self);
/** Drops a reference (NULL is fine); frees the frame and its ancestors no longer used. */
void ms_ignore_frame_unref(ms_ignore_frame *self);
/** The pattern that ignores rel (relative to the top), or NULL when it is not ignored (no
 * pattern, or a '!' pattern decides). Deeper files take precedence; within a file, the last
 * matching line. */
const ms_ignore_pattern *ms_ignore_check(const ms_ignore_frame *self, const char *rel, bool is_dir);

#endif
