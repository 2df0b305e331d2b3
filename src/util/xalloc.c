/* The one place that calls the C allocator. Everything else uses ms_x* and ms_free. */
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ms_allocator current = {malloc, realloc, free};

void ms_set_allocator(const ms_allocator *a) {
  if (a == NULL) {
    current.malloc_fn = malloc;
    current.realloc_fn = realloc;
    current.free_fn = free;
  } else {
    current = *a;
  }
}

void ms_oom(size_t size) {
  fprintf(stderr, "mcp-sentinel: out of memory (allocating %zu bytes)\n", size);
  abort();
}

void *ms_xmalloc(size_t size) {
  void *p = current.malloc_fn(size ? size : 1);
  if (p == NULL) ms_oom(size);
  return p;
}

void *ms_xcalloc(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size) ms_oom(SIZE_MAX);
  void *p = ms_xmalloc(n * size);
  memset(p, 0, n * size);
  return p;
}

void *ms_xrealloc(void *ptr, size_t size) {
  void *p = current.realloc_fn(ptr, size ? size : 1);
  if (p == NULL) ms_oom(size);
  return p;
}

void *ms_xreallocarray(void *ptr, size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size) ms_oom(SIZE_MAX);
  return ms_xrealloc(ptr, n * size);
}

char *ms_xstrndup(const char *s, size_t n) {
  char *p = ms_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *ms_xstrdup(const char *s) { return ms_xstrndup(s, strlen(s)); }

char *ms_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) ms_oom(0);
  char *p = ms_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void ms_free(void *ptr) {
  if (ptr != NULL) current.free_fn(ptr);
}
