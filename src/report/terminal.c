/* Human-readable output: findings grouped by file, each with its source line, then a one-line
 * summary. Colours only when asked (the CLI asks on a TTY without NO_COLOR). Control
 * characters from scanned files are escaped so a file cannot drive the user's terminal. */
#include <string.h>

#include "report/report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"

static const char *sev_color(ms_severity s) {
  switch (s) {
    case MS_SEV_CRITICAL: return "\033[1;35m";
    case MS_SEV_HIGH: return "\033[1;31m";
    case MS_SEV_MEDIUM: return "\033[33m";
    case MS_SEV_LOW: return "\033[36m";
    default: return "\033[2m";
  }
}

/* Writes s with C0 controls, DEL and ESC shown as \xNN. */
static void put_safe(FILE *out, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) fprintf(out, "\\x%02x", *p);
    else fputc(*p, out);
  }
}

static void paint(FILE *out, bool color, const char *code, const char *text) {
  if (color) fputs(code, out);
  put_safe(out, text);
  if (color) fputs(C_RESET, out);
}

static void write_inventory(const ms_report_input *in, FILE *out, bool color) {
  const ms_scan_result *s = in->scan;
  bool any = false;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_facts *f = &s->files[i].facts;
    if (f->handlers.len == 0 && f->transports.len == 0) continue;
    if (!any) paint(out, color, C_BOLD, "MCP inventory\n");
    any = true;
    fputs("  ", out);
    put_safe(out, s->files[i].path);
    fputc('\n', out);
    for (uint32_t k = 0; k < f->handlers.len; k++) {
      const ms_handler *h = &f->handlers.items[k];
      fprintf(out, "    %-9s ", ms_handler_kind_name(h->kind));
      put_safe(out, h->low_level ? "(low-level dispatcher)" : h->name);
      fputc('(', out);
      for (uint32_t p = 0; p < h->params.len; p++) {
        if (p) fputs(", ", out);
        put_safe(out, h->params.items[p].name);
      }
      fprintf(out, ")  line %u\n", h->decl_line);
    }
    for (uint32_t k = 0; k < f->transports.len; k++) {
      const ms_transport *t = &f->transports.items[k];
      fprintf(out, "    transport %s", ms_transport_kind_name(t->kind));
      if (t->host || t->port >= 0) {
        fputs(" on ", out);
        put_safe(out, t->host ? t->host : "(default host)");
        if (t->port >= 0) fprintf(out, ":%lld", (long long)t->port);
      }
      fprintf(out, "  line %u\n", t->line);
    }
  }
  if (!any) fputs("MCP inventory: no tools, resources, prompts or transports found\n", out);
  fputc('\n', out);
}

static ms_status write_terminal(const ms_report_input *in, FILE *out, bool color) {
  const ms_scan_result *s = in->scan;
  uint32_t counts[MS_SEV_COUNT] = {0};
  if (in->inventory) write_inventory(in, out, color);
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    bool header = false;
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (f->severity < in->threshold) continue;
      const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
      counts[f->severity]++;
      if (!header) {
        paint(out, color, C_BOLD, fr->path);
        fputc('\n', out);
        header = true;
      }
      char pos[32], sev[16];
      snprintf(pos, sizeof pos, "%u:%u", f->span.start_line, f->span.start_col);
      snprintf(sev, sizeof sev, "%-8s", ms_severity_name(f->severity));
      fprintf(out, "  %-8s ", pos);
      paint(out, color, sev_color(f->severity), sev);
      fputc(' ', out);
      put_safe(out, f->message);
      fputc(' ', out);
      char tag[160];
      snprintf(tag, sizeof tag, "[%s, CWE-%u]", r->id, r->cwe);
      paint(out, color, C_DIM, tag);
      fputs("\n           ", out);
      char line[24];
      snprintf(line, sizeof line, "%u | ", f->span.start_line);
      paint(out, color, C_DIM, line);
      put_safe(out, f->snippet);
      fputc('\n', out);
      if (f->trace.len > 1) { /* the data flow, compactly: line and what happened there */
        fputs("           ", out);
        paint(out, color, C_DIM, "flow: ");
        for (uint32_t t = 0; t < f->trace.len; t++) {
          fprintf(out, "%s%u ", t ? " -> " : "", f->trace.items[t].span.start_line);
          put_safe(out, f->trace.items[t].label);
        }
        fputc('\n', out);
      }
    }
    if (header) fputc('\n', out);
  }
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    if (fr->skip != MS_SKIP_NONE) {
      paint(out, color, C_DIM, "skipped ");
      put_safe(out, fr->path);
      fprintf(out, " (%s%s%s)\n", ms_skip_reason_name(fr->skip), fr->skip_detail ? ": " : "",
              fr->skip_detail ? fr->skip_detail : "");
    } else if (fr->syntax_error) {
      paint(out, color, C_DIM, "syntax errors in ");
      put_safe(out, fr->path);
      fputs(" (scanned with error recovery)\n", out);
    }
  }
  if (s->timed_out)
    fprintf(out, "scan timed out: the results are partial (%u files or directories not reached)\n", s->paths_not_scanned);
  uint32_t total = 0;
  for (int i = 0; i < MS_SEV_COUNT; i++) total += counts[i];
  fprintf(out, "%s%u finding%s%s in %u file%s (%u skipped, %u with syntax errors) in %.2fs: ", color ? C_BOLD : "",
          total, total == 1 ? "" : "s", color ? C_RESET : "", s->files_scanned, s->files_scanned == 1 ? "" : "s",
          s->files_skipped, s->files_with_syntax_errors, s->elapsed);
  fprintf(out, "%u critical, %u high, %u medium, %u low, %u info\n", counts[MS_SEV_CRITICAL], counts[MS_SEV_HIGH],
          counts[MS_SEV_MEDIUM], counts[MS_SEV_LOW], counts[MS_SEV_INFO]);
  if (s->cache_used) {
    const ms_cache_counters *c = &s->cache;
    fprintf(out, "cache: %u hit%s, %u miss%s", c->hits, c->hits == 1 ? "" : "s", c->misses, c->misses == 1 ? "" : "es");
    if (c->rejected) fprintf(out, ", %u untrusted entr%s ignored", c->rejected, c->rejected == 1 ? "y" : "ies");
    fputs(" (", out);
    put_safe(out, s->cache_dir);
    fputs(")\n", out);
  }
  return ferror(out) ? MS_EIO : MS_OK;
}

const ms_reporter ms_report_terminal = {"terminal", write_terminal};
