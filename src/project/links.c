/* Which scanned files form one project: the connected components of the graph of imports
 * between them (`from .app import mcp`, `import { app } from "./app.js"`). Resolution works on
 * the paths of the scanned files alone (the module names come from the facts; no file is
 * read): a relative JS specifier is tried as written, with TypeScript's extension mapping
 * (`./app.js` is `app.ts`), with each source extension and as a directory index; a Python module
 * is tried as `a/b.py` and `a/b/__init__.py`, relative imports from the importing file's
 * package, absolute ones from each directory above the file. */
#include "project/links.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "util/array.h"
#include "util/once.h"
#include "util/xalloc.h"

#define MAX_SEGMENTS 256

/* A set of names, open addressing; the names point into the paths. */
typedef struct name_set {
  const char **at;
  uint32_t *len;
  uint32_t mask;
} name_set;

/* The scanned Python modules by their last name, for absolute imports: every `x.py` under "x"
 * (and `x/__init__.py` under "__init__" too, as `import x.__init__` finds it), every
 * `x/__init__.py` under "x" as a package. The names point into the paths. */
typedef struct module_entry {
  uint32_t file;
  bool package;   /* the entry is x/__init__.py standing for the package x */
  int32_t next;   /* the next entry of the same name, or -1 */
} module_entry;

typedef struct module_index {
  name_set names; /* the module names */
  int32_t *first; /* per slot of names: its first entry, or -1 */
  ms_array(module_entry) entries;
} module_index;

typedef struct path_index {
  char **norm;     /* per file: its path normalised, as candidates are (`scan src/../src` keeps
                      the ".." in the scanned paths) */
  uint32_t *norm_len;
  char *text;      /* the normalised paths, one after the other */
  uint32_t *order; /* file indices sorted by normalised path */
  uint32_t n;
  uint32_t *slot;  /* hash table of the normalised paths: a file index + 1, or 0 (empty) */
  uint32_t *slot_hash;
  uint32_t mask;
  name_set names;  /* every segment of the paths, and the stem of every `x.py`: an absolute
                      Python import that the module index cannot take (an empty segment,
                      `a..b`) can only resolve when its first segment is one of them, and the
                      others (`os`, nearly all) skip the walk up every directory above the file.
                      Built by the first such import (a rare shape): 9 M instructions. */
  ms_once names_built;
  module_index modules;
} path_index;

static uint32_t name_hash(const char *s, uint32_t len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (uint32_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
  return h;
}

/* A hash of a whole path, eight bytes at a time: resolving imports looks up some 100,000
 * candidate paths in a big tree. */
static uint32_t path_hash(const char *s, size_t len) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  memcpy(&w, s + i, len - i);
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
  return (uint32_t)(h ^ h >> 32);
}

/* The slot of the name, or of the empty slot where it would go. */
static uint32_t name_slot(const name_set *ns, const char *s, uint32_t len) {
  uint32_t i = name_hash(s, len) & ns->mask;
  while (ns->at[i] && (ns->len[i] != len || memcmp(ns->at[i], s, len) != 0)) i = (i + 1) & ns->mask;
  return i;
}

/* Adds the name (kept when already there); returns its slot. */
static uint32_t name_add(name_set *ns, const char *s, uint32_t len) {
  uint32_t i = name_slot(ns, s, len);
  if (ns->at[i] == NULL) {
    ns->at[i] = s;
    ns->len[i] = len;
  }
  return i;
}

/* Table sizes: a power of two at least twice count (at most half full). */
static uint32_t table_size(size_t count) {
  uint32_t cap = 16;
  while (cap < 2 * count + 16) cap *= 2;
  return cap;
}

/* An empty set with room for count names; returns its size. */
static uint32_t names_alloc(name_set *ns, size_t count) {
  uint32_t cap = table_size(count);
  ns->at = ms_xcalloc(cap, sizeof(const char *));
  ns->len = ms_xcalloc(cap, sizeof(uint32_t));
  ns->mask = cap - 1;
  return cap;
}

