/* SHA-256 (FIPS 180-4), for fingerprints and, later, cache keys: a crafted file must not be
 * able to collide with another's entry, so no non-cryptographic hash is used for those. */
#ifndef MS_UTIL_SHA256_H
#define MS_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct ms_sha256 {
  uint32_t h[8];
  uint64_t total;
  uint8_t block[64];
  size_t used;
} ms_sha256;

void ms_sha256_init(ms_sha256 *self);
void ms_sha256_update(ms_sha256 *self, const void *data, size_t len);
void ms_sha256_final(ms_sha256 *self, uint8_t out[32]);
/** Lower-case hex of the first nbytes of the digest into out (2*nbytes+1 chars). */
void ms_sha256_hex(const uint8_t digest[32], size_t nbytes, char *out);

#endif
