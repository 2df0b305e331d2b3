/* The JSON report (schema documented in docs/json-schema.md). Built with Jansson on the main
 * thread after the merge; keys are emitted in insertion order, so output is stable. */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "lang/lang.h"
#include "report/baseline_report.h"
#include "report/inventory_json.h"
#include "report/json_scan.h"
#include "report/jsonutil.h"
#include "report/report.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MS_JSON_SCHEMA_VERSION "1.2.0"


static json_t *position(uint32_t line, uint32_t col) {
  json_t *p = json_object();
  json_object_set_new(p, "line", json_integer(line));
  json_object_set_new(p, "column", json_integer(col));
  return p;
}

static json_t *finding_json(const ms_report_input *in, const ms_file_result *fr, const ms_finding *f) {
  const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
  json_t *o = json_object();
  char cwe[32];
  snprintf(cwe, sizeof cwe, "CWE-%u", r->cwe);
  json_object_set_new(o, "rule_id", ms_jsonutil_str(r->id));
  json_object_set_new(o, "title", ms_jsonutil_str(r->title));
  json_object_set_new(o, "severity", ms_jsonutil_str(ms_severity_name(f->severity)));
  json_object_set_new(o, "confidence", ms_jsonutil_str(ms_confidence_name(ms_finding_confidence(f, r->confidence))));
  json_object_set_new(o, "cwe", ms_jsonutil_str(cwe));
  json_object_set_new(o, "file", ms_jsonutil_str(fr->path));
  json_object_set_new(o, "language", ms_jsonutil_str(ms_lang_get(fr->lang) ? ms_lang_get(fr->lang)->name : NULL));
  json_object_set_new(o, "start", position(f->span.start_line, f->span.start_col));
  json_object_set_new(o, "end", position(f->span.end_line, f->span.end_col));
  json_object_set_new(o, "snippet", ms_jsonutil_str(f->snippet));
  json_object_set_new(o, "message", ms_jsonutil_str(f->message));
  json_object_set_new(o, "fingerprint", ms_jsonutil_str(f->fingerprint));
  json_object_set_new(o, "function", ms_jsonutil_str(f->function));
  json_object_set_new(o, "tool", ms_jsonutil_str(f->tool));
  json_t *trace = json_array();
  for (uint32_t i = 0; i < f->trace.len; i++) {
    const ms_trace_step *st = &f->trace.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "start", position(st->span.start_line, st->span.start_col));
    json_object_set_new(j, "end", position(st->span.end_line, st->span.end_col));
    json_object_set_new(j, "label", ms_jsonutil_str(st->label));
    json_array_append_new(trace, j);
  }
  json_object_set_new(o, "trace", trace);
  json_object_set_new(o, "snippet_column", f->snippet_col ? json_integer(f->snippet_col) : json_null());
  json_t *sup = json_null();
  if (f->suppress_kind != MS_SUPPRESS_NONE) {
    sup = json_object();
    json_object_set_new(sup, "kind", json_string(ms_suppress_kind_name(f->suppress_kind)));
    json_object_set_new(sup, "reason", ms_jsonutil_str(f->suppress_reason));
  }
  json_object_set_new(o, "suppressed", sup);
  if (in->baseline) json_object_set_new(o, "baseline_state", json_string(ms_baseline_state_name(f->baseline_state)));
  return o;
}

static void note_json(void *payload, const char *file, uint32_t line, const char *kind, const char *message) {
  json_t *d = json_object();
  json_object_set_new(d, "file", ms_jsonutil_str(file));
  json_object_set_new(d, "kind", json_string(kind));
  json_object_set_new(d, "message", ms_jsonutil_str(message));
  json_object_set_new(d, "line", line ? json_integer(line) : json_null());
  json_array_append_new(payload, d);
}

static json_t *inventory_json(const ms_file_result *fr) {
  json_t *o = json_object();
  json_object_set_new(o, "file", ms_jsonutil_str(fr->path));
  json_t *handlers = json_array();
  for (uint32_t i = 0; i < fr->facts.handlers.len; i++) {
    const ms_handler *h = &fr->facts.handlers.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "kind", json_string(ms_handler_kind_name(h->kind)));
    json_object_set_new(j, "name", ms_jsonutil_str(h->name));
    json_object_set_new(j, "function", ms_jsonutil_str(h->function));
    json_object_set_new(j, "line", json_integer(h->decl_line));
    json_object_set_new(j, "start_line", json_integer(h->start_line));
    json_object_set_new(j, "end_line", json_integer(h->end_line));
    json_object_set_new(j, "low_level", json_boolean(h->low_level));
    json_object_set_new(j, "uri", ms_jsonutil_str(h->uri));
    json_object_set_new(j, "description", ms_jsonutil_str(h->description));
    json_t *params = json_array();
    for (uint32_t k = 0; k < h->params.len; k++) json_array_append_new(params, ms_jsonutil_str(h->params.items[k].name));
    json_object_set_new(j, "parameters", params);
    json_array_append_new(handlers, j);
  }
  json_object_set_new(o, "handlers", handlers);
  json_t *transports = json_array();
  for (uint32_t i = 0; i < fr->facts.transports.len; i++) {
    const ms_transport *t = &fr->facts.transports.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "kind", json_string(ms_transport_kind_name(t->kind)));
    json_object_set_new(j, "line", json_integer(t->line));
    json_object_set_new(j, "host", ms_jsonutil_str(t->host));
    json_object_set_new(j, "port", t->port >= 0 ? json_integer(t->port) : json_null());
    json_object_set_new(j, "sdk_host_validation", json_boolean(t->sdk_guard));
    json_array_append_new(transports, j);
  }
  json_object_set_new(o, "transports", transports);
  ms_inventory_json_security(&fr->facts, o);
  return o;
}