static void names_dispose(name_set *ns) {
  ms_free(ns->at);
  ms_free(ns->len);
}

static void names_init(name_set *ns, char *const *paths, uint32_t n) {
  size_t segments = 0;
  for (uint32_t f = 0; f < n; f++)
    for (const char *p = paths[f]; *p; p++) segments += *p == '/';
  names_alloc(ns, segments + 2 * (size_t)n);
  for (uint32_t f = 0; f < n; f++) {
    for (const char *seg = paths[f]; *seg;) {
      const char *end = strchr(seg, '/');
      uint32_t len = (uint32_t)(end ? (size_t)(end - seg) : strlen(seg));
      if (len > 0) name_add(ns, seg, len);
      if (end == NULL && len > 3 && memcmp(seg + len - 3, ".py", 3) == 0) name_add(ns, seg, len - 3);
      seg = end ? end + 1 : seg + len;
    }
  }
}

static bool name_known(const name_set *ns, const char *s, uint32_t len) { return ns->at[name_slot(ns, s, len)] != NULL; }

static void module_add(module_index *mi, const char *s, uint32_t len, uint32_t file, bool package) {
  uint32_t i = name_add(&mi->names, s, len);
  module_entry e = {file, package, mi->first[i]};
  mi->first[i] = (int32_t)mi->entries.len;
  ms_array_push(&mi->entries, e);
}

static void modules_init(module_index *mi, char *const *paths, const uint32_t *lens, uint32_t n) {
  memset(mi, 0, sizeof *mi);
  uint32_t cap = names_alloc(&mi->names, 2 * (size_t)n);
  mi->first = ms_xcalloc(cap, sizeof(int32_t));
  for (uint32_t i = 0; i < cap; i++) mi->first[i] = -1; /* an empty slot has no entry */
  for (uint32_t f = 0; f < n; f++) {
    const char *p = paths[f];
    uint32_t len = lens[f];
    if (len < 4 || memcmp(p + len - 3, ".py", 3) != 0) continue;
    const char *slash = memrchr(p, '/', len), *stem = slash ? slash + 1 : p;
    uint32_t stem_len = (uint32_t)(p + len - 3 - stem);
    if (stem_len > 0) module_add(mi, stem, stem_len, f, false);
    if (slash == NULL || stem_len != 8 || memcmp(stem, "__init__", 8) != 0) continue;
    const char *dir = memrchr(p, '/', (size_t)(slash - p));
    dir = dir ? dir + 1 : p;
    if (slash > dir) module_add(mi, dir, (uint32_t)(slash - dir), f, true);
  }
}

static void modules_dispose(module_index *mi) {
  names_dispose(&mi->names);
  ms_free(mi->first);
  ms_array_free(&mi->entries);
}

static int order_cmp(const void *a, const void *b, void *norm) {
  char *const *p = norm;
  return strcmp(p[*(const uint32_t *)a], p[*(const uint32_t *)b]);
}

/* The scanned file at (normalised) path, or -1; of two files whose paths normalise alike, the
 * first. */
static int64_t find(const path_index *ix, const char *path) {
  size_t len = strlen(path);
  uint32_t h = path_hash(path, len);
  for (uint32_t i = h & ix->mask; ix->slot[i]; i = (i + 1) & ix->mask) {
    uint32_t f = ix->slot[i] - 1;
    if (ix->slot_hash[i] == h && strcmp(ix->norm[f], path) == 0) return f;
  }
  return -1;
}

