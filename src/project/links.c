/* Which scanned files form one project: the connected components of the graph of imports
 * between them (`from .app import mcp`, `import { app } from "./app.js"`). Resolution works on
 * the paths of the scanned files alone (the module names come from the facts; no file is
 * read): a relative JS specifier is tried as written, with TypeScript's extension mapping
 * (`./app.js` is `app.ts`), with each source extension and as a directory index; a Python module
 * is tried as `a/b.py` and `a/b/__init__.py`, relative imports from the importing file's
 * package, absolute ones from each directory above the file. */
#include "project/links.h"

#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_SEGMENTS 256

typedef struct path_index {
  const ms_file_result *files;
  uint32_t *order; /* file indices sorted by path */
  uint32_t n;
} path_index;

static int order_cmp(const void *a, const void *b, void *files) {
  const ms_file_result *f = files;
  return strcmp(f[*(const uint32_t *)a].path, f[*(const uint32_t *)b].path);
}

/* The scanned file at path, or -1. */
static int64_t find(const path_index *ix, const char *path) {
  uint32_t lo = 0, hi = ix->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(ix->files[ix->order[mid]].path, path);
    if (c == 0) return ix->order[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/* Normalises a '/'-separated path in place: drops "." and empty segments, folds "x/.." (keeps
 * leading ".." of a relative path), keeps a leading '/'. */
static void normalise(char *path) {
  char *seg[MAX_SEGMENTS];
  uint32_t n = 0;
  bool abs = path[0] == '/';
  for (char *save = NULL, *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
    if (strcmp(t, ".") == 0) continue;
    if (strcmp(t, "..") == 0 && n > 0 && strcmp(seg[n - 1], "..") != 0) {
      n--;
      continue;
    }
    if (strcmp(t, "..") == 0 && abs) continue;
    if (n < MAX_SEGMENTS) seg[n++] = t;
  }
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t i = 0; i < n; i++) {
    if (i > 0 || abs) ms_strbuf_putc(&b, '/');
    ms_strbuf_puts(&b, seg[i]);
  }
  memcpy(path, ms_strbuf_cstr(&b), b.len + 1); /* never longer than the input */
  ms_strbuf_dispose(&b);
}

/* dir + "/" + rest + suffix, normalised; caller frees. */
static char *candidate(const char *dir, const char *rest, const char *suffix) {
  char *c = ms_xasprintf("%s%s%s%s", dir, *dir ? "/" : "", rest, suffix);
  normalise(c);
  return c;
}

/* Tries each candidate; the first scanned file found, or -1. */
static int64_t try_all(const path_index *ix, const char *dir, const char *rest, const char *const *suffixes) {
  for (const char *const *s = suffixes; *s; s++) {
    char *c = candidate(dir, rest, *s);
    int64_t hit = find(ix, c);
    ms_free(c);
    if (hit >= 0) return hit;
  }
  return -1;
}

static int64_t resolve_js(const path_index *ix, const char *dir, const char *spec) {
  static const char *const as_is[] = {"", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", "/index.ts",
                                      "/index.tsx", "/index.js", "/index.mjs", "/index.cjs", NULL};
  static const struct { const char *js, *ts; } mapped[] = {
      {".js", ".ts"}, {".js", ".tsx"}, {".jsx", ".tsx"}, {".mjs", ".mts"}, {".cjs", ".cts"}};
  int64_t hit = try_all(ix, dir, spec, as_is);
  size_t l = strlen(spec);
  for (size_t i = 0; hit < 0 && i < sizeof mapped / sizeof mapped[0]; i++) {
    size_t el = strlen(mapped[i].js);
    if (l <= el || strcmp(spec + l - el, mapped[i].js) != 0) continue;
    char *stem = ms_xstrndup(spec, l - el);
    const char *suffix[] = {mapped[i].ts, NULL};
    hit = try_all(ix, dir, stem, suffix);
    ms_free(stem);
  }
  return hit;
}

/* The directory above dir ("" above a relative top level, NULL above the root). Owned. */
static char *parent(const char *dir) {
  if (*dir == '\0' || strcmp(dir, "/") == 0) return NULL;
  const char *slash = strrchr(dir, '/');
  if (slash == NULL) return ms_xstrdup("");
  if (slash == dir) return ms_xstrdup("/");
  return ms_xstrndup(dir, (size_t)(slash - dir));
}

static int64_t resolve_py(const path_index *ix, const char *dir, const char *name) {
  static const char *const suffixes[] = {".py", "/__init__.py", NULL};
  uint32_t dots = 0;
  while (name[dots] == '.') dots++;
  char *rest = ms_xstrdup(name + dots);
  for (char *c = rest; *c; c++)
    if (*c == '.') *c = '/';
  char *base = ms_xstrdup(dir);
  int64_t hit = -1;
  if (dots > 0) {
    for (uint32_t up = 1; up < dots && base; up++) {
      char *p = parent(base);
      ms_free(base);
      base = p;
    }
    if (base) hit = *rest ? try_all(ix, base, rest, suffixes) : try_all(ix, base, "__init__.py", (const char *const[]){"", NULL});
  } else {
    /* An absolute import is found from some directory on sys.path: try each one above the file. */
    while (base && hit < 0) {
      hit = try_all(ix, base, rest, suffixes);
      char *p = parent(base);
      ms_free(base);
      base = p;
    }
  }
  ms_free(base);
  ms_free(rest);
  return hit;
}

static uint32_t root_of(uint32_t *up, uint32_t i) {
  while (up[i] != i) {
    up[i] = up[up[i]];
    i = up[i];
  }
  return i;
}

static void join(uint32_t *up, uint32_t a, uint32_t b) {
  a = root_of(up, a);
  b = root_of(up, b);
  if (a < b) up[b] = a; /* the smallest index is the root: independent of visiting order */
  else if (b < a) up[a] = b;
}

void ms_project__components(const ms_file_result *files, uint32_t n, uint32_t *root) {
  path_index ix = {files, ms_xcalloc(n ? n : 1, sizeof(uint32_t)), n};
  for (uint32_t i = 0; i < n; i++) ix.order[i] = root[i] = i;
  qsort_r(ix.order, n, sizeof(uint32_t), order_cmp, (void *)files);
  for (uint32_t i = 0; i < n; i++) {
    const ms_file_result *f = &files[i];
    if (f->facts.modules.len == 0) continue;
    const char *slash = strrchr(f->path, '/');
    char *dir = slash ? ms_xstrndup(f->path, slash == f->path ? 1 : (size_t)(slash - f->path)) : ms_xstrdup("");
    for (uint32_t k = 0; k < f->facts.modules.len; k++) {
      const char *m = f->facts.modules.items[k];
      int64_t hit = f->lang == MS_LANG_PYTHON ? resolve_py(&ix, dir, m) : resolve_js(&ix, dir, m);
      if (hit >= 0) join(root, i, (uint32_t)hit);
    }
    ms_free(dir);
  }
  for (uint32_t i = 0; i < n; i++) root[i] = root_of(root, i);
  ms_free(ix.order);
}
