/* Ignore files with git's rules (see ignore.h and docs/configuration.md). Reading is bounded:
 * an ignore file larger than MAX_IGNORE_FILE is read up to that size. */
#include "core/ignore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/path.h"
#include "util/strbuf.h"
#include "util/wildmatch.h"
#include "util/xalloc.h"

#define MAX_IGNORE_FILE (1u << 20)
#define MAX_PATTERN 4096

struct ms_ignore_frame {
  ms_ignore_frame *parent; /* owned reference */
  ms_ignore_list list;
  size_t refs;             /* atomic */
};

/* ---- one file's patterns ------------------------------------------------------------------ */

static void add_line(ms_ignore_list *self, const char *source, uint32_t lineno, const char *s, size_t n) {
  if (n == 0 || s[0] == '#' || n > MAX_PATTERN) return;
  /* Trailing spaces go unless escaped with a backslash. */
  while (n > 0 && s[n - 1] == ' ' && !(n >= 2 && s[n - 2] == '\\')) n--;
  if (n == 0) return;
  ms_ignore_pattern p = {0};
  if (s[0] == '!') {
    p.negated = true;
    s++, n--;
  }
  if (n > 0 && s[n - 1] == '/') {
    p.dir_only = true;
    n--;
  }
  if (n == 0) return;
  p.anchored = memchr(s, '/', n) != NULL;
  if (s[0] == '/') s++, n--;
  if (n == 0) return;
  p.pattern = ms_xstrndup(s, n);
  p.source = ms_xstrdup(source);
  p.line = lineno;
  ms_array_push(&self->pats, p);
}

void ms_ignore_list_parse(ms_ignore_list *self, const char *source, const char *text, size_t len) {
  uint32_t lineno = 0;
  size_t i = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len) {
    size_t e = i;
    while (e < len && text[e] != '\n') e++;
    size_t n = e - i;
    if (n > 0 && text[i + n - 1] == '\r') n--;
    lineno++;
    add_line(self, source, lineno, text + i, n);
    i = e + 1;
  }
}

const ms_ignore_pattern *ms_ignore_list_match(const ms_ignore_list *self, const char *rel, bool is_dir) {
  const char *base = ms_path_basename(rel);
  for (uint32_t i = self->pats.len; i-- > 0;) {
    const ms_ignore_pattern *p = &self->pats.items[i];
    if (p->dir_only && !is_dir) continue;
    if (ms_wildmatch(p->pattern, p->anchored ? rel : base)) return p;
  }
  return NULL;
}

bool ms_ignore_path_matches(const char *pattern, const char *rel) {
  ms_ignore_list l = {MS_ARRAY_INIT, NULL};
  ms_ignore_list_parse(&l, "", pattern, strlen(pattern));
  bool hit = false;
  char *prefix = ms_xstrdup(rel);
  /* The path itself, then each directory above it. */
  char *end = prefix + strlen(prefix);
  bool is_dir = false;
  for (;;) {
    const ms_ignore_pattern *p = ms_ignore_list_match(&l, prefix, is_dir);
    hit = p != NULL && !p->negated;
    while (end > prefix && *end != '/') end--;
    if (hit || end == prefix) break;
    *end = '\0';
    is_dir = true;
  }
  ms_free(prefix);
  ms_ignore_list_dispose(&l);
  return hit;
}

void ms_ignore_list_dispose(ms_ignore_list *self) {
  for (uint32_t i = 0; i < self->pats.len; i++) {
    ms_free(self->pats.items[i].pattern);
    ms_free(self->pats.items[i].source);
  }
  ms_array_free(&self->pats);
  ms_free(self->base);
  self->base = NULL;
}

/* ---- frames ------------------------------------------------------------------------------- */

/* Reads path whole (at most MAX_IGNORE_FILE bytes) and parses it; false when there is none. */
static bool load_file(ms_ignore_list *list, const char *path, const char *source) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct stat sb;
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    close(fd);
    return false;
  }
  ms_strbuf b = MS_STRBUF_INIT(MAX_IGNORE_FILE);
  char chunk[8192];
  for (;;) {
    ssize_t r = read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0 || ms_strbuf_put(&b, chunk, (size_t)r) < 0) break;
  }
  close(fd);
  ms_ignore_list_parse(list, source, b.ptr ? b.ptr : "", b.len);
  ms_strbuf_dispose(&b);
  return true;
}

/* Moves src's patterns to the end of dst. */
static void move_patterns(ms_ignore_list *dst, ms_ignore_list *src) {
  for (uint32_t k = 0; k < src->pats.len; k++) ms_array_push(&dst->pats, src->pats.items[k]);
  ms_array_free(&src->pats);
}

static ms_ignore_frame *frame_new(ms_ignore_frame *parent, const char *rel) {
  ms_ignore_frame *f = ms_xcalloc(1, sizeof *f);
  f->parent = parent;
  f->list.base = ms_xstrdup(rel);
  f->refs = 1;
  return f;
}

ms_ignore_frame *ms_ignore_frame_enter(ms_ignore_frame *parent, const char *dir_path, const char *rel, bool in_repo) {
  static const char *const names[] = {".gitignore", ".mcp-sentinelignore"};
  ms_ignore_frame *f = NULL;
  for (int i = in_repo ? 0 : 1; i < 2; i++) {
    char *path = ms_path_join(dir_path, names[i]);
    char *source = rel[0] ? ms_xasprintf("%s/%s", rel, names[i]) : ms_xstrdup(names[i]);
    ms_ignore_list tmp = {MS_ARRAY_INIT, NULL};
    if (load_file(&tmp, path, source) && tmp.pats.len > 0) {
      if (f == NULL) f = frame_new(ms_ignore_frame_ref(parent), rel);
      move_patterns(&f->list, &tmp);
    }
    ms_ignore_list_dispose(&tmp);
    ms_free(source);
    ms_free(path);
  }
  return f ? f : ms_ignore_frame_ref(parent);
}

