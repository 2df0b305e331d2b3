/* Human-readable output: findings grouped by file, each with its source line (from the
 * finding's snippet: the file is not read again), a caret line under the span, the MCP tool
 * and the data flow, then a one-line summary (all that is left with --quiet). Colours only when asked (the CLI asks on a TTY without NO_COLOR). Control
 * characters from scanned files are escaped so a file cannot drive the user's terminal. */
#include <string.h>

#include "report/inventory_json.h"
#include "report/report.h"
#include "report/termtext.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_CARET "\033[1;32m"

static const char *sev_color(ms_severity s) {
  switch (s) {
    case MS_SEV_CRITICAL: return "\033[1;35m";
    case MS_SEV_HIGH: return "\033[1;31m";
    case MS_SEV_MEDIUM: return "\033[33m";
    case MS_SEV_LOW: return "\033[36m";
    default: return "\033[2m";
  }
}

/* Writes scanned text with what could drive the terminal escaped (report/termtext.h). */
static void put_safe(FILE *out, const char *s) { ms_termtext_put(out, s); }

static void paint(FILE *out, bool color, const char *code, const char *text) {
  if (color) fputs(code, out);
  put_safe(out, text);
  if (color) fputs(C_RESET, out);
}

/* A caret line under the finding's span in the snippet line just written, indented by
 * `width` columns (the line-number gutter). Placed from the finding's own columns and the
 * snippet's start column; the source file is not read again. Each character of the snippet
 * before the span is a blank as wide as it shows (two columns for wide characters and emoji,
 * none for combining marks, the width of its escape for a control). Nothing is written when
 * the snippet's start column is unknown. */
static void put_caret(FILE *out, bool color, const ms_finding *f, int width) {
  if (f->snippet == NULL || f->snippet_col == 0 || f->span.start_col < f->snippet_col) return;
  uint32_t from = f->span.start_col - f->snippet_col;
  uint32_t to = f->span.end_line == f->span.start_line && f->span.end_col > f->span.start_col
                    ? f->span.end_col - f->snippet_col
                    : UINT32_MAX;
  fprintf(out, "           %*s| ", width - 2, "");
  if (color) fputs(C_CARET, out);
  const char *p = f->snippet;
  size_t left = strlen(f->snippet);
  uint32_t cp = 0, carets = 0;
  while (left > 0 && cp < to) {
    size_t n;
    uint32_t cols = ms_termtext_columns(p, left, &n);
    for (uint32_t c = 0; c < cols; c++) fputc(cp < from ? ' ' : '^', out);
    carets += cp >= from && cols > 0;
    p += n;
    left -= n;
    cp += ms_utf8_count(p - n, n);
  }
  if (carets == 0) fputc('^', out);
  if (color) fputs(C_RESET, out);
  fputc('\n', out);
}

static void write_fact(FILE *out, const ms_facts *f, const char *label, const char *what, const char *note,
                       uint32_t site) {
  fprintf(out, "    %-9s ", label);
  put_safe(out, what);
  if (note) fprintf(out, " (%s)", note);
  fprintf(out, "  line %u\n", site < f->sites.len ? f->sites.items[site].line : 0);
}

/* Authentication, Origin/Host validation, binds and CORS policies. */
static void write_security(const ms_facts *f, FILE *out) {
  for (uint32_t k = 0; k < f->auths.len; k++) write_fact(out, f, "auth", f->auths.items[k].what, NULL, f->auths.items[k].site);
  for (uint32_t k = 0; k < f->host_checks.len; k++) {
    const ms_host_check *c = &f->host_checks.items[k];
    write_fact(out, f, "host-check", c->what, c->enabled ? NULL : "disabled", c->site);
  }
  for (uint32_t k = 0; k < f->binds.len; k++) {
    const ms_bind *b = &f->binds.items[k];
    fprintf(out, "    %-9s ", "bind");
    put_safe(out, b->what);
    fputs(" ", out);
    put_safe(out, b->host ? b->host : "(no host)");
    if (b->port >= 0) fprintf(out, ":%lld", (long long)b->port);
    fprintf(out, "%s  line %u\n", b->all_interfaces ? " (all interfaces)" : "",
            b->site < f->sites.len ? f->sites.items[b->site].line : 0);
  }
  for (uint32_t k = 0; k < f->cors.len; k++) {
    const ms_cors *c = &f->cors.items[k];
    write_fact(out, f, "cors", c->what, c->credentials ? "with credentials" : NULL, c->site);
  }
}