static void index_init(path_index *ix, const ms_file_result *files, uint32_t n) {
  memset(ix, 0, sizeof *ix);
  ix->n = n;
  ix->norm = ms_xcalloc(n ? n : 1, sizeof(char *));
  ix->norm_len = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  ix->order = ms_xcalloc(n ? n : 1, sizeof(uint32_t));
  uint32_t cap = table_size(n);
  ix->slot = ms_xcalloc(cap, sizeof(uint32_t));
  ix->slot_hash = ms_xcalloc(cap, sizeof(uint32_t));
  ix->mask = cap - 1;
  size_t total = 1;
  for (uint32_t f = 0; f < n; f++) total += strlen(files[f].path) + 1;
  char *w = ix->text = ms_xmalloc(total);
  for (uint32_t f = 0; f < n; f++) {
    size_t raw = strlen(files[f].path);
    memcpy(w, files[f].path, raw + 1);
    ix->norm[f] = w;
    w += raw + 1;
    size_t len = ms_project__normalise(ix->norm[f], raw);
    ix->norm_len[f] = (uint32_t)len;
    ix->order[f] = f;
    uint32_t h = path_hash(ix->norm[f], len), i = h & ix->mask;
    while (ix->slot[i] && (ix->slot_hash[i] != h || strcmp(ix->norm[ix->slot[i] - 1], ix->norm[f]) != 0))
      i = (i + 1) & ix->mask;
    if (ix->slot[i] == 0) {
      ix->slot[i] = f + 1;
      ix->slot_hash[i] = h;
    }
  }
  /* The scan sorts its files by path, so the normalised paths are in order unless a root had
   * "." or ".." segments. */
  bool sorted = true;
  for (uint32_t f = 1; f < n && sorted; f++) sorted = strcmp(ix->norm[f - 1], ix->norm[f]) <= 0;
  if (!sorted) qsort_r(ix->order, n, sizeof(uint32_t), order_cmp, ix->norm);
  ms_once_init(&ix->names_built);
  modules_init(&ix->modules, ix->norm, ix->norm_len, n);
}

static void index_dispose(path_index *ix) {
  ms_free(ix->text);
  ms_free(ix->norm);
  ms_free(ix->order);
  ms_free(ix->slot);
  ms_free(ix->slot_hash);
  names_dispose(&ix->names);
  ms_once_dispose(&ix->names_built);
  ms_free(ix->norm_len);
  modules_dispose(&ix->modules);
}

/* Normalises a '/'-separated path of len bytes in place: drops "." and empty segments, folds
 * "x/.." (keeps leading ".." of a relative path), keeps a leading '/'. Returns the new length
 * (never more than len). No allocation and no strtok: resolving the imports of a 2,000-file
 * tree builds some 100,000 candidates, which made this the hot spot of a warm scan. */
size_t ms_project__normalise(char *path, size_t len) {
  uint32_t sep[MAX_SEGMENTS]; /* where each kept segment (with its leading '/') starts */
  bool dotdot[MAX_SEGMENTS];
  uint32_t n = 0;
  bool abs = len > 0 && path[0] == '/';
  size_t w = 0, r = 0;
  while (r < len) {
    while (r < len && path[r] == '/') r++;
    size_t s = r;
    while (r < len && path[r] != '/') r++;
    size_t sl = r - s;
    if (sl == 0 || (sl == 1 && path[s] == '.')) continue;
    bool dd = sl == 2 && path[s] == '.' && path[s + 1] == '.';
    if (dd && n > 0 && !dotdot[n - 1]) {
      w = sep[--n];
      continue;
    }
    if ((dd && abs) || n >= MAX_SEGMENTS) continue;
    sep[n] = (uint32_t)w;
    dotdot[n++] = dd;
    if (n > 1 || abs) path[w++] = '/';
    if (w != s) memmove(path + w, path + s, sl); /* nothing dropped so far: in place already */
    w += sl;
  }
  path[w] = '\0';
  return w;
}

/* A reusable buffer for candidate paths. */
typedef struct cand {
  char *buf;
  size_t cap;
} cand;

/* dir + "/" + rest[0..rest_len) + suffix, normalised, in c's buffer. When clean, dir is
 * normalised and rest and suffix have no empty, "." or ".." segment, so the joined path is too. */
