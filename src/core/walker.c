/* One directory at a time: exclusions, symlink policy, file-type candidates. See walker.h.
 * Symlinked directories are never followed (no loops, no escaping the tree); symlinked files
 * are followed only when their target lies inside the root being scanned. */
#include "core/walker.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/path.h"
#include "util/xalloc.h"

static const char *const default_dirs[] = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                                           "dist", "build", ".mcp-sentinel-cache", ".tox", ".mypy_cache",
                                           ".pytest_cache", NULL};
static const char *const default_patterns[] = {"*.min.js", "*.bundle.js", NULL};

static bool is_default_dir(const char *name) {
  for (const char *const *d = default_dirs; *d; d++)
    if (strcmp(*d, name) == 0) return true;
  return false;
}

static bool is_default_file(const char *name) {
  for (const char *const *p = default_patterns; *p; p++)
    if (ms_path_glob_match(*p, name)) return true;
  return false;
}

/* The user's exclude (--exclude-dir / --exclude-pattern / config) matching name, or NULL. */
static const char *user_exclude(const char *const *globs, uint32_t n, const char *name) {
  for (uint32_t i = 0; i < n; i++)
    if (ms_path_glob_match(globs[i], name)) return globs[i];
  return NULL;
}

bool ms_walker_dir_excluded(const ms_scan_options *opts, const char *name) {
  return is_default_dir(name) || user_exclude(opts->exclude_dirs, opts->nexclude_dirs, name) != NULL;
}

bool ms_walker_file_excluded(const ms_scan_options *opts, const char *name) {
  return is_default_file(name) || user_exclude(opts->exclude_patterns, opts->nexclude_patterns, name) != NULL;
}

static void report_skip(const ms_walk_sink *sink, const char *path, ms_lang_id lang, ms_skip_reason why,
                        const char *detail) {
  ms_file_result *r = ms_xcalloc(1, sizeof *r);
  r->path = ms_xstrdup(path);
  r->lang = lang;
  r->skip = why;
  r->skip_detail = detail ? ms_xstrdup(detail) : NULL;
  sink->skip(sink->payload, r);
}

/* The scan's own report files (a previous run's, or this run's): compared by resolved path,
 * but only for files whose name matches, so ordinary files cost no realpath(3). */
static bool is_own_output(const ms_scan_options *opts, const char *path, const char *name) {
  bool same = false;
  for (uint32_t i = 0; i < opts->nown_outputs && !same; i++) {
    if (strcmp(ms_path_basename(opts->own_outputs[i]), name) != 0) continue;
    char *real = realpath(path, NULL);
    same = real != NULL && strcmp(real, opts->own_outputs[i]) == 0;
    free(real); /* allocated by libc's realpath */
  }
  return same;
}

/* The ignore-file pattern that skips the entry, as a skip detail ("src/.gitignore:3: *.log"). */
static char *ignored_by(const ms_ignore_frame *frame, const char *rel, bool is_dir) {
  if (rel == NULL) return NULL;
  const ms_ignore_pattern *p = ms_ignore_check(frame, rel, is_dir);
  if (p == NULL) return NULL;
  return ms_xasprintf("%s:%u: %s%s%s", p->source, p->line, p->anchored && !strchr(p->pattern, '/') ? "/" : "",
                      p->pattern, p->dir_only ? "/" : "");
}

