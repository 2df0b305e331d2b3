/* git as a child process; see git.h. Every command starts `git -C <top> -c
 * core.quotepath=off`, and reads NUL-separated output where git offers it. */
#include "core/git.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/spawn.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_LISTING (512u * 1024u * 1024u)
#define MAX_ARGS 24

/* argv for `git [-C top] -c core.quotepath=off <args...>`; args ends with NULL. */
static void build_argv(const char **argv, const ms_git *g, const char *const *args) {
  int n = 0;
  argv[n++] = "git";
  if (g && g->top) {
    argv[n++] = "-C";
    argv[n++] = g->top;
  }
  argv[n++] = "--literal-pathspecs"; /* a file named "*.py" must not match every Python file */
  argv[n++] = "-c";
  argv[n++] = "core.quotepath=off";
  for (int i = 0; args[i] && n < MAX_ARGS - 1; i++) argv[n++] = args[i];
  argv[n] = NULL;
}

/* Runs git; stdout into out. A non-zero exit is MS_ERR with git's own message in err. */
static ms_status run_git(const ms_git *g, const char *const *args, ms_strbuf *out, ms_error *err) {
  const char *argv[MAX_ARGS];
  build_argv(argv, g, args);
  ms_strbuf errs = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  int status;
  ms_status st = ms_spawn_capture(argv, out, &errs, &status);
  if (st == MS_ENOTFOUND) {
    st = ms_error_set(err, MS_ENOTFOUND, NULL, 0, 0, "git is not installed (or not on PATH)");
  } else if (st < 0) {
    st = ms_error_set(err, st, NULL, 0, 0, "git %s: %s", args[0], st == MS_ETOOBIG ? "output too large" : strerror(errno));
  } else if (status != 0) {
    size_t n = errs.len;
    while (n > 0 && (errs.ptr[n - 1] == '\n' || errs.ptr[n - 1] == ' ')) n--;
    st = ms_error_set(err, MS_ERR, NULL, 0, 0, "git %s failed%s%.*s", args[0], n ? ": " : "", (int)n,
                      n ? errs.ptr : "");
  }
  ms_strbuf_dispose(&errs);
  return st;
}

/* The first line of out, without its newline (a fresh string). */
static char *first_line(const ms_strbuf *out) {
  const char *s = ms_strbuf_cstr(out);
  return ms_xstrndup(s, strcspn(s, "\n"));
}

ms_status ms_git_open(ms_git *self, const char *what, ms_error *err) {
  self->top = self->prefix = NULL;
  ms_strbuf out = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  const char *args[] = {"rev-parse", "--show-toplevel", "--show-prefix", NULL};
  ms_status st = run_git(NULL, args, &out, err);
  if (st == MS_ENOTFOUND) {
    st = ms_error_set(err, MS_ENOTFOUND, NULL, 0, 0, "%s needs git, which is not installed (or not on PATH)", what);
  } else if (st < 0) {
    st = ms_error_set(err, MS_EPARSE, NULL, 0, 0, "%s needs a git working tree, and the current directory is not in one",
                      what);
  } else {
    const char *s = ms_strbuf_cstr(&out);
    size_t n = strcspn(s, "\n");
    self->top = ms_xstrndup(s, n);
    const char *p = s[n] ? s + n + 1 : s + n;
    self->prefix = ms_xstrndup(p, strcspn(p, "\n"));
    if (self->top[0] != '/') st = ms_error_set(err, MS_EPARSE, NULL, 0, 0, "%s needs a git working tree", what);
  }
  ms_strbuf_dispose(&out);
  return st;
}

void ms_git_dispose(ms_git *self) {
  ms_free(self->top);
  ms_free(self->prefix);
  self->top = self->prefix = NULL;
}

/* The commit ref names, or NULL. */
static char *try_resolve(const ms_git *g, const char *ref) {
  char *spec = ms_xasprintf("%s^{commit}", ref);
  const char *args[] = {"rev-parse", "--verify", "--quiet", "--end-of-options", spec, NULL};
  ms_strbuf out = MS_STRBUF_INIT(4096);
  ms_error ignored = MS_ERROR_INIT;
  char *oid = run_git(g, args, &out, &ignored) == MS_OK ? first_line(&out) : NULL;
  ms_error_clear(&ignored);
  ms_strbuf_dispose(&out);
  ms_free(spec);
  if (oid && oid[0] == '\0') {
    ms_free(oid);
    oid = NULL;
  }
  return oid;
}

