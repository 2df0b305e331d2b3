/* Path string helpers; see path.h. */
#include "util/path.h"

#include <fnmatch.h>
#include <stdint.h>
#include <string.h>

#include "util/array.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

char *ms_path_join(const char *dir, const char *name) {
  if (strcmp(dir, ".") == 0) return ms_xstrdup(name);
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') dl--;
  if (dl == 1 && dir[0] == '/') dl = 0; /* "/" + name */
  size_t nl = strlen(name);
  char *out = ms_xmalloc(dl + nl + 2); /* the walker joins every entry it lists: no printf */
  memcpy(out, dir, dl);
  out[dl] = '/';
  memcpy(out + dl + 1, name, nl + 1);
  return out;
}

char *ms_path_display(const char *path) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  const char *p = path;
  while (p[0] == '.' && p[1] == '/') {
    p += 2;
    while (*p == '/') p++;
  }
  for (; *p; p++) {
    if (*p == '/' && b.len > 0 && b.ptr[b.len - 1] == '/') continue;
    ms_strbuf_putc(&b, *p);
  }
  while (b.len > 1 && b.ptr[b.len - 1] == '/') b.ptr[--b.len] = '\0';
  if (b.len == 0) ms_strbuf_putc(&b, '.');
  return ms_strbuf_detach(&b);
}

const char *ms_path_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool ms_path_is_within(const char *path, const char *dir) {
  size_t dl = strlen(dir);
  if (dl == 1 && dir[0] == '/') return path[0] == '/';
  return strncmp(path, dir, dl) == 0 && (path[dl] == '\0' || path[dl] == '/');
}

/* fnmatch(3) with no flags for a pattern whose only special character is '*' (each star
 * matches any run of bytes, '/' and a leading '.' included): the greedy match with one
 * backtrack point, the last star, is exact for such patterns. */
static bool stars_match(const char *p, const char *s) {
  const char *star = NULL, *resume = NULL;
  while (*s) {
    if (*p == '*') {
      star = ++p;
      resume = s;
    } else if (*p == *s) {
      p++;
      s++;
    } else if (star) {
      p = star;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (*p == '*') p++;
  return *p == '\0';
}

bool ms_path_glob_match(const char *pattern, const char *name) {
  /* Test-path and exclude checks run per file: the common star-only globs skip fnmatch. */
  if (pattern[strcspn(pattern, "?[\\")] == '\0') return stars_match(pattern, name);
  return fnmatch(pattern, name, 0) == 0;
}

char *ms_path_normalize(const char *path) {
  bool absolute = path[0] == '/';
  ms_array(const char *) parts = MS_ARRAY_INIT;
  ms_array(size_t) lens = MS_ARRAY_INIT;
  for (const char *c = path; *c;) {
    size_t n = strcspn(c, "/");
    if (n == 2 && c[0] == '.' && c[1] == '.') {
      bool up = parts.len > 0 && !(lens.items[lens.len - 1] == 2 && strncmp(parts.items[parts.len - 1], "..", 2) == 0);
      if (up) {
        parts.len--;
        lens.len--;
      } else if (!absolute) {
        ms_array_push(&parts, c);
        ms_array_push(&lens, n);
      }
    } else if (n > 0 && !(n == 1 && c[0] == '.')) {
      ms_array_push(&parts, c);
      ms_array_push(&lens, n);
    }
    c += n;
    while (*c == '/') c++;
  }
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  if (absolute) ms_strbuf_putc(&b, '/');
  for (uint32_t i = 0; i < parts.len; i++) {
    if (i) ms_strbuf_putc(&b, '/');
    ms_strbuf_put(&b, parts.items[i], lens.items[i]);
  }
  if (b.len == 0) ms_strbuf_putc(&b, '.');
  ms_array_free(&parts);
  ms_array_free(&lens);
  return ms_strbuf_detach(&b);
}

char *ms_path_relative(const char *path, const char *base) {
  if (ms_path_is_within(path, base)) {
    size_t bl = strlen(base);
    if (bl == 1) return ms_xstrdup(path[1] ? path + 1 : ".");
    return ms_xstrdup(path[bl] ? path + bl + 1 : ".");
  }
  /* Climb from base to the longest common directory, then descend to path. */
  size_t common = 0, i = 0;
  for (; path[i] && path[i] == base[i]; i++)
    if (path[i] == '/') common = i;
  if (path[i] == '\0' && base[i] == '/') common = i; /* path is an ancestor of base */
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (const char *c = base + common; *c; c++)
    if (*c == '/') ms_strbuf_puts(&b, b.len ? "/.." : "..");
  if (path[common] && path[common + 1]) {
    if (b.len) ms_strbuf_putc(&b, '/');
    ms_strbuf_puts(&b, path + common + 1);
  }
  return ms_strbuf_detach(&b);
}
