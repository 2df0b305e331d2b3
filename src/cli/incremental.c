/* --baseline, --diff-base and --staged around the scan; see incremental.h and
 * docs/baseline.md. Design:
 * - Content that is not the working tree (the index, a commit) is written from git into a
 *   private temporary directory and scanned there like any tree; results are then given the
 *   paths the working tree would have (relative to the working directory), and each file
 *   result keeps the temporary path as source_path (SARIF re-reads it for line hashes).
 * - --diff-base and --staged scan every file, then keep only the findings of the changed or
 *   staged files (and, for --diff-base, lines): project-level checks see every file's facts.
 * - A --baseline REF is scanned the same way and compared like a baseline file; renames
 *   between REF and now (git diff -M) give its findings their current paths. */
#include "cli/incremental.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/exit.h"
#include "core/baseline.h"
#include "core/git.h"
#include "core/walker.h"
#include "lang/lang.h"
#include "report/baseline_file.h"
#include "util/path.h"
#include "util/tmpdir.h"
#include "util/xalloc.h"

typedef struct selected {
  char *key;      /* the file's path relative to the working directory */
  bool all_lines; /* every line counts (new file, --all-lines, --staged) */
  ms_line_ranges lines;
} selected;

struct ms_incremental {
  const ms_cli_options *o;
  char *cwd;
  ms_git git;
  bool have_git;
  char *base_oid, *base_used; /* --baseline REF */
  bool base_empty;            /* --baseline HEAD before the first commit: nothing to compare */
  char *diff_oid;             /* --diff-base REF */
  char *index_dir;            /* --staged: the index, written out */
  ms_string_list roots;       /* what so->paths points at */
  ms_string_list listed;      /* what so->listed_files points at (--staged) */
  bool selecting;             /* only the findings of selection count */
  ms_array(selected) selection; /* sorted by key */
  ms_string_list scope;       /* keys of what this scan covers, for "fixed" */
  ms_baseline_summary summary;
};

static int fail(ms_error *err, int code) {
  char *msg = ms_error_format(err);
  fprintf(stderr, "mcp-sentinel: %s\n", msg);
  ms_free(msg);
  ms_error_clear(err);
  return code;
}

static int exit_code_of(ms_status st) {
  return st == MS_EIO ? MS_EXIT_FS : st == MS_ERR ? MS_EXIT_ERROR : MS_EXIT_CONFIG;
}

bool ms_incremental_wanted(const ms_cli_options *o) { return o->baseline || o->diff_base || o->staged; }

/* ---- paths ---------------------------------------------------------------------------------- */

/* A repository path (relative to the top level) as the scan shows paths: relative to the
 * working directory. */
static char *repo_key(const ms_incremental *self, const char *rel) {
  char *abs = ms_xasprintf("%s/%s", self->git.top, rel);
  char *norm = ms_path_normalize(abs);
  char *key = ms_path_relative(norm, self->cwd);
  ms_free(abs);
  ms_free(norm);
  return key;
}

/* A path as given on the command line, relative to the top level ("." for the top level;
 * starts with ".." when outside the repository). */
static char *repo_rel(const ms_incremental *self, const char *path) {
  char *abs = path[0] == '/' ? ms_xstrdup(path) : ms_xasprintf("%s/%s", self->cwd, path);
  char *norm = ms_path_normalize(abs);
  char *rel = ms_path_relative(norm, self->git.top);
  ms_free(abs);
  ms_free(norm);
  return rel;
}

static bool under(const char *rel, const char *dir) {
  size_t n = strlen(dir);
  return strcmp(dir, ".") == 0 || strcmp(rel, dir) == 0 || (strncmp(rel, dir, n) == 0 && rel[n] == '/');
}

/* Files of the index or a tree that a scan of the directory would analyse: a kind we scan,
 * and no excluded directory or file-name pattern on the way. */
static bool scannable(const ms_scan_options *so, const char *rel) {
  const char *name = ms_path_basename(rel);
  if (ms_lang_detect(name, NULL, 0) == MS_LANG_NONE && !ms_lang_needs_head(name)) return false;
  if (ms_walker_file_excluded(so, name)) return false;
  char *dirs = ms_xstrdup(rel);
  bool ok = true;
  char *slash;
  for (char *c = dirs; ok && (slash = strchr(c, '/')) != NULL; c = slash + 1) {
    *slash = '\0';
    ok = !ms_walker_dir_excluded(so, c);
  }
  ms_free(dirs);
  return ok;
}