ms_ignore_frame *ms_ignore_frame_ref(ms_ignore_frame *self) {
  if (self) __atomic_add_fetch(&self->refs, 1, __ATOMIC_RELAXED);
  return self;
}

void ms_ignore_frame_unref(ms_ignore_frame *self) {
  while (self && __atomic_sub_fetch(&self->refs, 1, __ATOMIC_ACQ_REL) == 0) {
    ms_ignore_frame *parent = self->parent;
    ms_ignore_list_dispose(&self->list);
    ms_free(self);
    self = parent;
  }
}

const ms_ignore_pattern *ms_ignore_check(const ms_ignore_frame *self, const char *rel, bool is_dir) {
  for (const ms_ignore_frame *f = self; f; f = f->parent) {
    const char *base = f->list.base, *sub = rel;
    size_t bl = strlen(base);
    if (bl) {
      if (strncmp(rel, base, bl) != 0 || rel[bl] != '/') continue;
      sub = rel + bl + 1;
    }
    const ms_ignore_pattern *p = ms_ignore_list_match(&f->list, sub, is_dir);
    if (p) return p->negated ? NULL : p;
  }
  return NULL;
}

/* ---- the top of a scan root --------------------------------------------------------------- */

/* The git directory's info/exclude, following a `.git` file ("gitdir: X") and a worktree's
 * commondir. Caller frees. */
static char *info_exclude_path(const char *top) {
  char *dotgit = ms_path_join(top, ".git");
  struct stat sb;
  char *gitdir = NULL, *result = NULL;
  if (stat(dotgit, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    gitdir = dotgit;
    dotgit = NULL;
  } else {
    FILE *fp = fopen(dotgit, "r");
    char line[4096];
    if (fp && fgets(line, sizeof line, fp) && strncmp(line, "gitdir:", 7) == 0) {
      char *v = line + 7;
      while (*v == ' ') v++;
      v[strcspn(v, "\r\n")] = '\0';
      gitdir = v[0] == '/' ? ms_xstrdup(v) : ms_path_join(top, v);
    }
    if (fp) fclose(fp);
  }
  if (gitdir) {
    char *commondir_file = ms_path_join(gitdir, "commondir");
    FILE *fp = fopen(commondir_file, "r");
    char line[4096];
    char *common = NULL;
    if (fp && fgets(line, sizeof line, fp)) {
      line[strcspn(line, "\r\n")] = '\0';
      if (line[0]) common = line[0] == '/' ? ms_xstrdup(line) : ms_path_join(gitdir, line);
    }
    if (fp) fclose(fp);
    result = ms_path_join(common ? common : gitdir, "info/exclude");
    ms_free(common);
    ms_free(commondir_file);
  }
  ms_free(gitdir);
  ms_free(dotgit);
  return result;
}

void ms_ignore_root_init(ms_ignore_root *out, const char *root_real) {
  memset(out, 0, sizeof *out);
  char *top = ms_xstrdup(root_real);
  for (;;) {
    char *dotgit = ms_path_join(top, ".git");
    bool found = access(dotgit, F_OK) == 0;
    ms_free(dotgit);
    if (found) {
      out->in_repo = true;
      break;
    }
    char *slash = strrchr(top, '/');
    if (slash == NULL || slash == top) break;
    *slash = '\0';
  }
  if (!out->in_repo) {
    ms_free(top);
    out->rel = ms_xstrdup("");
    return;
  }
  size_t tl = strlen(top);
  out->rel = ms_xstrdup(root_real[tl] == '/' ? root_real + tl + 1 : "");
  char *exclude = info_exclude_path(top);
  ms_ignore_frame *f = NULL;
  if (exclude) {
    ms_ignore_list tmp = {MS_ARRAY_INIT, NULL};
    if (load_file(&tmp, exclude, ".git/info/exclude") && tmp.pats.len) {
      f = frame_new(NULL, "");
      move_patterns(&f->list, &tmp);
    }
    ms_ignore_list_dispose(&tmp);
    ms_free(exclude);
  }
  /* The directories from the top down to the root's parent. */
  ms_strbuf dir = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_strbuf_puts(&dir, top);
  const char *rel = out->rel;
  size_t done = 0;
  if (rel[0]) {
    for (;;) {
      const char *slash = strchr(rel + done, '/');
      char *here = ms_xstrndup(rel, done ? done - 1 : 0);
      ms_ignore_frame *next = ms_ignore_frame_enter(f, ms_strbuf_cstr(&dir), here, true);
      ms_ignore_frame_unref(f);
      f = next;
      ms_free(here);
      if (slash == NULL) break;
      size_t seg = (size_t)(slash - (rel + done));
      ms_strbuf_putc(&dir, '/');
      ms_strbuf_put(&dir, rel + done, seg);
      done += seg + 1;
    }
  }
  ms_strbuf_dispose(&dir);
  out->parent = f;
  ms_free(top);
}

void ms_ignore_root_dispose(ms_ignore_root *self) {
  ms_ignore_frame_unref(self->parent);
  ms_free(self->rel);
  memset(self, 0, sizeof *self);
}