static char *candidate(cand *c, const char *dir, const char *rest, size_t rest_len, const char *suffix, bool clean) {
  size_t dl = strlen(dir), sl = strlen(suffix), need = dl + 1 + rest_len + sl + 1;
  if (need > c->cap) {
    c->cap = need * 2;
    c->buf = ms_xrealloc(c->buf, c->cap);
  }
  size_t n = 0;
  memcpy(c->buf, dir, dl);
  n += dl;
  if (dl && !(clean && dl == 1 && dir[0] == '/')) c->buf[n++] = '/';
  memcpy(c->buf + n, rest, rest_len);
  n += rest_len;
  memcpy(c->buf + n, suffix, sl);
  n += sl;
  c->buf[n] = '\0';
  if (!clean) ms_project__normalise(c->buf, n);
  return c->buf;
}

/* Tries each candidate; the first scanned file found, or -1. */
static int64_t try_all(const path_index *ix, cand *c, const char *dir, const char *rest, size_t rest_len,
                       const char *const *suffixes, bool clean) {
  for (const char *const *s = suffixes; *s; s++) {
    int64_t hit = find(ix, candidate(c, dir, rest, rest_len, *s, clean));
    if (hit >= 0) return hit;
  }
  return -1;
}

/* Whether some scanned path starts with the n bytes of p: such paths form one run of the
 * sorted order, from where p would be inserted. */