static bool is_shallow(const ms_git *g) {
  const char *args[] = {"rev-parse", "--is-shallow-repository", NULL};
  ms_strbuf out = MS_STRBUF_INIT(4096);
  ms_error ignored = MS_ERROR_INIT;
  bool shallow = run_git(g, args, &out, &ignored) == MS_OK && strncmp(ms_strbuf_cstr(&out), "true", 4) == 0;
  ms_error_clear(&ignored);
  ms_strbuf_dispose(&out);
  return shallow;
}

ms_status ms_git_resolve(const ms_git *self, const char *ref, char **oid, char **used, ms_error *err) {
  *oid = *used = NULL;
  if (ref[0] == '\0' || ref[0] == '-')
    return ms_error_set(err, MS_EPARSE, NULL, 0, 0, "'%s' is not a git revision", ref);
  *oid = try_resolve(self, ref);
  if (*oid) {
    *used = ms_xstrdup(ref);
    return MS_OK;
  }
  /* CI checkouts have origin/main but no local main. */
  if (strncmp(ref, "origin/", 7) != 0 && strncmp(ref, "refs/", 5) != 0) {
    char *remote = ms_xasprintf("origin/%s", ref);
    *oid = try_resolve(self, remote);
    if (*oid) {
      *used = remote;
      return MS_OK;
    }
    ms_free(remote);
  }
  const char *branch = strncmp(ref, "origin/", 7) == 0 ? ref + 7 : ref;
  return ms_error_set(err, MS_ENOTFOUND, NULL, 0, 0,
                      "git revision '%s' not found in this %s; fetch it first, e.g. "
                      "`git fetch --depth=1 origin %s:refs/remotes/origin/%s` (or `fetch-depth: 0` with "
                      "actions/checkout, `GIT_DEPTH: 0` in GitLab CI)",
                      ref, is_shallow(self) ? "shallow clone" : "repository", branch, branch);
}

bool ms_git_unborn(const ms_git *self) {
  const char *args[] = {"rev-list", "-n", "1", "--all", NULL};
  ms_strbuf out = MS_STRBUF_INIT(4096);
  ms_error ignored = MS_ERROR_INIT;
  bool unborn = run_git(self, args, &out, &ignored) == MS_OK && out.len == 0;
  ms_error_clear(&ignored);
  ms_strbuf_dispose(&out);
  return unborn;
}

bool ms_git_path_exists(const ms_git *self, const char *commit, const char *path) {
  char *spec = ms_xasprintf("%s:%s", commit, path);
  const char *args[] = {"cat-file", "-e", "--end-of-options", spec, NULL};
  ms_strbuf out = MS_STRBUF_INIT(4096);
  ms_error ignored = MS_ERROR_INIT;
  bool exists = run_git(self, args, &out, &ignored) == MS_OK;
  ms_error_clear(&ignored);
  ms_strbuf_dispose(&out);
  ms_free(spec);
  return exists;
}

/* ---- listings ------------------------------------------------------------------------------ */

void ms_git_entries_dispose(ms_git_entries *self) {
  for (uint32_t i = 0; i < self->len; i++) ms_free(self->items[i].path);
  ms_array_free(self);
}

/* One record "<fields>\t<path>" of ls-tree / ls-files -s: the mode is the first field and
 * the object id the one at oid_field (0-based). Regular files only, stage 0 only. A tagged
 * record (ls-files -t -v) starts with "<tag> ". */
