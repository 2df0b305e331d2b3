/* SHA-256 block function on the x86 SHA extensions (SHA-NI), about 5x the portable one: the
 * cache hashes every file on every scan, and on a warm scan hashing is most of the work.
 * Chosen at run time (sha256.c) only when the CPU has SHA, SSSE3 and SSE4.1. The structure
 * follows Intel's published sequence (msg1/msg2 message schedule, two rnds2 per 4 rounds). */
#include "util/sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

bool ms_sha256__have_shani(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  bool ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return ssse3 && sse41 && ((b >> 29) & 1);
}

__attribute__((target("sha,ssse3,sse4.1"))) void ms_sha256__compress_shani(uint32_t h[8], const uint8_t *p,
                                                                             size_t blocks) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i tmp = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
  __m128i s1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
  tmp = _mm_shuffle_epi32(tmp, 0xB1);          /* CDAB */
  s1 = _mm_shuffle_epi32(s1, 0x1B);            /* EFGH */
  __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);    /* ABEF */
  s1 = _mm_blend_epi16(s1, tmp, 0xF0);         /* CDGH */
  for (; blocks > 0; blocks--, p += 64) {
    __m128i abef = s0, cdgh = s1, w[4];
    for (int g = 0; g < 16; g++) {
      if (g < 4) w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * g)), mask);
      __m128i msg = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)(const void *)&ms_sha256__k[4 * g]));
      s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
      if (g >= 3 && g <= 14) {
        __m128i t = _mm_alignr_epi8(w[g & 3], w[(g + 3) & 3], 4);
        w[(g + 1) & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(w[(g + 1) & 3], t), w[g & 3]);
      }
      s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0E));
      if (g >= 1 && g <= 12) w[(g + 3) & 3] = _mm_sha256msg1_epu32(w[(g + 3) & 3], w[g & 3]);
    }
    s0 = _mm_add_epi32(s0, abef);
    s1 = _mm_add_epi32(s1, cdgh);
  }
  tmp = _mm_shuffle_epi32(s0, 0x1B);           /* FEBA */
  s1 = _mm_shuffle_epi32(s1, 0xB1);            /* DCHG */
  s0 = _mm_blend_epi16(tmp, s1, 0xF0);         /* DCBA */
  s1 = _mm_alignr_epi8(s1, tmp, 8);            /* ABEF */
  _mm_storeu_si128((__m128i *)(void *)&h[0], s0);
  _mm_storeu_si128((__m128i *)(void *)&h[4], s1);
}

#else

bool ms_sha256__have_shani(void) { return false; }

void ms_sha256__compress_shani(uint32_t h[8], const uint8_t *p, size_t blocks) {
  ms_sha256__compress_portable(h, p, blocks);
}

#endif
