/* Single-literal search; see find.h. The filter is W. Muła's "SIMD-friendly algorithms for
 * substring searching" (first and last byte, then memcmp of the middle). */
#include "util/find.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *ms_find(const char *hay, size_t n, const char *needle, size_t len) {
  if (len == 0) return hay;
  if (len > n) return NULL;
  if (len == 1) return memchr(hay, needle[0], n);
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[len - 1]);
  /* Both loads stay inside hay: the last one ends at i + len - 1 + 16 <= n. */
  for (; i + len - 1 + 16 <= n; i += 16) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(hay + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(hay + i + len - 1));
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
    while (mask != 0) {
      unsigned bit = (unsigned)__builtin_ctz(mask);
      if (memcmp(hay + i + bit + 1, needle + 1, len - 2) == 0) return hay + i + bit;
      mask &= mask - 1;
    }
  }
#endif
  for (; i + len <= n; i++)
    if (hay[i] == needle[0] && hay[i + len - 1] == needle[len - 1] && memcmp(hay + i + 1, needle + 1, len - 2) == 0)
      return hay + i;
  return NULL;
}