static ms_status write_json(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  json_t *root = json_object();
  json_object_set_new(root, "schema_version", json_string(MS_JSON_SCHEMA_VERSION));

  json_t *tool = json_object();
  json_object_set_new(tool, "name", json_string("mcp-sentinel"));
  json_object_set_new(tool, "version", ms_jsonutil_str(in->tool_version));
  json_object_set_new(root, "tool", tool);

  json_t *scan = json_object();
  json_t *roots = json_array();
  for (unsigned i = 0; i < in->nroots; i++) json_array_append_new(roots, ms_jsonutil_str(in->roots[i]));
  json_object_set_new(scan, "roots", roots);
  json_object_set_new(scan, "severity_threshold", json_string(ms_severity_name(in->threshold)));
  char when[32];
  time_t t = (time_t)s->started_at;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  json_object_set_new(scan, "started_at", json_string(when));
  json_object_set_new(scan, "timed_out", json_boolean(s->timed_out));
  json_object_set_new(scan, "duration_ms", json_integer((json_int_t)(s->elapsed * 1000.0 + 0.5)));
  json_object_set_new(scan, "cache", ms_json_scan_cache(s));
  json_object_set_new(scan, "shard", ms_json_scan_shard(s));
  json_object_set_new(root, "scan", scan);

  json_t *findings = json_array();
  json_t *skipped = json_array();
  json_t *diags = json_array();
  json_t *inventory = json_array();
  uint32_t counts[MS_SEV_COUNT] = {0};
  uint32_t total = 0;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    if (fr->skip != MS_SKIP_NONE) {
      json_t *k = json_object();
      json_object_set_new(k, "file", ms_jsonutil_str(fr->path));
      json_object_set_new(k, "reason", json_string(ms_skip_reason_name(fr->skip)));
      json_object_set_new(k, "detail", ms_jsonutil_str(fr->skip_detail));
      json_array_append_new(skipped, k);
      continue;
    }
    if (ms_inventory_has_content(&fr->facts)) json_array_append_new(inventory, inventory_json(fr));
    if (fr->syntax_error || fr->findings_truncated) {
      json_t *d = json_object();
      json_object_set_new(d, "file", ms_jsonutil_str(fr->path));
      json_object_set_new(d, "kind", json_string(fr->syntax_error ? "syntax-error" : "incomplete"));
      json_object_set_new(d, "message",
                          json_string(fr->syntax_error ? "the file has syntax errors; it was scanned with error recovery"
                                                       : "a per-file limit was reached; some findings may be missing"));
      json_array_append_new(diags, d);
    }
    ms_report_file_notes(in, fr, note_json, diags);
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (!ms_report_shown(in, f)) continue;
      if (f->suppress_kind == MS_SUPPRESS_NONE) {
        counts[f->severity]++;
        total++;
      }
      json_array_append_new(findings, finding_json(in, fr, f));
    }
  }
  ms_report_config_notes(in, note_json, diags);

  json_t *summary = json_object();
  json_object_set_new(summary, "files_scanned", json_integer(s->files_scanned));
  json_object_set_new(summary, "files_skipped", json_integer(s->files_skipped));
  json_object_set_new(summary, "paths_not_scanned", json_integer(s->paths_not_scanned));
  json_object_set_new(summary, "files_with_syntax_errors", json_integer(s->files_with_syntax_errors));
  json_object_set_new(summary, "lines_scanned", json_integer((json_int_t)s->lines_scanned));
  json_object_set_new(summary, "findings", json_integer(total));
  json_t *by = json_object();
  for (int sev = MS_SEV_CRITICAL; sev >= MS_SEV_INFO; sev--)
    json_object_set_new(by, ms_severity_name((ms_severity)sev), json_integer(counts[sev]));
  json_object_set_new(summary, "by_severity", by);
  json_t *sj = ms_jsonutil_suppressed(in);
  json_object_set_new(summary, "suppressed", sj);
  if (in->baseline) json_object_set_new(summary, "baseline", ms_baseline_report_counts(in->baseline));
  json_object_set_new(root, "summary", summary);
  json_object_set_new(root, "findings", findings);
  json_object_set_new(root, "skipped", skipped);
  json_object_set_new(root, "diagnostics", diags);
  json_object_set_new(root, "inventory", inventory);
  if (in->baseline) json_object_set_new(root, "fixed", ms_baseline_report_fixed(in->baseline));

  /* One write of the whole text: json_dumpf makes a stdio call per token, which dominates a
   * warm (cached) scan with many findings. */
  char *text = ms_jsonutil_dumps(root);
  int rc = fputs(text, out) != EOF ? 0 : -1;
  ms_free(text);
  json_decref(root);
  if (rc != 0 || fputc('\n', out) == EOF) return MS_EIO;
  return MS_OK;
}

const ms_reporter ms_report_json = {"json", write_json};
