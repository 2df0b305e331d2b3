/* What the incremental scan modes need from git: the repository, commits, the files of a
 * tree or of the index (and their content, written into a directory), and what changed
 * between a commit and the working tree or the index. git runs as a child process with an
 * argv array (never a shell), `-c core.quotepath=off` and NUL-separated output, so any file
 * name (spaces, newlines, non-UTF-8 bytes) comes through intact. Paths are relative to the
 * repository's top level. Not thread-safe; called from the main thread only. */
#ifndef MS_CORE_GIT_H
#define MS_CORE_GIT_H

#include <stdbool.h>
#include <stdint.h>

#include "util/array.h"
#include "util/error.h"

typedef struct ms_git {
  char *top;    /* owned: absolute path of the working tree's top level */
  char *prefix; /* owned: the working directory relative to top, "" or ending in '/' */
} ms_git;

typedef struct ms_git_entry {
  char *path;    /* owned, relative to top */
  char oid[72];  /* hex object id (SHA-1 or SHA-256) */
  unsigned mode; /* octal mode as git shows it: 100644, 100755, 120000, 160000 */
  char tag;         /* index entries: `ls-files -t -v` tag ('H' tracked, 'h' assume-unchanged,
                       'S' skip-worktree, ...); 0 for tree entries */
  bool in_worktree; /* set by ms_git_mark_worktree: the working tree file holds this content */
  bool changed;     /* index entries: git sees the working tree file modified or deleted */
} ms_git_entry;
typedef ms_array(ms_git_entry) ms_git_entries;

typedef struct ms_git_change {
  char status;    /* 'A' 'M' 'D' 'R' 'C' 'T' ..., '?' for an untracked file */
  char *old_path; /* owned: the path at the commit (renames and copies), else NULL */
  char *path;     /* owned: the path now (for 'D' the deleted path) */
} ms_git_change;
typedef ms_array(ms_git_change) ms_git_changes;

/** A range of lines [first, last], 1-based. */
typedef struct ms_line_range {
  uint32_t first, last;
} ms_line_range;
typedef ms_array(ms_line_range) ms_line_ranges;

/** Finds the repository around the working directory. MS_ENOTFOUND when git is not
 * installed, MS_EPARSE when the directory is not inside a git working tree; err says which
 * (for the flag named by what). Dispose with ms_git_dispose. */
ms_status ms_git_open(ms_git *self, const char *what, ms_error *err);
void ms_git_dispose(ms_git *self);

/** Resolves ref to a commit id (*oid, caller frees). A ref that only exists as a
 * remote-tracking branch of origin ("main" → "origin/main", as in a CI checkout) is found
 * too; *used (caller frees) is the name that resolved. MS_ENOTFOUND with a message saying
 * what to fetch when it is missing (also in shallow clones). */
ms_status ms_git_resolve(const ms_git *self, const char *ref, char **oid, char **used, ms_error *err);

/** True when the repository has no commit yet (HEAD names an unborn branch). */
bool ms_git_unborn(const ms_git *self);
/** True when path (relative to top) names a file or directory in commit's tree. */
bool ms_git_path_exists(const ms_git *self, const char *commit, const char *path);

/** The regular files of a commit's tree (symbolic links and submodules left out). */
ms_status ms_git_list_tree(const ms_git *self, const char *commit, ms_git_entries *out, ms_error *err);
/** The regular files of the index (stage 0 only: unmerged entries are left out), each with
 * its tag and whether the working tree file differs from it: `ls-files -m -d`, git's stat
 * check with a content comparison where the stat data cannot decide (racily clean entries);
 * intent-to-add entries count as changed. */
ms_status ms_git_list_index(const ms_git *self, ms_git_entries *out, ms_error *err);
/** Sets in_worktree on the index entries (of ms_git_list_index) whose working tree file git
 * considers identical to the index (not changed), that are neither assume-unchanged nor
 * skip-worktree, and whose content no attribute converts on checkout (filter, ident,
 * working-tree-encoding; `git check-attr`). Such a file can be read in place instead of from
 * the object database; the others keep in_worktree false. scratch_dir (private, without a
 * ".git" entry) holds a file while git reads it. */
ms_status ms_git_mark_worktree(const ms_git *self, ms_git_entries *entries, const char *scratch_dir, ms_error *err);
/** Writes the blob of each entry to dir/<path> (directories created as needed). A path that
 * could escape dir ("..", absolute, ".git") is refused with MS_EPARSE. */
ms_status ms_git_materialise(const ms_git *self, const ms_git_entries *entries, const char *dir, ms_error *err);
void ms_git_entries_dispose(ms_git_entries *self);

/** What changed between commit and the working tree (cached: the index), renames followed
 * (`git diff --name-status -M`). commit NULL with cached: against HEAD, or the empty tree in
 * a repository without commits. Untracked files (not ignored) are added as '?' unless
 * cached. */
ms_status ms_git_changes_list(const ms_git *self, const char *commit, bool cached, ms_git_changes *out, ms_error *err);
void ms_git_changes_dispose(ms_git_changes *self);

/** The lines of path (as now) that differ from old_path at commit (`git diff -U0`), sorted.
 * old_path NULL: the same path. cached as for ms_git_changes_list. */
ms_status ms_git_changed_lines(const ms_git *self, const char *commit, bool cached, const char *old_path,
                               const char *path, ms_line_ranges *out, ms_error *err);
/** Parses the hunk headers of a unified diff with -U0 into the new side's line ranges. */
void ms_git__parse_hunks(const char *diff, size_t len, ms_line_ranges *out);

#endif
