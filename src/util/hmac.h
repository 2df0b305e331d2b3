/* HMAC-SHA256 (RFC 2104) over util/sha256: authenticates cache entries with a key that an
 * attacker who can write the cache directory does not know. */
#ifndef MS_UTIL_HMAC_H
#define MS_UTIL_HMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/sha256.h"

typedef struct ms_hmac {
  ms_sha256 inner, outer;
} ms_hmac;

/** Starts a MAC with a key of any length. */
void ms_hmac_init(ms_hmac *self, const void *key, size_t key_len);
void ms_hmac_update(ms_hmac *self, const void *data, size_t len);
void ms_hmac_final(ms_hmac *self, uint8_t out[32]);
/** Compares two 32-byte MACs in constant time. */
bool ms_hmac_equal(const uint8_t a[32], const uint8_t b[32]);

#endif
