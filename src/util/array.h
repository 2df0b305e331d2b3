/* A typed growable vector, in the style of tree-sitter's array.h:
 *   ms_array(int) a = MS_ARRAY_INIT;  ms_array_push(&a, 3);  ms_array_free(&a);
 * Growth is overflow-checked (through ms_xreallocarray); get() asserts its bound. */
#ifndef MS_UTIL_ARRAY_H
#define MS_UTIL_ARRAY_H

#include <assert.h>
#include <stdint.h>

#include "util/xalloc.h"

/// Declares an anonymous vector type of T.
#define ms_array(T) struct { T *items; uint32_t len, cap; }
/// Initialiser for an empty vector.
#define MS_ARRAY_INIT {NULL, 0, 0}
/// Makes room for at least n items in total.
#define ms_array_reserve(a, n) \
  ((n) > (a)->cap ? (void)((a)->items = ms_xreallocarray((a)->items, (a)->cap = ms_array__grow((a)->cap, (n)), sizeof(*(a)->items))) : (void)0)
/// Appends one item (by value).
#define ms_array_push(a, item) (ms_array_reserve((a), (a)->len + 1u), (a)->items[(a)->len++] = (item))
/// Pointer to item i, asserting i < len.
#define ms_array_get(a, i) (assert((uint32_t)(i) < (a)->len), &(a)->items[i])
/// Pointer to the last item.
#define ms_array_back(a) ms_array_get((a), (a)->len - 1u)
/// Forgets the items, keeps the storage.
#define ms_array_clear(a) ((a)->len = 0)
/// Releases the storage.
#define ms_array_free(a) (ms_free((a)->items), (a)->items = NULL, (a)->len = (a)->cap = 0)

static inline uint32_t ms_array__grow(uint32_t cap, uint32_t need) {
  uint64_t c = cap ? cap : 8;
  while (c < need) c *= 2;
  if (c > UINT32_MAX) c = UINT32_MAX;
  return (uint32_t)c;
}

#endif
