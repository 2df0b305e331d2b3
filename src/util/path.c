/* Path string helpers; see path.h. */
#include "util/path.h"

#include <fnmatch.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

char *ms_path_join(const char *dir, const char *name) {
  if (strcmp(dir, ".") == 0) return ms_xstrdup(name);
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') dl--;
  if (dl == 1 && dir[0] == '/') return ms_xasprintf("/%s", name);
  return ms_xasprintf("%.*s/%s", (int)dl, dir, name);
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

bool ms_path_glob_match(const char *pattern, const char *name) {
  return fnmatch(pattern, name, 0) == 0;
}
