/* Baseline fields of the reports: docs/json-schema.md (summary.baseline, fixed[]) and
 * docs/sarif.md (baselineState, run properties). */
#include "report/baseline_report.h"

#include "report/jsonutil.h"
#include "report/report.h"

const char *ms_baseline_state_name(ms_baseline_state s) {
  switch (s) {
    case MS_BASELINE_NEW: return "new";
    case MS_BASELINE_UNCHANGED: return "unchanged";
    case MS_BASELINE_NONE: break;
  }
  return NULL;
}

bool ms_report_shows(const ms_report_input *in, const ms_finding *f) {
  if (f->severity < in->threshold) return false;
  return f->baseline_state != MS_BASELINE_UNCHANGED || in->include_baselined;
}

json_t *ms_baseline_report_counts(const ms_baseline_summary *b) {
  json_t *o = json_object();
  json_object_set_new(o, "against", ms_jsonutil_str(b->against));
  json_object_set_new(o, "new", json_integer(b->new_count));
  json_object_set_new(o, "unchanged", json_integer(b->unchanged));
  json_object_set_new(o, "fixed", json_integer(b->fixed.len));
  return o;
}

json_t *ms_baseline_report_fixed(const ms_baseline_summary *b) {
  json_t *arr = json_array();
  for (uint32_t i = 0; i < b->fixed.len; i++) {
    const ms_baseline_entry *e = &b->fixed.items[i];
    json_t *o = json_object();
    json_object_set_new(o, "rule_id", ms_jsonutil_str(e->rule_id));
    json_object_set_new(o, "severity", json_string(ms_severity_name(e->severity)));
    json_object_set_new(o, "file", ms_jsonutil_str(e->path));
    json_t *start = json_object();
    json_object_set_new(start, "line", json_integer(e->line));
    json_object_set_new(start, "column", json_integer(e->column));
    json_object_set_new(o, "start", start);
    json_object_set_new(o, "snippet", ms_jsonutil_str(e->snippet));
    json_object_set_new(o, "message", ms_jsonutil_str(e->message));
    json_object_set_new(o, "fingerprint", ms_jsonutil_str(e->fingerprint));
    json_array_append_new(arr, o);
  }
  return arr;
}
