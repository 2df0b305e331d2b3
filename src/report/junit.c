/* The JUnit XML report, as Jenkins (junit step) and Azure Pipelines (PublishTestResults) read
 * it: one <testsuite> per rule of the rule set, one failing <testcase> per finding of that
 * rule at or above the threshold, or one passing test case when the rule found nothing, so
 * the test count shows what was checked. All scanned text goes through ms_escape_xml. */
#include <time.h>

#include "report/escape.h"
#include "report/report.h"
#include "util/xalloc.h"

static void attr(FILE *out, const char *name, const char *value) {
  fprintf(out, " %s=\"", name);
  ms_escape_xml(out, value);
  fputc('"', out);
}

static void failure(FILE *out, const ms_rule *r, const ms_file_result *fr, const ms_finding *f) {
  fputs("      <testcase", out);
  attr(out, "classname", r->id);
  char *name = ms_xasprintf("%s:%u:%u", fr->path, f->span.start_line, f->span.start_col);
  attr(out, "name", name);
  ms_free(name);
  attr(out, "file", fr->path);
  fprintf(out, " line=\"%u\">\n        <failure", f->span.start_line);
  attr(out, "message", f->message);
  attr(out, "type", ms_severity_name(f->severity));
  fputc('>', out);
  ms_escape_xml(out, ms_severity_name(f->severity));
  fprintf(out, " CWE-%u ", r->cwe);
  ms_escape_xml(out, r->title);
  fputc('\n', out);
  ms_escape_xml(out, fr->path);
  fprintf(out, ":%u:%u: ", f->span.start_line, f->span.start_col);
  ms_escape_xml(out, f->message);
  fputs("\n  ", out);
  ms_escape_xml(out, f->snippet);
  if (f->tool) {
    fputs("\nMCP tool: ", out);
    ms_escape_xml(out, f->tool);
  }
  for (uint32_t t = 0; t < f->trace.len; t++) {
    fprintf(out, "\n%s line %u: ", t ? "  then" : "flow:", f->trace.items[t].span.start_line);
    ms_escape_xml(out, f->trace.items[t].label);
  }
  fputs("</failure>\n      </testcase>\n", out);
}

static ms_status write_junit(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  uint32_t nrules = ms_ruleset_count(in->rules);
  uint32_t *per_rule = ms_xcalloc(nrules + 1, sizeof(uint32_t));
  uint32_t failures = 0, tests = 0;
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (ms_report_active(in, f)) per_rule[f->rule]++, failures++;
    }
  for (uint32_t r = 0; r < nrules; r++) tests += per_rule[r] ? per_rule[r] : 1;
  char when[32];
  time_t t0 = (time_t)s->started_at;
  struct tm tm;
  gmtime_r(&t0, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);

  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
  fprintf(out, "<testsuites name=\"mcp-sentinel\" tests=\"%u\" failures=\"%u\" errors=\"0\" time=\"%.3f\">\n", tests,
          failures, s->elapsed);
  for (uint32_t ri = 0; ri < nrules; ri++) {
    const ms_rule *r = ms_ruleset_get(in->rules, ri);
    fputs("  <testsuite", out);
    attr(out, "name", r->id);
    fprintf(out, " tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"0\" timestamp=\"%s\" time=\"0\">\n",
            per_rule[ri] ? per_rule[ri] : 1, per_rule[ri], when);
    fputs("    <properties>\n", out);
    fputs("      <property name=\"title\"", out);
    attr(out, "value", r->title);
    fprintf(out, "/>\n      <property name=\"severity\" value=\"%s\"/>\n", ms_severity_name(r->severity));
    fprintf(out, "      <property name=\"cwe\" value=\"CWE-%u\"/>\n    </properties>\n", r->cwe);
    if (per_rule[ri] == 0) {
      fputs("      <testcase", out);
      attr(out, "classname", r->id);
      fputs(" name=\"no findings\"/>\n", out);
    }
    for (uint32_t i = 0; i < s->nfiles && per_rule[ri]; i++) {
      const ms_file_result *fr = &s->files[i];
      for (uint32_t k = 0; k < fr->findings.len; k++) {
        const ms_finding *f = &fr->findings.items[k];
        if (f->rule == ri && ms_report_active(in, f)) failure(out, r, fr, f);
      }
    }
    fputs("  </testsuite>\n", out);
  }
  fputs("</testsuites>\n", out);
  ms_free(per_rule);
  return ferror(out) ? MS_EIO : MS_OK;
}

const ms_reporter ms_report_junit = {"junit", write_junit};