static void add_entry(ms_git_entries *out, const char *rec, int oid_field, bool tagged) {
  char tag = 0;
  if (tagged) {
    if (rec[0] == '\0' || rec[1] != ' ') return;
    tag = rec[0];
    rec += 2;
  }
  const char *tab = strchr(rec, '\t');
  if (tab == NULL) return;
  if (tag == 'C' || tag == 'R') { /* ls-files -m / -d: follows the entry's own record */
    if (out->len && strcmp(out->items[out->len - 1].path, tab + 1) == 0) out->items[out->len - 1].changed = true;
    return;
  }
  char *fields = ms_xstrndup(rec, (size_t)(tab - rec));
  char *f[4] = {NULL};
  int n = 0;
  for (char *p = fields; n < 4 && p && *p;) {
    f[n++] = p;
    char *sp = strchr(p, ' ');
    if (sp) *sp++ = '\0';
    p = sp;
  }
  unsigned mode = f[0] ? (unsigned)strtoul(f[0], NULL, 8) : 0;
  bool regular = mode == 0100644 || mode == 0100755 || mode == 0100664;
  bool stage0 = oid_field != 1 || (f[2] && strcmp(f[2], "0") == 0);
  if (n > oid_field && regular && stage0 && strlen(f[oid_field]) < sizeof out->items[0].oid) {
    ms_git_entry e = {ms_xstrdup(tab + 1), {0}, mode, tag, false, false};
    memcpy(e.oid, f[oid_field], strlen(f[oid_field]) + 1);
    ms_array_push(out, e);
  }
  ms_free(fields);
}

static ms_status list(const ms_git *g, const char *const *args, int oid_field, bool tagged, ms_git_entries *out,
                      ms_error *err) {
  ms_strbuf buf = MS_STRBUF_INIT(MAX_LISTING);
  ms_status st = run_git(g, args, &buf, err);
  for (size_t off = 0; st == MS_OK && off < buf.len;) {
    const char *rec = buf.ptr + off;
    add_entry(out, rec, oid_field, tagged);
    off += strlen(rec) + 1;
  }
  ms_strbuf_dispose(&buf);
  return st;
}