static void keep_scannable(const ms_scan_options *so, ms_git_entries *entries) {
  uint32_t keep = 0;
  for (uint32_t i = 0; i < entries->len; i++) {
    if (scannable(so, entries->items[i].path)) entries->items[keep++] = entries->items[i];
    else ms_free(entries->items[i].path);
  }
  entries->len = keep;
}

/* Writes entries (filtered to what would be scanned) to a new temporary directory. */
static ms_status materialise(ms_incremental *self, const ms_scan_options *so, ms_git_entries *entries,
                             const char *prefix, char **dir, ms_error *err) {
  keep_scannable(so, entries);
  ms_status st = ms_tmpdir_create(prefix, dir);
  if (st < 0) return ms_error_set(err, MS_EIO, NULL, 0, 0, "cannot create a temporary directory: %s", strerror(errno));
  return ms_git_materialise(&self->git, entries, *dir, err);
}

/* ---- the selection (--diff-base, --staged) ---------------------------------------------------- */

static int cmp_selected(const void *a, const void *b) {
  return strcmp(((const selected *)a)->key, ((const selected *)b)->key);
}

static selected *find_selected(ms_incremental *self, const char *key) {
  if (self->selection.len == 0) return NULL; /* bsearch wants a non-null base even for none */
  selected probe = {(char *)key, false, MS_ARRAY_INIT};
  return bsearch(&probe, self->selection.items, self->selection.len, sizeof(selected), cmp_selected);
}

/* Adds a changed file; its changed lines come from git unless every line counts. */
static ms_status select_file(ms_incremental *self, const ms_git_change *ch, bool cached, ms_error *err) {
  selected s = {repo_key(self, ch->path), true, MS_ARRAY_INIT};
  bool whole = self->o->all_lines || self->diff_oid == NULL || ch->status == 'A' || ch->status == '?';
  ms_status st = MS_OK;
  if (!whole) {
    s.all_lines = false;
    st = ms_git_changed_lines(&self->git, self->diff_oid, cached, ch->old_path, ch->path, &s.lines, err);
  }
  ms_array_push(&self->selection, s);
  return st;
}

/* Whether a repository path lies under one of the PATH arguments (all of them when none). */
static bool among_paths(const ms_incremental *self, const char *rel) {
  if (!self->o->paths_given) return true;
  bool found = false;
  for (uint32_t i = 0; i < self->o->paths.len && !found; i++) {
    char *p = repo_rel(self, self->o->paths.items[i]);
    found = under(rel, p);
    ms_free(p);
  }
  return found;
}

/* Selects the changed files among changes (deleted ones aside). */
static ms_status select_among(ms_incremental *self, const ms_git_changes *changes, bool cached, ms_error *err) {
  ms_status st = MS_OK;
  for (uint32_t i = 0; i < changes->len && st == MS_OK; i++) {
    const ms_git_change *ch = &changes->items[i];
    if (ch->status == 'D' || !among_paths(self, ch->path)) continue;
    st = select_file(self, ch, cached, err);
  }
  return st;
}

static ms_status select_changes(ms_incremental *self, bool cached, ms_error *err) {
  ms_git_changes changes = MS_ARRAY_INIT;
  ms_status st = ms_git_changes_list(&self->git, self->diff_oid, cached, &changes, err);
  if (st == MS_OK) st = select_among(self, &changes, cached, err);
  ms_git_changes_dispose(&changes);
  return st;
}

/* The staged changes, listed by git on a thread of their own while the index is listed and
 * checked (the four git commands of a pre-commit scan ran one after another). */
typedef struct staged_changes {
  const ms_git *git;
  const char *commit;
  ms_git_changes changes;
  ms_error err;
  ms_status st;
  pthread_t thread;
  bool threaded;
} staged_changes;

static void *list_staged(void *arg) {
  staged_changes *sc = arg;
  sc->st = ms_git_changes_list(sc->git, sc->commit, true, &sc->changes, &sc->err);
  return NULL;
}

static void staged_changes_start(staged_changes *sc, const ms_git *git, const char *commit) {
  *sc = (staged_changes){git, commit, MS_ARRAY_INIT, MS_ERROR_INIT, MS_OK, 0, false};
  sc->threaded = pthread_create(&sc->thread, NULL, list_staged, sc) == 0;
  if (!sc->threaded) list_staged(sc);
}