static void write_inventory(const ms_report_input *in, FILE *out, bool color) {
  const ms_scan_result *s = in->scan;
  bool any = false;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_facts *f = &s->files[i].facts;
    if (!ms_inventory_has_content(f)) continue;
    if (!any) {
      paint(out, color, C_BOLD, "MCP inventory");
      fputc('\n', out);
    }
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
      fprintf(out, "%s  line %u\n", t->sdk_guard ? " (FastMCP host validation)" : "", t->line);
    }
    write_security(f, out);
  }
  if (!any) fputs("MCP inventory: no tools, resources, prompts or transports found\n", out);
  fputc('\n', out);
}

typedef struct term_note_ctx {
  FILE *out;
  bool color;
} term_note_ctx;

static void term_note(void *payload, const char *file, uint32_t line, const char *kind, const char *message) {
  term_note_ctx *c = payload;
  paint(c->out, c->color, C_DIM, kind);
  fputc(' ', c->out);
  put_safe(c->out, file);
  if (line) fprintf(c->out, ":%u", line);
  fputs(": ", c->out);
  put_safe(c->out, message);
  fputc('\n', c->out);
}

static ms_status write_terminal(const ms_report_input *in, FILE *out, bool color) {
  const ms_scan_result *s = in->scan;
  uint32_t counts[MS_SEV_COUNT] = {0};
  if (in->inventory && !in->quiet) write_inventory(in, out, color);
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    bool header = false;
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (!ms_report_shows(in, f) || f->suppress_kind != MS_SUPPRESS_NONE) continue;
      const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
      counts[f->severity]++;
      if (in->quiet) continue;
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
      if (f->baseline_state == MS_BASELINE_UNCHANGED) paint(out, color, C_DIM, "(unchanged) ");
      char tag[160];
      snprintf(tag, sizeof tag, "[%s, CWE-%u]", r->id, r->cwe);
      paint(out, color, C_DIM, tag);
      fputs("\n           ", out);
      char line[24];
      int width = snprintf(line, sizeof line, "%u | ", f->span.start_line);
      paint(out, color, C_DIM, line);
      put_safe(out, f->snippet);
      fputc('\n', out);
      put_caret(out, color, f, width);
      if (f->tool) {
        fputs("           in MCP tool ", out);
        put_safe(out, f->tool);
        fputc('\n', out);
      }
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
  for (uint32_t i = 0; i < s->nfiles && !in->quiet; i++) {
    const ms_file_result *fr = &s->files[i];
    if ((fr->skip == MS_SKIP_IGNORED || fr->skip == MS_SKIP_EXCLUDED) && !in->verbose) continue;
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
    term_note_ctx nc = {out, color};
    if (fr->skip == MS_SKIP_NONE) ms_report_file_notes(in, fr, term_note, &nc);
  }
  term_note_ctx nc = {out, color};
  ms_report_config_notes(in, term_note, &nc);
  if (s->timed_out)
    fprintf(out, "scan timed out: the results are partial (%u files or directories not reached)\n", s->paths_not_scanned);
  uint32_t total = 0;
  for (int i = 0; i < MS_SEV_COUNT; i++) total += counts[i];
  fprintf(out, "%s%u finding%s%s in %u file%s (%u skipped, %u with syntax errors) in %.2fs: ", color ? C_BOLD : "",
          total, total == 1 ? "" : "s", color ? C_RESET : "", s->files_scanned, s->files_scanned == 1 ? "" : "s",
          s->files_skipped, s->files_with_syntax_errors, s->elapsed);
  fprintf(out, "%u critical, %u high, %u medium, %u low, %u info", counts[MS_SEV_CRITICAL], counts[MS_SEV_HIGH],
          counts[MS_SEV_MEDIUM], counts[MS_SEV_LOW], counts[MS_SEV_INFO]);
  char *sup = ms_report_suppressed_summary(in);
  if (sup) fprintf(out, "; %s", sup); /* a silenced finding is never invisible */
  ms_free(sup);
  fputc('\n', out);
  if (in->baseline) {
    fputs("baseline ", out);
    put_safe(out, in->baseline->against);
    fprintf(out, ": %u new, %u unchanged, %u fixed\n", in->baseline->new_count, in->baseline->unchanged,
            in->baseline->fixed.len);
  }
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
