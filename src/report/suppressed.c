/* What every reporter says about suppressions: which findings are shown, how many were
 * suppressed by each mechanism, and the notes about suppression comments and unused
 * suppressions. One place, so that terminal, JSON and SARIF agree. */
#include <stdio.h>

#include "report/report.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

bool ms_report_shown(const ms_report_input *in, const ms_finding *f) { return f->severity >= in->threshold; }

bool ms_report_active(const ms_report_input *in, const ms_finding *f) {
  return ms_report_shows(in, f) && f->suppress_kind == MS_SUPPRESS_NONE;
}

void ms_report_suppressed_counts(const ms_report_input *in, uint32_t counts[MS_SUPPRESS_COUNT]) {
  for (int k = 0; k < MS_SUPPRESS_COUNT; k++) counts[k] = 0;
  const ms_scan_result *s = in->scan;
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (f->suppress_kind == MS_SUPPRESS_NONE || !ms_report_shown(in, f)) continue;
      counts[f->suppress_kind]++;
      counts[MS_SUPPRESS_NONE]++;
    }
}

void ms_report_file_notes(const ms_report_input *in, const ms_file_result *fr, ms_report_note_fn fn, void *payload) {
  for (uint32_t k = 0; k < fr->suppressions.len; k++) {
    const ms_suppression *sp = &fr->suppressions.items[k];
    if (sp->problem) fn(payload, fr->path, sp->line, "suppression", sp->problem);
    if (in->report_unused && sp->kind != MS_SUPPRESS_NONE && sp->uses == 0) {
      char *msg = ms_xasprintf("%s suppression%s%s suppresses nothing", ms_suppress_kind_name(sp->kind),
                               sp->rules ? " of " : "", sp->rules ? sp->rules : "");
      fn(payload, fr->path, sp->line, "unused-suppression", msg);
      ms_free(msg);
    }
  }
}

void ms_report_config_notes(const ms_report_input *in, ms_report_note_fn fn, void *payload) {
  const ms_scan_result *s = in->scan;
  if (!in->report_unused) return;
  for (uint32_t k = 0; k < in->nconfig_suppressions; k++) {
    uint32_t uses = 0;
    for (uint32_t i = 0; i < s->nfiles; i++)
      if (s->files[i].config_uses) uses += s->files[i].config_uses[k];
    if (uses) continue;
    const ms_config_suppression *cs = &in->config_suppressions[k];
    char *msg = ms_xasprintf("config suppression of %s in %s suppresses nothing", cs->rule, cs->path);
    fn(payload, cs->source, cs->line, "unused-suppression", msg);
    ms_free(msg);
  }
}

char *ms_report_suppressed_summary(const ms_report_input *in) {
  uint32_t counts[MS_SUPPRESS_COUNT];
  ms_report_suppressed_counts(in, counts);
  if (counts[MS_SUPPRESS_NONE] == 0) return NULL;
  ms_strbuf sb = MS_STRBUF_INIT(4096);
  ms_strbuf_printf(&sb, "%u suppressed (", counts[MS_SUPPRESS_NONE]);
  const char *sep = "";
  for (int k = MS_SUPPRESS_NONE + 1; k < MS_SUPPRESS_COUNT; k++) {
    if (counts[k] == 0) continue;
    ms_strbuf_printf(&sb, "%s%u %s", sep, counts[k], ms_suppress_kind_name((ms_suppress_kind)k));
    sep = ", ";
  }
  ms_strbuf_puts(&sb, ")");
  return ms_strbuf_detach(&sb);
}
