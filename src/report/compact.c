/* The compact report: one `file:line:column: severity: [rule] message` line per finding, the
 * shape editors' problem matchers and grep pipelines read. Fields are escaped with
 * ms_escape_line, so a newline in a path or message cannot start a record of its own. */
#include <ctype.h>

#include "report/escape.h"
#include "report/report.h"

static ms_status write_compact(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (!ms_report_active(in, f)) continue;
      const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
      ms_escape_line(out, fr->path);
      fprintf(out, ":%u:%u: ", f->span.start_line, f->span.start_col);
      for (const char *p = ms_severity_name(f->severity); *p; p++) fputc(tolower((unsigned char)*p), out);
      fputs(": [", out);
      ms_escape_line(out, r->id);
      fputs("] ", out);
      ms_escape_line(out, f->message);
      fputc('\n', out);
    }
  }
  return ferror(out) ? MS_EIO : MS_OK;
}

const ms_reporter ms_report_compact = {"compact", write_compact};
