/* Finding and file-result lifetimes. */
#include "model/finding.h"

#include <string.h>

#include "util/sha256.h"

const char *ms_skip_reason_name(ms_skip_reason r) {
  switch (r) {
    case MS_SKIP_NONE: return "none";
    case MS_SKIP_TOO_BIG: return "too-large";
    case MS_SKIP_BINARY: return "binary";
    case MS_SKIP_UNREADABLE: return "unreadable";
    case MS_SKIP_SYMLINK_OUTSIDE: return "symlink-outside-tree";
    case MS_SKIP_NOT_REGULAR: return "not-a-regular-file";
    case MS_SKIP_TIMEOUT: return "timeout";
    case MS_SKIP_MEMORY_LIMIT: return "memory-limit";
    case MS_SKIP_IGNORED: return "ignored";
    case MS_SKIP_EXCLUDED: return "excluded";
  }
  return "unknown";
}

const char *ms_suppress_kind_name(ms_suppress_kind k) {
  switch (k) {
    case MS_SUPPRESS_NONE: return "none";
    case MS_SUPPRESS_INLINE: return "inline";
    case MS_SUPPRESS_FILE: return "file";
    case MS_SUPPRESS_NOSEC: return "nosec";
    case MS_SUPPRESS_CONFIG: return "config";
    case MS_SUPPRESS_COUNT: break;
  }
  return "unknown";
}

void ms_finding_dispose(ms_finding *self) {
  ms_free(self->suppress_reason);
  ms_free(self->message);
  ms_free(self->snippet);
  ms_free(self->function);
  ms_free(self->tool);
  ms_free(self->fingerprint);
  for (uint32_t i = 0; i < self->trace.len; i++) ms_free(self->trace.items[i].label);
  ms_array_free(&self->trace);
}

ms_confidence ms_finding_confidence(const ms_finding *self, ms_confidence rule_confidence) {
  return self->confidence ? (ms_confidence)(self->confidence - 1) : rule_confidence;
}

void ms_file_result_dispose(ms_file_result *self) {
  ms_free(self->path);
  ms_free(self->skip_detail);
  ms_free(self->source_path);
  for (uint32_t i = 0; i < self->findings.len; i++) ms_finding_dispose(&self->findings.items[i]);
  ms_array_free(&self->findings);
  ms_facts_dispose(&self->facts);
  for (uint32_t i = 0; i < self->suppressions.len; i++) {
    ms_free(self->suppressions.items[i].rules);
    ms_free(self->suppressions.items[i].reason);
    ms_free(self->suppressions.items[i].problem);
  }
  ms_array_free(&self->suppressions);
  ms_free(self->config_uses);
}

char *ms_finding_fingerprint(const char *rule_id, const char *snippet, const char *function) {
  ms_sha256 h;
  ms_sha256_init(&h);
  ms_sha256_update(&h, rule_id, strlen(rule_id) + 1);
  /* Whitespace-insensitive: reformatting the line keeps the fingerprint. */
  for (const char *p = snippet; *p; p++)
    if (*p != ' ' && *p != '\t') ms_sha256_update(&h, p, 1);
  ms_sha256_update(&h, "", 1);
  if (function) ms_sha256_update(&h, function, strlen(function));
  uint8_t d[32];
  ms_sha256_final(&h, d);
  char hex[33];
  ms_sha256_hex(d, 16, hex);
  return ms_xstrdup(hex);
}