/* Waits for the list; its error, if any, moves into err (unless NULL). */
static ms_status staged_changes_finish(staged_changes *sc, ms_error *err) {
  if (sc->threaded) pthread_join(sc->thread, NULL);
  sc->threaded = false;
  if (sc->st < 0 && err != NULL) {
    ms_error_clear(err);
    *err = sc->err;
    sc->err = (ms_error)MS_ERROR_INIT;
  }
  return sc->st;
}

static void sort_selection(ms_incremental *self) {
  if (self->selection.len) qsort(self->selection.items, self->selection.len, sizeof(selected), cmp_selected);
  self->selecting = true;
  for (uint32_t i = 0; i < self->selection.len; i++) ms_array_push(&self->scope, ms_xstrdup(self->selection.items[i].key));
}

/* The files of the index to analyse: each entry read in place when the working tree holds its
 * content (by path relative to the working directory), else from its blob written below
 * index_dir. The selected (staged) files come last: the scan analyses them first, so the one
 * file that is new to the cache does not start after all the others. */
static void list_index_files(ms_incremental *self, const ms_git_entries *entries) {
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < entries->len; i++) {
      const ms_git_entry *e = &entries->items[i];
      char *key = repo_key(self, e->path);
      bool last = find_selected(self, key) != NULL;
      if (last != (pass == 1)) {
        ms_free(key);
        continue;
      }
      if (e->in_worktree) {
        ms_array_push(&self->listed, key);
      } else {
        ms_array_push(&self->listed, ms_xasprintf("%s/%s", self->index_dir, e->path));
        ms_free(key);
      }
    }
  }
}

/* --staged: the whole index is scanned (project-level checks see every file as it will be
 * committed); the staged files, or with PATHs the index files under them, are the selection.
 * Files whose working tree copy is the staged content (git's own stat check, see
 * ms_git_mark_worktree) are read where they are; only the others (edited after staging,
 * deleted, intent-to-add, skip-worktree...) are written out from git into a temporary
 * directory: writing all 2,000 files of a small repository took most of a pre-commit run. */
static ms_status prepare_staged(ms_incremental *self, ms_scan_options *so, ms_error *err) {
  ms_git_entries entries = MS_ARRAY_INIT, blobs = MS_ARRAY_INIT;
  bool by_paths = self->o->paths_given && self->diff_oid == NULL;
  staged_changes changes;
  if (!by_paths) staged_changes_start(&changes, &self->git, self->diff_oid);
  ms_status st = ms_git_list_index(&self->git, &entries, err);
  if (st < 0) goto cleanup;
  keep_scannable(so, &entries);
  if (ms_tmpdir_create("mcp-sentinel-index.", &self->index_dir) < 0) {
    st = ms_error_set(err, MS_EIO, NULL, 0, 0, "cannot create a temporary directory: %s", strerror(errno));
    goto cleanup;
  }
  st = ms_git_mark_worktree(&self->git, &entries, self->index_dir, err);
  for (uint32_t i = 0; i < entries.len && st == MS_OK; i++)
    if (!entries.items[i].in_worktree) ms_array_push(&blobs, entries.items[i]); /* paths borrowed */
  if (st == MS_OK) st = ms_git_materialise(&self->git, &blobs, self->index_dir, err);
  if (st < 0) goto cleanup;
  if (by_paths) {
    for (uint32_t i = 0; i < entries.len; i++) {
      if (!among_paths(self, entries.items[i].path)) continue;
      ms_git_change ch = {'M', NULL, entries.items[i].path};
      if ((st = select_file(self, &ch, true, err)) < 0) break;
    }
  } else {
    st = staged_changes_finish(&changes, err);
    if (st == MS_OK) st = select_among(self, &changes.changes, true, err);
  }
  sort_selection(self);
  if (st == MS_OK) list_index_files(self, &entries);

cleanup:
  if (!by_paths) {
    staged_changes_finish(&changes, NULL);
    ms_git_changes_dispose(&changes.changes);
    ms_error_clear(&changes.err);
  }
  ms_array_free(&blobs);
  ms_git_entries_dispose(&entries);
  return st;
}

/* A PATH argument that no longer exists but did at the revision was deleted (a CI script's
 * list of changed files includes deleted ones): it is not scanned now, and its baseline
 * findings count as fixed. */