static void consider_file(const ms_walk_filter *f, const ms_ignore_frame *frame, const char *path, const char *rel,
                          const char *name, bool is_link, bool regular, int dfd, const struct stat *known,
                          const ms_walk_sink *sink) {
  ms_lang_id lang = ms_lang_detect(name, NULL, 0);
  if (lang == MS_LANG_NONE && !ms_lang_needs_head(name)) return; /* not a kind we scan */
  if (is_default_file(name)) return;
  const char *glob = user_exclude(f->opts->exclude_patterns, f->opts->nexclude_patterns, name);
  if (glob) { /* the user's excludes are listed (reason "excluded"); the defaults are not */
    char *why = ms_xasprintf("exclude pattern %s", glob);
    report_skip(sink, path, lang, MS_SKIP_EXCLUDED, why);
    ms_free(why);
    return;
  }
  if (is_own_output(f->opts, path, name)) return;
  char *why = ignored_by(frame, rel, false);
  if (why) {
    report_skip(sink, path, lang, MS_SKIP_IGNORED, why);
    ms_free(why);
    return;
  }
  if (is_link) {
    char *real = realpath(path, NULL);
    if (real == NULL) {
      if (lang != MS_LANG_NONE) report_skip(sink, path, lang, MS_SKIP_UNREADABLE, "broken symbolic link");
      return;
    }
    bool inside = ms_path_is_within(real, f->root_real);
    free(real); /* allocated by libc's realpath */
    if (!inside) {
      if (lang != MS_LANG_NONE) report_skip(sink, path, lang, MS_SKIP_SYMLINK_OUTSIDE, NULL);
      return;
    }
  }
  if (!regular) {
    if (lang != MS_LANG_NONE) report_skip(sink, path, lang, MS_SKIP_NOT_REGULAR, NULL);
    return;
  }
  /* The cache looks a file up by its stamp first: stat it here, by its name in the open
   * directory (half the cost of a stat of the whole path in the worker). */
  struct stat sb;
  if (known == NULL && f->opts->cache_dir && fstatat(dfd, name, &sb, 0) == 0) known = &sb;
  sink->file(sink->payload, ms_xstrdup(path), lang, known);
}

void ms_walker_expand(const ms_walk_filter *f, const char *dir, const ms_walk_sink *sink) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    report_skip(sink, dir, MS_LANG_NONE, MS_SKIP_UNREADABLE, strerror(errno));
    return;
  }
  ms_ignore_frame *frame = f->rel ? ms_ignore_frame_enter(f->ign, dir, f->rel, f->in_repo) : NULL;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    const char *name = e->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
    char *path = ms_path_join(dir, name);
    char *rel = f->rel ? (f->rel[0] ? ms_xasprintf("%s/%s", f->rel, name) : ms_xstrdup(name)) : NULL;
    unsigned char type = e->d_type;
    struct stat sb;
    if (type == DT_UNKNOWN) {
      if (lstat(path, &sb) != 0) {
        ms_free(path);
        continue;
      }
      type = S_ISDIR(sb.st_mode) ? DT_DIR : S_ISLNK(sb.st_mode) ? DT_LNK : S_ISREG(sb.st_mode) ? DT_REG : DT_FIFO;
    }
    if (type == DT_DIR) {
      const char *glob = user_exclude(f->opts->exclude_dirs, f->opts->nexclude_dirs, name);
      char *why = is_default_dir(name) ? NULL
                  : glob              ? ms_xasprintf("exclude dir %s", glob)
                                      : ignored_by(frame, rel, true);
      if (why) {
        report_skip(sink, path, MS_LANG_NONE, glob ? MS_SKIP_EXCLUDED : MS_SKIP_IGNORED, why);
        ms_free(why);
      } else if (!is_default_dir(name)) {
        sink->dir(sink->payload, path, f->root_real, ms_ignore_frame_ref(frame), rel);
        path = NULL;
        rel = NULL;
      }
    } else if (type == DT_LNK) {
      /* Directories behind links are never descended; a broken link is reported by
       * consider_file (realpath fails there). */
      bool ok = stat(path, &sb) == 0;
      if (!(ok && S_ISDIR(sb.st_mode)))
        consider_file(f, frame, path, rel, name, true, !ok || S_ISREG(sb.st_mode), dirfd(d), ok ? &sb : NULL, sink);
    } else {
      bool stated = e->d_type == DT_UNKNOWN; /* lstat above, of a file that is no link */
      consider_file(f, frame, path, rel, name, false, type == DT_REG, dirfd(d), stated ? &sb : NULL, sink);
    }
    ms_free(rel);
    ms_free(path);
  }
  closedir(d);
  ms_ignore_frame_unref(frame);
}