ms_status ms_git_list_tree(const ms_git *self, const char *commit, ms_git_entries *out, ms_error *err) {
  const char *args[] = {"ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit, NULL};
  return list(self, args, 2, false, out, err);
}

ms_status ms_git_list_index(const ms_git *self, ms_git_entries *out, ms_error *err) {
  const char *args[] = {"ls-files", "-c", "-m", "-d", "-s", "-t", "-v", "-z", "--full-name", NULL};
  /* ls-files lists paths below the -C directory, the top level: the whole index. */
  return list(self, args, 1, true, out, err);
}

/* ---- which index entries the working tree holds ------------------------------------------ */

static int cmp_entry_path(const void *a, const void *b) {
  return strcmp((*(const ms_git_entry *const *)a)->path, (*(const ms_git_entry *const *)b)->path);
}

/* The entry with path in sorted (an array of n entry pointers sorted by path), or NULL. */
static ms_git_entry *find_entry(ms_git_entry **sorted, uint32_t n, const char *path) {
  ms_git_entry probe = {(char *)path, {0}, 0, 0, false, false}, *pp = &probe;
  ms_git_entry **hit = n ? bsearch(&pp, sorted, n, sizeof *sorted, cmp_entry_path) : NULL;
  return hit ? *hit : NULL;
}

/* Runs git with stdin from the file at input; stdout into out. */
static ms_status run_git_input(const ms_git *g, const char *const *args, const char *input, ms_strbuf *out,
                               ms_error *err) {
  const char *argv[MAX_ARGS];
  build_argv(argv, g, args);
  ms_spawn child = {-1, -1};
  ms_status st = ms_spawn_start(&child, argv, input);
  if (st < 0)
    return ms_error_set(err, st, NULL, 0, 0, st == MS_ENOTFOUND ? "git is not installed (or not on PATH)" : "cannot run git: %s",
                        strerror(errno));
  char buf[65536];
  for (;;) {
    ssize_t n = read(child.out_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (st == MS_OK && ms_strbuf_put(out, buf, (size_t)n) < 0)
      st = ms_error_set(err, MS_ETOOBIG, NULL, 0, 0, "git %s: output too large", args[0]);
  }
  int rc = ms_spawn_wait(&child);
  if (rc != 0 && st == MS_OK) st = ms_error_set(err, MS_ERR, NULL, 0, 0, "git %s failed (exit %d)", args[0], rc);
  return st;
}

/* Clears in_worktree on the marked entries that an attribute converts on checkout: their
 * working tree file is not the blob. `git check-attr -z --stdin` prints "<path>\0<attr>\0<value>\0"
 * per path and attribute. */
static ms_status unmark_converted(const ms_git *self, ms_git_entry **sorted, uint32_t n, const char *scratch_dir,
                                  ms_error *err) {
  char *input = ms_xasprintf("%s/.git", scratch_dir); /* a name no entry of the directory can have */
  ms_strbuf out = MS_STRBUF_INIT(MAX_LISTING);
  ms_status st = MS_OK;
  FILE *f = fopen(input, "wbx");
  if (f == NULL) {
    st = ms_error_set(err, MS_EIO, input, 0, 0, "cannot write: %s", strerror(errno));
    goto cleanup;
  }
  for (uint32_t i = 0; i < n; i++) fwrite(sorted[i]->path, 1, strlen(sorted[i]->path) + 1, f);
  if (fclose(f) != 0) {
    st = ms_error_set(err, MS_EIO, input, 0, 0, "cannot write: %s", strerror(errno));
    goto cleanup;
  }
  const char *args[] = {"check-attr", "-z", "--stdin", "filter", "ident", "working-tree-encoding", NULL};
  st = run_git_input(self, args, input, &out, err);
  for (size_t off = 0; st == MS_OK && off < out.len;) {
    const char *fields[3];
    for (int k = 0; k < 3; k++) {
      fields[k] = off < out.len ? out.ptr + off : "";
      off += strlen(fields[k]) + 1;
    }
    if (strcmp(fields[2], "unspecified") == 0 || strcmp(fields[2], "unset") == 0) continue;
    ms_git_entry *e = find_entry(sorted, n, fields[0]);
    if (e) e->in_worktree = false;
  }
cleanup:
  unlink(input);
  ms_free(input);
  ms_strbuf_dispose(&out);
  return st;
}

ms_status ms_git_mark_worktree(const ms_git *self, ms_git_entries *entries, const char *scratch_dir, ms_error *err) {
  ms_git_entry **sorted = ms_xmalloc(((size_t)entries->len + 1) * sizeof *sorted);
  uint32_t n = 0;
  for (uint32_t i = 0; i < entries->len; i++) {
    ms_git_entry *e = &entries->items[i];
    /* 'H': not assume-unchanged, skip-worktree or unmerged. */
    e->in_worktree = e->tag == 'H' && !e->changed;
    if (e->in_worktree) sorted[n++] = e;
  }
  if (n) qsort(sorted, n, sizeof *sorted, cmp_entry_path);
  ms_status st = n ? unmark_converted(self, sorted, n, scratch_dir, err) : MS_OK;
  if (st < 0)
    for (uint32_t i = 0; i < entries->len; i++) entries->items[i].in_worktree = false;
  ms_free(sorted);
  return st;
}

/* ---- materialising blobs ------------------------------------------------------------------- */

/* A repository path is safe to write below a directory when no component is empty, ".",
 * ".." or ".git" and it is not absolute. git refuses such tree entries; a crafted object
 * database must not make us write outside our directory either. */
static bool safe_path(const char *p) {
  if (p[0] == '\0' || p[0] == '/') return false;
  for (const char *c = p; *c;) {
    size_t n = strcspn(c, "/");
    if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.') ||
        (n == 4 && strncasecmp(c, ".git", 4) == 0))
      return false;
    c += n;
    if (*c == '/') c++;
  }
  return true;
}

/* Creates the parent directories of dir/path. */
static ms_status make_parents(const char *full, size_t dir_len) {
  char *p = ms_xstrdup(full);
  ms_status st = MS_OK;
  for (char *s = p + dir_len + 1; (s = strchr(s, '/')) != NULL; s++) {
    *s = '\0';
    if (mkdir(p, 0700) != 0 && errno != EEXIST) st = MS_EIO;
    *s = '/';
    if (st < 0) break;
  }
  ms_free(p);
  return st;
}

typedef struct reader {
  int fd;
  char buf[65536];
  size_t pos, len;
} reader;

static int reader_byte(reader *r) {
  if (r->pos == r->len) {
    ssize_t n;
    do n = read(r->fd, r->buf, sizeof r->buf);
    while (n < 0 && errno == EINTR);
    if (n <= 0) return -1;
    r->pos = 0;
    r->len = (size_t)n;
  }
  return (unsigned char)r->buf[r->pos++];
}

/* Copies n bytes from r to fd (fd < 0: discards them). */
static bool reader_copy(reader *r, uint64_t n, int fd) {
  while (n > 0) {
    if (r->pos == r->len) {
      if (reader_byte(r) < 0) return false;
      r->pos--; /* refilled: put the byte back */
    }
    size_t chunk = r->len - r->pos < n ? r->len - r->pos : (size_t)n;
    for (size_t done = 0; fd >= 0 && done < chunk;) {
      ssize_t w = write(fd, r->buf + r->pos + done, chunk - done);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return false;
      done += (size_t)w;
    }
    r->pos += chunk;
    n -= chunk;
  }
  return true;
}

ms_status ms_git_materialise(const ms_git *self, const ms_git_entries *entries, const char *dir, ms_error *err) {
  if (entries->len == 0) return MS_OK;
  for (uint32_t i = 0; i < entries->len; i++)
    if (!safe_path(entries->items[i].path))
      return ms_error_set(err, MS_EPARSE, NULL, 0, 0, "git lists an unsafe path '%s': refused", entries->items[i].path);
  /* The object ids go to `git cat-file --batch` through a file, not a pipe, so that writing
   * them can never block on git's unread output. Its name, ".git", is one no entry can have. */
  char *ids_path = ms_xasprintf("%s/.git", dir);
  ms_status st = MS_OK;
  ms_spawn child = {-1, -1};
  reader *r = NULL;
  FILE *ids = fopen(ids_path, "wbx");
  if (ids == NULL) {
    st = ms_error_set(err, MS_EIO, ids_path, 0, 0, "cannot write: %s", strerror(errno));
    goto cleanup;
  }
  for (uint32_t i = 0; i < entries->len; i++) fprintf(ids, "%s\n", entries->items[i].oid);
  if (fclose(ids) != 0) {
    st = ms_error_set(err, MS_EIO, ids_path, 0, 0, "cannot write: %s", strerror(errno));
    goto cleanup;
  }
  const char *args[] = {"cat-file", "--batch", NULL};
  const char *argv[MAX_ARGS];
  build_argv(argv, self, args);
  st = ms_spawn_start(&child, argv, ids_path);
  if (st < 0) {
    st = ms_error_set(err, st, NULL, 0, 0, st == MS_ENOTFOUND ? "git is not installed (or not on PATH)" : "cannot run git: %s",
                      strerror(errno));
    goto cleanup;
  }
  r = ms_xcalloc(1, sizeof *r);
  r->fd = child.out_fd;
  size_t dir_len = strlen(dir);
  for (uint32_t i = 0; i < entries->len && st == MS_OK; i++) {
    const ms_git_entry *e = &entries->items[i];
    char header[256];
    size_t hn = 0;
    int c;
    while ((c = reader_byte(r)) >= 0 && c != '\n' && hn + 1 < sizeof header) header[hn++] = (char)c;
    header[hn] = '\0';
    char *type = strchr(header, ' ');
    char *size = type ? strchr(type + 1, ' ') : NULL;
    if (c != '\n' || size == NULL || strncmp(type, " blob ", 6) != 0) {
      st = ms_error_set(err, MS_ERR, NULL, 0, 0, "git cat-file: object %s of '%s' is missing or not a blob", e->oid,
                        e->path);
      break;
    }
    uint64_t n = strtoull(size + 1, NULL, 10);
    char *full = ms_xasprintf("%s/%s", dir, e->path);
    int fd = -1;
    if (make_parents(full, dir_len) == MS_OK)
      fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (e->mode & 0111) ? 0700 : 0600);
    if (fd < 0) st = ms_error_set(err, MS_EIO, full, 0, 0, "cannot write: %s", strerror(errno));
    if (!reader_copy(r, n, fd) || reader_byte(r) != '\n') {
      if (st == MS_OK) st = ms_error_set(err, MS_EIO, full, 0, 0, "cannot write the content of '%s'", e->path);
    }
    if (fd >= 0 && close(fd) != 0 && st == MS_OK) st = ms_error_set(err, MS_EIO, full, 0, 0, "cannot write: %s", strerror(errno));
    ms_free(full);
  }

cleanup:
  if (child.pid > 0) {
    int rc = ms_spawn_wait(&child);
    if (rc != 0 && st == MS_OK) st = ms_error_set(err, MS_ERR, NULL, 0, 0, "git cat-file failed (exit %d)", rc);
  }
  ms_free(r);
  unlink(ids_path);
  ms_free(ids_path);
  return st;
}