static void drop_deleted_paths(ms_incremental *self) {
  const char *rev = self->base_oid ? self->base_oid : self->diff_oid;
  for (uint32_t i = 0; i < self->o->paths.len; i++) {
    const char *p = self->o->paths.items[i];
    struct stat sb;
    bool gone = lstat(p, &sb) != 0 && errno == ENOENT;
    if (gone && rev) {
      char *rel = repo_rel(self, p);
      bool known = strncmp(rel, "..", 2) != 0 && ms_git_path_exists(&self->git, rev, rel);
      ms_free(rel);
      if (known) {
        fprintf(stderr, "mcp-sentinel: note: '%s' does not exist any more (deleted since %s): not scanned\n", p,
                self->base_used ? self->base_used : self->o->diff_base);
        continue;
      }
    }
    ms_array_push(&self->roots, ms_xstrdup(p));
  }
}

int ms_incremental_prepare(ms_incremental **out, const ms_cli_options *o, ms_scan_options *so) {
  *out = NULL;
  ms_incremental *self = ms_xcalloc(1, sizeof *self);
  self->o = o;
  ms_error err = MS_ERROR_INIT;
  int rc = MS_EXIT_OK;
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == NULL) {
    ms_error_set(&err, MS_EIO, NULL, 0, 0, "cannot determine the working directory: %s", strerror(errno));
    rc = fail(&err, MS_EXIT_FS);
    goto cleanup;
  }
  self->cwd = ms_path_normalize(cwd);

  /* --baseline names a file when one exists by that name; otherwise a git revision. */
  bool base_is_file = false;
  if (o->baseline) {
    struct stat sb;
    const char *dot = strrchr(o->baseline, '.');
    base_is_file = stat(o->baseline, &sb) == 0 && !S_ISDIR(sb.st_mode);
    if (!base_is_file && dot && (strcmp(dot, ".json") == 0 || strcmp(dot, ".sarif") == 0)) {
      fprintf(stderr, "mcp-sentinel: cannot read the baseline %s: %s\n", o->baseline, strerror(errno ? errno : ENOENT));
      rc = MS_EXIT_FS;
      goto cleanup;
    }
  }
  if (o->staged || o->diff_base || (o->baseline && !base_is_file)) {
    const char *what = o->staged ? "--staged" : o->diff_base ? "--diff-base" : "--baseline with a git revision";
    ms_status st = ms_git_open(&self->git, what, &err);
    if (st < 0) {
      rc = fail(&err, MS_EXIT_CONFIG);
      goto cleanup;
    }
    self->have_git = true;
    char *used = NULL;
    if (o->diff_base && ms_git_resolve(&self->git, o->diff_base, &self->diff_oid, &used, &err) < 0) {
      rc = fail(&err, MS_EXIT_CONFIG);
      goto cleanup;
    }
    ms_free(used);
    if (o->baseline && !base_is_file &&
        ms_git_resolve(&self->git, o->baseline, &self->base_oid, &self->base_used, &err) < 0) {
      /* The first commit of a repository has no HEAD to compare with: nothing was there. */
      if (strcmp(o->baseline, "HEAD") != 0 || !ms_git_unborn(&self->git)) {
        rc = fail(&err, MS_EXIT_CONFIG);
        goto cleanup;
      }
      ms_error_clear(&err);
      self->base_empty = true;
    }
  }

  ms_status st = MS_OK;
  if (o->staged) {
    st = prepare_staged(self, so, &err);
  } else {
    drop_deleted_paths(self);
    if (o->diff_base) {
      st = select_changes(self, false, &err);
      sort_selection(self);
    }
  }
  if (st < 0) {
    rc = fail(&err, exit_code_of(st));
    goto cleanup;
  }
  if (!self->selecting)
    for (uint32_t i = 0; i < o->paths.len; i++) ms_array_push(&self->scope, ms_baseline_key(o->paths.items[i], self->cwd));
  so->paths = (const char *const *)self->roots.items;
  so->npaths = self->roots.len;
  so->listed_files = (const char *const *)self->listed.items;
  so->nlisted_files = self->listed.len;

cleanup:
  if (rc != MS_EXIT_OK) {
    ms_incremental_free(self);
    self = NULL;
  }
  *out = self;
  return rc;
}

/* ---- after the scan ------------------------------------------------------------------------- */

static int cmp_file(const void *a, const void *b) {
  return strcmp(((const ms_file_result *)a)->path, ((const ms_file_result *)b)->path);
}

