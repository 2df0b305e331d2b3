/* The Markdown report: a pull-request comment. A summary table by severity, then one row per
 * finding (most severe first, at most MAX_ROWS so the comment stays under GitHub's size
 * limit). Every cell is escaped with ms_escape_md_cell: scanned text cannot add columns,
 * links, code spans or HTML. */
#include "report/escape.h"
#include "report/report.h"
#include "util/xalloc.h"

#define MAX_ROWS 200u

static ms_status write_markdown(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  uint32_t counts[MS_SEV_COUNT] = {0}, total = 0;
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (ms_report_active(in, f)) counts[f->severity]++, total++;
    }
  fprintf(out, "## mcp-sentinel: %u finding%s\n\n", total, total == 1 ? "" : "s");
  fprintf(out, "%u file%s scanned, %u skipped%s.\n\n", s->files_scanned, s->files_scanned == 1 ? "" : "s",
          s->files_skipped, s->timed_out ? "; **the scan timed out: results are partial**" : "");
  char *sup = ms_report_suppressed_summary(in);
  if (sup) fprintf(out, "%s, not counted here.\n\n", sup);
  ms_free(sup);
  fputs("| Severity | Findings |\n| --- | ---: |\n", out);
  for (int sev = MS_SEV_CRITICAL; sev >= (int)in->threshold; sev--)
    fprintf(out, "| %s | %u |\n", ms_severity_name((ms_severity)sev), counts[sev]);
  if (total == 0) return ferror(out) ? MS_EIO : MS_OK;

  fputs("\n| Severity | Rule | CWE | Location | Tool | Message |\n| --- | --- | --- | --- | --- | --- |\n", out);
  uint32_t rows = 0;
  for (int sev = MS_SEV_CRITICAL; sev >= (int)in->threshold; sev--) {
    for (uint32_t i = 0; i < s->nfiles; i++) {
      const ms_file_result *fr = &s->files[i];
      for (uint32_t k = 0; k < fr->findings.len; k++) {
        const ms_finding *f = &fr->findings.items[k];
        if ((int)f->severity != sev || !ms_report_active(in, f) || rows++ >= MAX_ROWS) continue;
        const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
        fprintf(out, "| %s | ", ms_severity_name(f->severity));
        ms_escape_md_cell(out, r->id);
        fprintf(out, " | CWE-%u | ", r->cwe);
        ms_escape_md_cell(out, fr->path);
        fprintf(out, "\\:%u | ", f->span.start_line);
        ms_escape_md_cell(out, f->tool);
        fputs(" | ", out);
        ms_escape_md_cell(out, f->message);
        fputs(" |\n", out);
      }
    }
  }
  if (rows > MAX_ROWS) fprintf(out, "\n… and %u more (see the full report).\n", rows - MAX_ROWS);
  return ferror(out) ? MS_EIO : MS_OK;
}

const ms_reporter ms_report_markdown = {"markdown", write_markdown};
