/* HMAC-SHA256, RFC 2104; see hmac.h. */
#include "util/hmac.h"

#include <string.h>

void ms_hmac_init(ms_hmac *self, const void *key, size_t key_len) {
  uint8_t k[64] = {0}, pad[64];
  if (key_len > sizeof k) {
    ms_sha256 h;
    ms_sha256_init(&h);
    ms_sha256_update(&h, key, key_len);
    ms_sha256_final(&h, k);
  } else if (key_len > 0) {
    memcpy(k, key, key_len);
  }
  for (int i = 0; i < 64; i++) pad[i] = (uint8_t)(k[i] ^ 0x36);
  ms_sha256_init(&self->inner);
  ms_sha256_update(&self->inner, pad, sizeof pad);
  for (int i = 0; i < 64; i++) pad[i] = (uint8_t)(k[i] ^ 0x5c);
  ms_sha256_init(&self->outer);
  ms_sha256_update(&self->outer, pad, sizeof pad);
}

void ms_hmac_update(ms_hmac *self, const void *data, size_t len) { ms_sha256_update(&self->inner, data, len); }

void ms_hmac_final(ms_hmac *self, uint8_t out[32]) {
  uint8_t inner[32];
  ms_sha256_final(&self->inner, inner);
  ms_sha256_update(&self->outer, inner, sizeof inner);
  ms_sha256_final(&self->outer, out);
}

bool ms_hmac_equal(const uint8_t a[32], const uint8_t b[32]) {
  uint8_t diff = 0;
  for (int i = 0; i < 32; i++) diff |= (uint8_t)(a[i] ^ b[i]);
  return diff == 0;
}