/* A path below dir as its repository path, or NULL. */
static const char *below(const char *path, const char *dir) {
  size_t n = strlen(dir);
  return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

/* Results from the index directory get the working tree's paths. */
static void map_index_paths(ms_incremental *self, ms_scan_result *result) {
  for (uint32_t i = 0; i < result->nfiles; i++) {
    ms_file_result *fr = &result->files[i];
    const char *rel = below(fr->path, self->index_dir);
    if (rel == NULL) continue;
    char *key = repo_key(self, rel);
    fr->source_path = fr->path;
    fr->path = key;
  }
  if (result->nfiles) qsort(result->files, result->nfiles, sizeof *result->files, cmp_file);
}

static bool on_changed_line(const selected *s, const ms_finding *f) {
  if (s->all_lines) return true;
  for (uint32_t i = 0; i < s->lines.len; i++)
    if (s->lines.items[i].first <= f->span.end_line && f->span.start_line <= s->lines.items[i].last) return true;
  return false;
}

/* Keeps the selected files, and in them the findings on changed lines. */
static void apply_selection(ms_incremental *self, ms_scan_result *result) {
  uint32_t keep = 0;
  for (uint32_t i = 0; i < result->nfiles; i++) {
    ms_file_result *fr = &result->files[i];
    char *key = ms_baseline_key(fr->path, self->cwd);
    const selected *s = find_selected(self, key);
    ms_free(key);
    if (s == NULL) {
      ms_file_result_dispose(fr);
      continue;
    }
    uint32_t kf = 0;
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      if (on_changed_line(s, &fr->findings.items[k])) fr->findings.items[kf++] = fr->findings.items[k];
      else ms_finding_dispose(&fr->findings.items[k]);
    }
    fr->findings.len = kf;
    result->files[keep++] = *fr;
  }
  result->nfiles = keep;
  ms_scan_result_recount(result);
}

/* The current path of a file that had path `rel` at the revision. */
static const char *renamed(const ms_git_changes *changes, const char *rel) {
  for (uint32_t i = 0; i < changes->len; i++)
    if (changes->items[i].status == 'R' && strcmp(changes->items[i].old_path, rel) == 0) return changes->items[i].path;
  return rel;
}

/* The path at the revision of a file now at `rel`. */
static const char *renamed_from(const ms_git_changes *changes, const char *rel) {
  for (uint32_t i = 0; i < changes->len; i++)
    if (changes->items[i].status == 'R' && strcmp(changes->items[i].path, rel) == 0) return changes->items[i].old_path;
  return rel;
}

/* Scans the revision's version of what this scan covers and turns its findings into
 * baseline entries with current paths. */
static ms_status scan_revision(ms_incremental *self, const ms_ruleset *rules, const ms_scan_options *so,
                               ms_scan_result *result, ms_baseline_entries *out, ms_error *err) {
  ms_git_entries entries = MS_ARRAY_INIT;
  ms_git_changes changes = MS_ARRAY_INIT;
  ms_string_list roots = MS_ARRAY_INIT;
  ms_scan_result base;
  bool have_base = false;
  char *dir = NULL;
  ms_status st = ms_git_list_tree(&self->git, self->base_oid, &entries, err);
  if (st == MS_OK) st = materialise(self, so, &entries, "mcp-sentinel-base.", &dir, err);
  if (st == MS_OK) st = ms_git_changes_list(&self->git, self->base_oid, self->o->staged, &changes, err);
  if (st < 0) goto cleanup;
  if (self->o->staged) {
    ms_array_push(&roots, ms_xstrdup(dir));
  } else {
    for (uint32_t i = 0; i < self->o->paths.len; i++) {
      char *rel = repo_rel(self, self->o->paths.items[i]);
      struct stat sb;
      char *full = strcmp(rel, ".") == 0 ? ms_xstrdup(dir) : ms_xasprintf("%s/%s", dir, renamed_from(&changes, rel));
      if (strncmp(rel, "..", 2) != 0 && lstat(full, &sb) == 0) ms_array_push(&roots, full);
      else ms_free(full);
      ms_free(rel);
    }
  }
  ms_scan_options bso = *so;
  bso.paths = (const char *const *)roots.items;
  bso.npaths = roots.len;
  bso.own_outputs = NULL;
  bso.nown_outputs = 0;
  bso.listed_files = NULL; /* the index's files (--staged) are not the revision's */
  bso.nlisted_files = 0;
  st = ms_scan_run(rules, &bso, &base, err);
  have_base = st == MS_OK;
  if (st < 0) goto cleanup;
  if (base.timed_out) result->timed_out = true;
  for (uint32_t i = 0; i < base.nfiles; i++) {
    const ms_file_result *fr = &base.files[i];
    const char *rel = below(fr->path, dir);
    if (rel == NULL) continue;
    char *key = repo_key(self, renamed(&changes, rel));
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      ms_baseline_entry e = {ms_xstrdup(ms_ruleset_get(rules, f->rule)->id), ms_xstrdup(key),
                             ms_xstrdup(f->fingerprint), f->severity, f->span.start_line, f->span.start_col,
                             ms_xstrdup(f->message), f->snippet ? ms_xstrdup(f->snippet) : NULL};
      ms_array_push(out, e);
    }
    ms_free(key);
  }

