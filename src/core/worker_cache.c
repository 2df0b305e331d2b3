/* The worker's side of the result cache: the entry key of a file's content, the lookup before
 * analysis and the write after it. Out-of-shard files (facts only) use the full entry when one
 * exists, else one of their own keyed without the rules. A file whose stamp the stat index
 * knows is looked up by the digest recorded for it, without being read. See cache.h and
 * docs/cache.md. */
#include "core/worker.h"

#include <string.h>

#include "core/suppress.h"
#include "match/secrets.h"
#include "util/sha256.h"

/* The entry keys of content for the file at path: full results, and facts only (computed for
 * another shard's file alone). */
static void keys_of(const ms_worker *self, const char *path, ms_lang_id lang, const uint8_t content[32],
                    uint8_t full[32], uint8_t facts[32]) {
  /* The path is not in the key (the same content has the same findings), but for two
   * properties of it: findings in test code and documentation have a lower confidence, and
   * declaration files (x.d.ts, x.pyi) skip the code rules. */
  int variant = (int)lang + (ms_secrets__is_test_path(path) ? 1000 : 0) + (ms_lang_is_declaration_file(path) ? 2000 : 0);
  ms_cache_key(self->scan_digest, variant, content, full);
  if (self->facts_only) ms_cache_key(self->facts_digest, variant, content, facts);
}

/* Looks the entry of content up; key is the entry a miss should write. The content whose
 * entry the stat index's digest already missed for this file is not looked up again. */
static bool lookup(ms_worker *self, const char *path, ms_lang_id lang, const uint8_t content[32], uint8_t key[32],
                   ms_file_result *out) {
  uint32_t nrules = ms_ruleset_count(self->rules);
  uint8_t full[32], facts[32];
  keys_of(self, path, lang, content, full, facts);
  memcpy(key, self->facts_only ? facts : full, 32);
  if (self->tried && memcmp(self->tried_content, content, 32) == 0) return false; /* counted as a miss */
  if (!self->facts_only) {
    if (!ms_cache_get(self->cache, (const uint8_t *const[]){full}, 1, nrules, out)) return false;
    ms_suppress_apply_recorded(self->opts, self->rules, out); /* entries hold no suppression marks */
    return true;
  }
  /* Another shard's file: its own facts-only entry, or the full one a full scan wrote. */
  if (!ms_cache_get(self->cache, (const uint8_t *const[]){facts, full}, 2, nrules, out)) return false;
  for (uint32_t i = 0; i < out->findings.len; i++) ms_finding_dispose(&out->findings.items[i]);
  ms_array_clear(&out->findings);
  return true;
}

bool ms_worker__cache_get_unread(ms_worker *self, const char *path, ms_lang_id lang, const struct stat *sb,
                                 ms_file_result *out) {
  self->tried = false;
  if (self->cache == NULL || sb == NULL || lang == MS_LANG_NONE || !S_ISREG(sb->st_mode) ||
      (uint64_t)sb->st_size > self->opts->max_file_size)
    return false;
  ms_file_stamp stamp = ms_file_stamp_of(sb);
  const uint8_t *content = ms_cache_known_content(self->cache, &stamp);
  if (content == NULL) return false;
  uint8_t key[32];
  if (!lookup(self, path, lang, content, key, out)) {
    memcpy(self->tried_content, content, 32); /* a miss already counted: see lookup */
    self->tried = true;
    return false;
  }
  ms_cache_count_unread(self->cache);
  return true;
}

bool ms_worker__cache_get(ms_worker *self, const char *path, ms_lang_id lang, const char *text, uint32_t len,
                          const struct stat *sb, int64_t opened_ns, uint8_t key[32], ms_file_result *out) {
  if (self->cache == NULL) return false;
  uint8_t content[32];
  ms_sha256 h;
  ms_sha256_init(&h);
  ms_sha256_update(&h, text, len);
  ms_sha256_final(&h, content);
  if (sb && (uint64_t)sb->st_size == len) {
    ms_file_stamp stamp = ms_file_stamp_of(sb);
    ms_cache_learn_content(self->cache, &stamp, opened_ns, content);
  }
  return lookup(self, path, lang, content, key, out);
}

void ms_worker__cache_put(ms_worker *self, const uint8_t key[32], const ms_file_result *out) {
  if (self->cache == NULL) return;
  if (self->cancel && __atomic_load_n(self->cancel, __ATOMIC_RELAXED)) return; /* partial */
  if (out->skip != MS_SKIP_NONE && out->skip != MS_SKIP_BINARY) return;
  ms_cache_put(self->cache, key, out);
}
