/* Allocation that never returns NULL: out of memory aborts with a message (a CLI has no
 * better recovery, and it removes the least-tested branch from every call site). The
 * allocator is swappable so tests can count or fail allocations. */
#ifndef MS_UTIL_XALLOC_H
#define MS_UTIL_XALLOC_H

#include <stddef.h>

typedef struct ms_allocator {
  void *(*malloc_fn)(size_t size);
  void *(*realloc_fn)(void *ptr, size_t size);
  void (*free_fn)(void *ptr);
} ms_allocator;

/** Replace the allocator (NULL restores libc's). Call before any thread starts. */
void ms_set_allocator(const ms_allocator *a);

void *ms_xmalloc(size_t size);
void *ms_xcalloc(size_t n, size_t size);
void *ms_xrealloc(void *ptr, size_t size);
/** realloc to n * size bytes, aborting on multiplication overflow. */
void *ms_xreallocarray(void *ptr, size_t n, size_t size);
char *ms_xstrdup(const char *s);
char *ms_xstrndup(const char *s, size_t n);
/** printf into a freshly allocated string (caller frees with ms_free). */
char *ms_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ms_free(void *ptr);
/** Reports that size bytes could not be allocated and aborts (for memory from elsewhere). */
_Noreturn void ms_oom(size_t size);

#endif
