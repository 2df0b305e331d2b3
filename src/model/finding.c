/* Finding and file-result lifetimes. */
#include "model/finding.h"

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
  }
  return "unknown";
}

void ms_finding_dispose(ms_finding *self) {
  ms_free(self->message);
  ms_free(self->snippet);
  ms_free(self->function);
  ms_free(self->tool);
  ms_free(self->fingerprint);
  for (uint32_t i = 0; i < self->trace.len; i++) ms_free(self->trace.items[i].label);
  ms_array_free(&self->trace);
}

void ms_file_result_dispose(ms_file_result *self) {
  ms_free(self->path);
  ms_free(self->skip_detail);
  for (uint32_t i = 0; i < self->findings.len; i++) ms_finding_dispose(&self->findings.items[i]);
  ms_array_free(&self->findings);
  ms_facts_dispose(&self->facts);
}