/* ---- changes ------------------------------------------------------------------------------- */

void ms_git_changes_dispose(ms_git_changes *self) {
  for (uint32_t i = 0; i < self->len; i++) {
    ms_free(self->items[i].old_path);
    ms_free(self->items[i].path);
  }
  ms_array_free(self);
}

ms_status ms_git_changes_list(const ms_git *self, const char *commit, bool cached, ms_git_changes *out, ms_error *err) {
  ms_strbuf buf = MS_STRBUF_INIT(MAX_LISTING);
  const char *args[12];
  int n = 0;
  args[n++] = "diff";
  args[n++] = "--name-status";
  args[n++] = "-z";
  args[n++] = "-M";
  args[n++] = "--no-ext-diff";
  if (cached) args[n++] = "--cached";
  if (commit) args[n++] = commit;
  args[n++] = "--";
  args[n] = NULL;
  ms_status st = run_git(self, args, &buf, err);
  /* Records: "<status>\0<path>\0", renames and copies "<R|C><score>\0<old>\0<new>\0". */
  size_t off = 0;
  while (st == MS_OK && off < buf.len) {
    const char *status = buf.ptr + off;
    off += strlen(status) + 1;
    if (off >= buf.len) break;
    const char *a = buf.ptr + off;
    off += strlen(a) + 1;
    ms_git_change ch = {status[0], NULL, NULL};
    if (status[0] == 'R' || status[0] == 'C') {
      if (off >= buf.len) break;
      const char *b = buf.ptr + off;
      off += strlen(b) + 1;
      ch.old_path = ms_xstrdup(a);
      ch.path = ms_xstrdup(b);
    } else {
      ch.path = ms_xstrdup(a);
    }
    ms_array_push(out, ch);
  }
  if (st == MS_OK && !cached) {
    const char *uargs[] = {"ls-files", "-z", "--others", "--exclude-standard", "--full-name", NULL};
    ms_strbuf_clear(&buf);
    st = run_git(self, uargs, &buf, err);
    for (off = 0; st == MS_OK && off < buf.len;) {
      const char *p = buf.ptr + off;
      off += strlen(p) + 1;
      ms_array_push(out, ((ms_git_change){'?', NULL, ms_xstrdup(p)}));
    }
  }
  ms_strbuf_dispose(&buf);
  return st;
}

