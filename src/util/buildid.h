/* The identity of the running binary: a digest that changes whenever the executable does
 * (its GNU build-id note, else the bytes of /proc/self/exe). Cached results are keyed by it,
 * so a rebuilt scanner never trusts what an older build computed. */
#ifndef MS_UTIL_BUILDID_H
#define MS_UTIL_BUILDID_H

#include <stdbool.h>
#include <stdint.h>

/** Fills out with the digest. Returns false when no identity could be found (then out is
 * all zeros and callers must not reuse results across runs). Call from one thread. */
bool ms_buildid_get(uint8_t out[32]);

#endif