static bool any_with_prefix(const path_index *ix, const char *p, size_t n) {
  uint32_t lo = 0, hi = ix->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (strcmp(ix->norm[ix->order[mid]], p) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < ix->n && strncmp(ix->norm[ix->order[lo]], p, n) == 0;
}

/* The scanned file at c's first len bytes + suffix, or -1; c's buffer is left at len bytes. */
static int64_t find_with(const path_index *ix, cand *c, size_t len, const char *suffix) {
  memcpy(c->buf + len, suffix, strlen(suffix) + 1);
  int64_t hit = find(ix, c->buf);
  c->buf[len] = '\0';
  return hit;
}

static int64_t resolve_js(const path_index *ix, cand *c, const char *dir, const char *spec) {
  static const char *const as_is[] = {"", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", "/index.ts",
                                      "/index.tsx", "/index.js", "/index.mjs", "/index.cjs", NULL};
  static const struct { const char *js, *ts; } mapped[] = {
      {".js", ".ts"}, {".js", ".tsx"}, {".jsx", ".tsx"}, {".mjs", ".mts"}, {".cjs", ".cts"}};
  size_t l = strlen(spec), dl = strlen(dir);
  const char *last = strrchr(spec, '/');
  last = last ? last + 1 : spec;
  if (*last == '\0' || strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || dl + l > 400) {
    /* The general way; the shortcut below needs a plain last segment and few enough
     * segments that normalise keeps them all. */
    int64_t hit = try_all(ix, c, dir, spec, l, as_is, false);
    for (size_t i = 0; hit < 0 && i < sizeof mapped / sizeof mapped[0]; i++) {
      size_t el = strlen(mapped[i].js);
      if (l <= el || strcmp(spec + l - el, mapped[i].js) != 0) continue;
      const char *suffix[] = {mapped[i].ts, NULL};
      hit = try_all(ix, c, dir, spec, l - el, suffix, false); /* the stem with the TypeScript extension */
    }
    return hit;
  }
  /* Every candidate is then N = normalise(dir/spec) plus a suffix, or N without its extension
   * plus the TypeScript one: N is normalised once, and a group of candidates is skipped when
   * no scanned path starts with its prefix (a bare or outside specifier: nearly all of them).
   * The same candidates in the same order as the general way. */
  candidate(c, dir, spec, l, "/index.tsx", true); /* room for the longest suffix */
  size_t n = strlen(candidate(c, dir, spec, l, "", false));
  if (any_with_prefix(ix, c->buf, n))
    for (const char *const *s = as_is; *s; s++) {
      int64_t hit = find_with(ix, c, n, *s);
      if (hit >= 0) return hit;
    }
  for (size_t i = 0; i < sizeof mapped / sizeof mapped[0]; i++) {
    size_t el = strlen(mapped[i].js);
    if (l <= el || strcmp(spec + l - el, mapped[i].js) != 0) continue;
    c->buf[n - el] = '\0'; /* N ends with the spec's last segment, so with its extension */
    int64_t hit = any_with_prefix(ix, c->buf, n - el) ? find_with(ix, c, n - el, mapped[i].ts) : -1;
    memcpy(c->buf + n - el, mapped[i].js, el + 1);
    if (hit >= 0) return hit;
  }
  return -1;
}

/* Makes dir the directory above it ("" above a relative top level); false above the root. */
static bool up_one(char *dir) {
  if (*dir == '\0' || strcmp(dir, "/") == 0) return false;
  char *slash = strrchr(dir, '/');
  if (slash == NULL) dir[0] = '\0';
  else if (slash == dir) dir[1] = '\0';
  else *slash = '\0';
  return true;
}

/* Where an absolute import of rest (a clean module path, `a/b/c`) from the files of dir resolves:
 * the first of dir/a/b/c.py, dir/a/b/c/__init__.py, then the same in each directory above
 * dir, that was scanned; -1 when none was. Found from the modules named "c" (a few) instead
 * of building both paths in every directory up to the root. */
static int64_t find_absolute(const path_index *ix, const char *dir, const char *rest, size_t rest_len) {
  const module_index *mi = &ix->modules;
  const char *last = memrchr(rest, '/', rest_len);
  last = last ? last + 1 : rest;
  size_t dir_len = strlen(dir);
  bool dir_abs = dir[0] == '/';
  int64_t best = -1;
  size_t best_base = 0;
  bool best_package = true;
  uint32_t slot = name_slot(&mi->names, last, (uint32_t)(rest + rest_len - last));
  for (int32_t e = mi->first[slot]; e >= 0; e = mi->entries.items[e].next) {
    const module_entry *m = &mi->entries.items[e];
    const char *p = ix->norm[m->file];
    size_t len = ix->norm_len[m->file], suffix = m->package ? 12 : 3; /* "/__init__.py", ".py" */
    if (len < rest_len + suffix || memcmp(p + len - suffix - rest_len, rest, rest_len) != 0) continue;
    size_t before = len - suffix - rest_len; /* the directory, and the '/' joining it, if any */
    bool ok;
    if (before == 0) ok = !dir_abs; /* relative: "" is above every relative directory */
    else if (p[before - 1] != '/') ok = false;
    else if (before == 1) ok = dir_abs; /* the root */
    else ok = dir_len >= before - 1 && memcmp(dir, p, before - 1) == 0 && (dir_len == before - 1 || dir[before - 1] == '/');
    if (!ok) continue;
    size_t base = before ? before - 1 : 0; /* a longer directory is a nearer one */
    if (best < 0 || base > best_base || (base == best_base && (best_package > m->package ||
                                                               (best_package == m->package && m->file < best)))) {
      best = m->file;
      best_base = base;
      best_package = m->package;
    }
  }
  return best;
}

static void build_names(void *p) {
  path_index *ix = p;
  names_init(&ix->names, ix->norm, ix->n);
}

/* The set of path segments and module stems, built by the first thread that asks. */
static const name_set *path_names(const path_index *ix) {
  ms_once_run(&ix->names_built, build_names, (void *)ix);
  return &ix->names;
}

static int64_t resolve_py(const path_index *ix, cand *c, const char *dir, const char *name) {
  static const char *const suffixes[] = {".py", "/__init__.py", NULL};
  static const char *const none[] = {"", NULL};
  uint32_t dots = 0;
  while (name[dots] == '.') dots++;
  char *rest = ms_xstrdup(name + dots);
  size_t rest_len = strlen(rest);
  for (char *p = rest; *p; p++)
    if (*p == '.') *p = '/';
  /* The dotted name gives no "." or ".." segment, only empty ones (`a..b`): normalise then. */
  bool clean = rest[0] != '/' && (rest_len == 0 || rest[rest_len - 1] != '/') && strstr(rest, "//") == NULL;
  char *base = ms_xstrdup(dir);
  bool have = true;
  int64_t hit = -1;
  if (dots > 0) {
    for (uint32_t up = 1; up < dots && have; up++) have = up_one(base);
    if (have)
      hit = rest_len ? try_all(ix, c, base, rest, rest_len, suffixes, clean) : try_all(ix, c, base, "__init__.py", 11, none, true);
  } else if (rest_len > 0 && clean) {
    hit = find_absolute(ix, dir, rest, rest_len);
  } else if (rest_len == 0 || name_known(path_names(ix), rest, (uint32_t)strcspn(rest, "/"))) {
    /* An absolute import is found from some directory on sys.path: try each one above the file. */
    while (have && hit < 0) {
      hit = try_all(ix, c, base, rest, rest_len, suffixes, clean);
      have = up_one(base);
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

/* An import resolved: the file from, and the file it imports. */
typedef struct edge {
  uint32_t from, to;
} edge;

/* One thread's share of the resolution: it takes files in chunks from a shared counter (the
 * files of a big package import far more than others) and keeps the edges it finds. */
typedef struct resolver {
  const path_index *ix;
  const ms_file_result *files;
  uint32_t n;
  uint32_t *next; /* the next file to take, shared; atomically */
  ms_array(edge) edges;
} resolver;

#define RESOLVE_CHUNK 32u
#define PARALLEL_MIN_FILES 256u /* fewer files are resolved on the calling thread alone */
#define MAX_RESOLVERS 64u

static void *resolve_some(void *p) {
  resolver *r = p;
  cand c = {NULL, 0};
  for (;;) {
    uint32_t first = __atomic_fetch_add(r->next, RESOLVE_CHUNK, __ATOMIC_RELAXED);
    if (first >= r->n) break;
    uint32_t end = r->n - first > RESOLVE_CHUNK ? first + RESOLVE_CHUNK : r->n;
    for (uint32_t i = first; i < end; i++) {
      const ms_file_result *f = &r->files[i];
      if (f->facts.modules.len == 0) continue;
      /* The directory of the normalised path: candidates built on it are normalised too. */
      const char *path = r->ix->norm[i], *slash = strrchr(path, '/');
      char *dir = slash ? ms_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : ms_xstrdup("");
      for (uint32_t k = 0; k < f->facts.modules.len; k++) {
        const char *m = f->facts.modules.items[k];
        int64_t hit = f->lang == MS_LANG_PYTHON ? resolve_py(r->ix, &c, dir, m) : resolve_js(r->ix, &c, dir, m);
        if (hit >= 0) ms_array_push(&r->edges, ((edge){i, (uint32_t)hit}));
      }
      ms_free(dir);
    }
  }
  ms_free(c.buf);
  return NULL;
}

void ms_project__components(const ms_file_result *files, uint32_t n, uint32_t jobs, uint32_t *root) {
  path_index ix;
  index_init(&ix, files, n);
  /* The index is read-only from here: the imports are resolved on up to jobs threads (this
   * one among them), and the components joined from their edges, in any order (a component's
   * root is its smallest index). */
  uint32_t next = 0, nres = n < PARALLEL_MIN_FILES || jobs < 1 ? 1 : jobs > MAX_RESOLVERS ? MAX_RESOLVERS : jobs;
  resolver *res = ms_xcalloc(nres, sizeof *res);
  pthread_t threads[MAX_RESOLVERS];
  uint32_t started = 0;
  for (uint32_t t = 0; t < nres; t++) res[t] = (resolver){&ix, files, n, &next, MS_ARRAY_INIT};
  while (started + 1 < nres && pthread_create(&threads[started], NULL, resolve_some, &res[started + 1]) == 0) started++;
  resolve_some(&res[0]); /* also finishes what threads that could not start would have taken */
  for (uint32_t t = 0; t < started; t++) pthread_join(threads[t], NULL);
  for (uint32_t i = 0; i < n; i++) root[i] = i;
  for (uint32_t t = 0; t < nres; t++) {
    for (uint32_t k = 0; k < res[t].edges.len; k++) join(root, res[t].edges.items[k].from, res[t].edges.items[k].to);
    ms_array_free(&res[t].edges);
  }
  for (uint32_t i = 0; i < n; i++) root[i] = root_of(root, i);
  ms_free(res);
  index_dispose(&ix);
}
