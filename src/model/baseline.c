/* Baseline entry and summary lifetimes. */
#include "model/baseline.h"

void ms_baseline_entry_dispose(ms_baseline_entry *self) {
  ms_free(self->rule_id);
  ms_free(self->path);
  ms_free(self->fingerprint);
  ms_free(self->message);
  ms_free(self->snippet);
}

void ms_baseline_entries_dispose(ms_baseline_entries *self) {
  for (uint32_t i = 0; i < self->len; i++) ms_baseline_entry_dispose(&self->items[i]);
  ms_array_free(self);
}

void ms_baseline_summary_dispose(ms_baseline_summary *self) {
  ms_free(self->against);
  self->against = NULL;
  ms_baseline_entries_dispose(&self->fixed);
}
