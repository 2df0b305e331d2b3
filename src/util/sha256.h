/* SHA-256 (FIPS 180-4), for fingerprints and, later, cache keys: a crafted file must not be
 * able to collide with another's entry, so no non-cryptographic hash is used for those. */
#ifndef MS_UTIL_SHA256_H
#define MS_UTIL_SHA256_H

#include <stdbool.h>
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
/* The block functions (tests compare them): portable C, and the x86 SHA extensions when
 * ms_sha256__have_shani() (elsewhere the portable one again). */
extern const uint32_t ms_sha256__k[64]; /* the round constants */
void ms_sha256__compress_portable(uint32_t h[8], const uint8_t *p, size_t blocks);
void ms_sha256__compress_shani(uint32_t h[8], const uint8_t *p, size_t blocks);
bool ms_sha256__have_shani(void);
/** Lower-case hex of the first nbytes of the digest into out (2*nbytes+1 chars). */
void ms_sha256_hex(const uint8_t digest[32], size_t nbytes, char *out);

#endif