cleanup:
  if (have_base) ms_scan_result_dispose(&base);
  if (dir && ms_tmpdir_remove(dir) < 0 && st == MS_OK)
    st = ms_error_set(err, MS_EIO, dir, 0, 0, "cannot remove the temporary directory: %s", strerror(errno));
  ms_free(dir);
  ms_string_list_dispose(&roots);
  ms_git_changes_dispose(&changes);
  ms_git_entries_dispose(&entries);
  return st;
}

static int cmp_entry(const void *a, const void *b) {
  const ms_baseline_entry *x = a, *y = b;
  int c = strcmp(x->path, y->path);
  if (c == 0 && x->line != y->line) c = x->line < y->line ? -1 : 1;
  if (c == 0 && x->column != y->column) c = x->column < y->column ? -1 : 1;
  if (c == 0) c = strcmp(x->rule_id, y->rule_id);
  return c ? c : strcmp(x->fingerprint, y->fingerprint);
}

int ms_incremental_finish(ms_incremental *self, const ms_ruleset *rules, const ms_scan_options *so,
                          ms_scan_result *result, ms_report_input *in) {
  ms_error err = MS_ERROR_INIT;
  in->include_baselined = self->o->include_baselined;
  if (self->index_dir) map_index_paths(self, result);
  if (self->selecting) apply_selection(self, result);
  if (self->o->baseline == NULL) return MS_EXIT_OK;

  ms_baseline_entries base = MS_ARRAY_INIT;
  ms_status st = self->base_oid    ? scan_revision(self, rules, so, result, &base, &err)
                 : self->base_empty ? MS_OK
                                    : ms_baseline_file_load(self->o->baseline, &base, &err);
  if (st < 0) {
    ms_baseline_entries_dispose(&base);
    return fail(&err, exit_code_of(st));
  }
  ms_baseline_scope scope = {(const char *const *)self->scope.items, self->scope.len, self->cwd};
  ms_baseline_compare(result, rules, self->o->threshold, &base, &scope, &self->summary);
  if (self->summary.fixed.len)
    qsort(self->summary.fixed.items, self->summary.fixed.len, sizeof(ms_baseline_entry), cmp_entry);
  self->summary.against = self->base_oid    ? ms_xasprintf("%s (%.12s)", self->base_used, self->base_oid)
                          : self->base_empty ? ms_xstrdup("HEAD (no commits yet)")
                                             : ms_xstrdup(self->o->baseline);
  in->baseline = &self->summary;
  return MS_EXIT_OK;
}

void ms_incremental_free(ms_incremental *self) {
  if (self == NULL) return;
  if (self->index_dir && ms_tmpdir_remove(self->index_dir) < 0)
    fprintf(stderr, "mcp-sentinel: cannot remove the temporary directory %s: %s\n", self->index_dir, strerror(errno));
  ms_free(self->index_dir);
  for (uint32_t i = 0; i < self->selection.len; i++) {
    ms_free(self->selection.items[i].key);
    ms_array_free(&self->selection.items[i].lines);
  }
  ms_array_free(&self->selection);
  ms_string_list_dispose(&self->roots);
  ms_string_list_dispose(&self->listed);
  ms_string_list_dispose(&self->scope);
  ms_baseline_summary_dispose(&self->summary);
  if (self->have_git) ms_git_dispose(&self->git);
  ms_free(self->base_oid);
  ms_free(self->base_used);
  ms_free(self->diff_oid);
  ms_free(self->cwd);
  ms_free(self);
}