/* "@@ -a[,b] +c[,d] @@": the new side starts at c and spans d lines (1 when d is absent). */
void ms_git__parse_hunks(const char *diff, size_t len, ms_line_ranges *out) {
  const char *end = diff + len;
  for (const char *line = diff; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *stop = nl ? nl : end;
    if (stop - line > 4 && strncmp(line, "@@ -", 4) == 0) {
      const char *plus = memchr(line, '+', (size_t)(stop - line));
      if (plus) {
        char *e = NULL;
        unsigned long first = strtoul(plus + 1, &e, 10), count = 1;
        if (e && *e == ',') count = strtoul(e + 1, NULL, 10);
        if (count > 0 && first > 0 && first <= UINT32_MAX && count <= UINT32_MAX - first)
          ms_array_push(out, ((ms_line_range){(uint32_t)first, (uint32_t)(first + count - 1)}));
      }
    }
    line = stop + 1;
  }
}

ms_status ms_git_changed_lines(const ms_git *self, const char *commit, bool cached, const char *old_path,
                               const char *path, ms_line_ranges *out, ms_error *err) {
  ms_strbuf buf = MS_STRBUF_INIT(MAX_LISTING);
  const char *args[16];
  int n = 0;
  args[n++] = "diff";
  args[n++] = "-U0";
  args[n++] = "-M";
  args[n++] = "--no-color";
  args[n++] = "--no-ext-diff";
  args[n++] = "--no-textconv";
  if (cached) args[n++] = "--cached";
  if (commit) args[n++] = commit;
  args[n++] = "--";
  if (old_path) args[n++] = old_path;
  args[n++] = path;
  args[n] = NULL;
  ms_status st = run_git(self, args, &buf, err);
  if (st == MS_OK) ms_git__parse_hunks(buf.ptr ? buf.ptr : "", buf.len, out);
  ms_strbuf_dispose(&buf);
  return st;
}
