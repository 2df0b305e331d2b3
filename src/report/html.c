/* The HTML report: one self-contained file (inline CSS and JavaScript, no network requests,
 * readable with JavaScript off). A summary by severity and rule, the findings grouped by file
 * (snippet with its line number and the span highlighted, MCP tool, taint trace, a link to
 * the rule's help), the rules' help and remediation, and what was skipped. With JavaScript
 * on: filters by severity, rule and file and a text search, kept in the URL fragment
 * (#sev=HIGH&rule=ID&file=PATH&q=TEXT) so a filtered view can be linked or reloaded.
 *
 * Safety: every piece of scanned text goes through ms_escape_html, and never into the script
 * (the script is a constant that reads data-* attributes). A Content-Security-Policy allows
 * only that script, by its SHA-256, and no fetches at all, so even markup that slipped through
 * could neither run code nor load anything. Only the finding's own fields are rendered (no
 * source file is read), so redaction applied to findings carries over. */
#include <string.h>
#include <time.h>

#include "report/escape.h"
#include "report/report.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const style[] = {
    ":root{--crit:#8e24aa;--high:#d32f2f;--med:#ef6c00;--low:#0277bd;--info:#616161;--bg:#fafafa;--line:#ddd}",
    "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:var(--bg);color:#222}",
    "header,main{max-width:1200px;margin:0 auto;padding:0 16px}",
    "h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:0}",
    "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid var(--line);padding:3px 8px;text-align:left}",
    "td.n{text-align:right}.meta{color:#555}",
    ".sev{display:inline-block;min-width:64px;text-align:center;border-radius:3px;color:#fff;font-size:12px;",
    "font-weight:600;padding:0 4px}",
    ".CRITICAL{background:var(--crit)}.HIGH{background:var(--high)}.MEDIUM{background:var(--med)}",
    ".LOW{background:var(--low)}.INFO{background:var(--info)}",
    "section.file{background:#fff;border:1px solid var(--line);border-radius:4px;margin:12px 0;",
    "content-visibility:auto;contain-intrinsic-size:auto 300px}",
    "section.file>h3{padding:6px 10px;border-bottom:1px solid var(--line);background:#f3f3f3;word-break:break-all}",
    "article.finding{padding:8px 10px;border-bottom:1px solid #eee}article.finding:last-child{border-bottom:0}",
    ".msg{margin:4px 0}pre.code{margin:4px 0;padding:4px 8px;background:#f6f8fa;overflow-x:auto;white-space:pre}",
    "pre.code .ln{color:#888;user-select:none;margin-right:12px}mark{background:#ffe08a;padding:0}",
    "ol.trace{margin:4px 0;padding-left:24px;color:#333}.tool code,.rid{font-family:ui-monospace,monospace}",
    "#filters{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);z-index:1}",
    "#filters label{margin-right:12px}#filters select{max-width:260px}",
    "[hidden]{display:none!important}",
    NULL,
};

/* The filter script. It reads only data-* attributes and the URL fragment, and writes only
 * `hidden` flags and counts: scanned text never reaches it as code. */
static const char *const script[] = {
    "(function(){'use strict';",
    "var $=function(id){return document.getElementById(id);};",
    "var order={INFO:0,LOW:1,MEDIUM:2,HIGH:3,CRITICAL:4};",
    "var items=[].slice.call(document.querySelectorAll('article.finding')).map(function(el){",
    "return {el:el,sev:order[el.getAttribute('data-sev')],rule:el.getAttribute('data-rule'),",
    "file:el.getAttribute('data-file'),text:el.textContent.toLowerCase(),sec:el.parentNode};});",
    "var sections=[].slice.call(document.querySelectorAll('section.file'));",
    "var sev=$('f-sev'),rule=$('f-rule'),file=$('f-file'),q=$('f-q');",
    "function parse(){var s={sev:'',rule:'',file:'',q:''};",
    "location.hash.replace(/^#/,'').split('&').forEach(function(kv){var i=kv.indexOf('=');",
    "if(i<0)return;var k=kv.slice(0,i),v;try{v=decodeURIComponent(kv.slice(i+1));}catch(e){return;}",
    "if(Object.prototype.hasOwnProperty.call(s,k))s[k]=v;});return s;}",
    "function setSelect(el,v){el.value=v;if(el.value!==v)el.value='';}",
    "function apply(){var min=sev.value===''?-1:order[sev.value],r=rule.value,f=file.value,",
    "t=q.value.trim().toLowerCase(),shown=0,counts=new Map();",
    "for(var i=0;i<items.length;i++){var it=items[i];",
    "var ok=it.sev>=min&&(r===''||it.rule===r)&&(f===''||it.file===f)&&(t===''||it.text.indexOf(t)>=0);",
    "if(it.el.hidden===ok)it.el.hidden=!ok;if(ok){shown++;counts.set(it.sec,(counts.get(it.sec)||0)+1);}}",
    "sections.forEach(function(s){var n=counts.get(s)||0;s.hidden=n===0;",
    "var c=s.querySelector('.count');if(c)c.textContent=String(n);});",
    "$('shown').textContent=String(shown);document.body.setAttribute('data-shown',String(shown));",
    "$('none').hidden=shown!==0;}",
    "function save(){var p=[];[['sev',sev],['rule',rule],['file',file],['q',q]].forEach(function(e){",
    "var v=e[1].value;if(v)p.push(e[0]+'='+encodeURIComponent(v));});",
    "history.replaceState(null,'',p.length?'#'+p.join('&'):location.pathname+location.search);}",
    "function load(){var s=parse();setSelect(sev,s.sev);setSelect(rule,s.rule);setSelect(file,s.file);",
    "q.value=s.q;apply();}",
    "var timer=0;",
    "[sev,rule,file].forEach(function(el){el.addEventListener('change',function(){apply();save();});});",
    "q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){apply();save();},150);});",
    "$('f-reset').addEventListener('click',function(){sev.value=rule.value=file.value=q.value='';apply();save();});",
    "window.addEventListener('hashchange',load);",
    "$('filters').addEventListener('submit',function(e){e.preventDefault();});",
    "$('filters').hidden=false;load();document.body.setAttribute('data-ready','1');",
    "})();",
    NULL,
};

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The CSP source expression for the script: 'sha256-<base64 of the digest>'. */
static void script_hash(char out[64]) {
  ms_sha256 h;
  uint8_t d[32];
  ms_sha256_init(&h);
  for (const char *const *l = script; *l; l++) {
    ms_sha256_update(&h, *l, strlen(*l));
    ms_sha256_update(&h, "\n", 1);
  }
  ms_sha256_final(&h, d);
  size_t o = 0;
  for (size_t i = 0; i < 32; i += 3) {
    uint32_t v = (uint32_t)d[i] << 16 | (i + 1 < 32 ? (uint32_t)d[i + 1] << 8 : 0) | (i + 2 < 32 ? d[i + 2] : 0);
    out[o++] = b64[v >> 18 & 63];
    out[o++] = b64[v >> 12 & 63];
    out[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
    out[o++] = i + 2 < 32 ? b64[v & 63] : '=';
  }
  out[o] = '\0';
}

static void put_lines(FILE *out, const char *const *lines) {
  for (const char *const *l = lines; *l; l++) {
    fputs(*l, out);
    fputc('\n', out);
  }
}

static void esc(FILE *out, const char *s) { ms_escape_html(out, s); }

/* Byte offset of code point `cp` in s (the end of s when it has fewer). */
static size_t cp_offset(const char *s, uint32_t cp) {
  size_t len = strlen(s), i = 0;
  for (uint32_t n = 0; n < cp && i < len; n++) {
    size_t k = ms_utf8_seqlen((const unsigned char *)s + i, len - i);
    i += k ? k : 1;
  }
  return i;
}

/* Writes s[from, to) escaped. */
static void esc_range(FILE *out, const char *s, size_t from, size_t to) {
  char *part = ms_xstrndup(s + from, to - from);
  esc(out, part);
  ms_free(part);
}

/* The snippet with the finding's span (as far as it lies on the snippet's line) in <mark>.
 * The span is placed from the finding's columns and the snippet's own start column; when
 * that is unknown the snippet is shown without a highlight. */
static void snippet_html(FILE *out, const ms_finding *f) {
  const char *s = f->snippet ? f->snippet : "";
  fprintf(out, "<pre class=\"code\"><span class=\"ln\">%u</span><code>", f->span.start_line);
  if (f->snippet_col == 0 || f->span.start_col < f->snippet_col) {
    esc(out, s);
  } else {
    uint32_t from = f->span.start_col - f->snippet_col;
    size_t a = cp_offset(s, from);
    size_t b = f->span.end_line == f->span.start_line && f->span.end_col > f->span.start_col
                   ? cp_offset(s, f->span.end_col - f->snippet_col)
                   : strlen(s);
    if (b <= a) b = cp_offset(s, from + 1);
    esc_range(out, s, 0, a);
    fputs("<mark>", out);
    esc_range(out, s, a, b);
    fputs("</mark>", out);
    esc(out, s + b);
  }
  fputs("</code></pre>\n", out);
}

static void finding_html(FILE *out, const ms_report_input *in, const ms_file_result *fr, const ms_finding *f,
                         uint32_t n) {
  const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
  const char *sev = ms_severity_name(f->severity);
  fprintf(out, "<article class=\"finding\" id=\"f%u\" data-sev=\"%s\" data-rule=\"", n, sev);
  esc(out, r->id);
  fputs("\" data-file=\"", out);
  esc(out, fr->path);
  fprintf(out, "\">\n<div><span class=\"sev %s\">%s</span> <span class=\"rid\">", sev, sev);
  esc(out, r->id);
  fprintf(out, "</span> <a href=\"https://cwe.mitre.org/data/definitions/%u.html\">CWE-%u</a> ", r->cwe, r->cwe);
  fprintf(out, "<span class=\"meta\">line %u, column %u</span> <a href=\"#rule-", f->span.start_line, f->span.start_col);
  esc(out, r->id);
  fputs("\">help</a></div>\n<p class=\"msg\">", out);
  esc(out, f->message);
  fputs("</p>\n", out);
  snippet_html(out, f);
  if (f->tool || f->function) {
    fputs("<div class=\"tool meta\">", out);
    if (f->tool) {
      fputs("in MCP tool <code>", out);
      esc(out, f->tool);
      fputs("</code>", out);
    }
    if (f->function) {
      fputs(f->tool ? ", function <code>" : "in function <code>", out);
      esc(out, f->function);
      fputs("</code>", out);
    }
    fputs("</div>\n", out);
  }
  if (f->trace.len) {
    fputs("<ol class=\"trace\">", out);
    for (uint32_t t = 0; t < f->trace.len; t++) {
      fprintf(out, "<li>line %u: ", f->trace.items[t].span.start_line);
      esc(out, f->trace.items[t].label);
      fputs("</li>", out);
    }
    fputs("</ol>\n", out);
  }
  fputs("</article>\n", out);
}

static bool is_web_link(const char *s) { return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0; }

static void rule_help(FILE *out, const ms_rule *r, uint32_t count) {
  fputs("<article class=\"rule\" id=\"rule-", out);
  esc(out, r->id);
  fprintf(out, "\"><h3><span class=\"sev %s\">%s</span> <span class=\"rid\">", ms_severity_name(r->severity),
          ms_severity_name(r->severity));
  esc(out, r->id);
  fputs("</span>: ", out);
  esc(out, r->title);
  fprintf(out, "</h3>\n<p class=\"meta\">CWE-%u, confidence %s, %u finding%s</p>\n", r->cwe,
          ms_confidence_name(r->confidence), count, count == 1 ? "" : "s");
  if (r->description) {
    fputs("<p>", out);
    esc(out, r->description);
    fputs("</p>\n", out);
  }
  if (r->remediation) {
    fputs("<h4>Remediation</h4>\n<p>", out);
    esc(out, r->remediation);
    fputs("</p>\n", out);
  }
  if (r->nreferences) {
    fputs("<ul>", out);
    for (uint32_t i = 0; i < r->nreferences; i++) {
      fputs("<li>", out);
      if (is_web_link(r->references[i])) {
        fputs("<a rel=\"noreferrer\" href=\"", out);
        esc(out, r->references[i]);
        fputs("\">", out);
        esc(out, r->references[i]);
        fputs("</a>", out);
      } else {
        esc(out, r->references[i]);
      }
      fputs("</li>", out);
    }
    fputs("</ul>\n", out);
  }
  fputs("</article>\n", out);
}

static void option(FILE *out, const char *value, const char *label, uint32_t count) {
  fputs("<option value=\"", out);
  esc(out, value);
  fputs("\">", out);
  esc(out, label);
  fprintf(out, " (%u)</option>", count);
}

static void filters(FILE *out, const ms_report_input *in, const uint32_t *per_rule, const uint32_t *sev_counts) {
  const ms_scan_result *s = in->scan;
  fputs("<form id=\"filters\" hidden>\n<label>Severity at least <select id=\"f-sev\">"
        "<option value=\"\">any</option>",
        out);
  for (int sev = MS_SEV_CRITICAL; sev >= (int)in->threshold; sev--) {
    uint32_t at_least = 0;
    for (int k = sev; k <= MS_SEV_CRITICAL; k++) at_least += sev_counts[k];
    option(out, ms_severity_name((ms_severity)sev), ms_severity_name((ms_severity)sev), at_least);
  }
  fputs("</select></label>\n<label>Rule <select id=\"f-rule\"><option value=\"\">any</option>", out);
  for (uint32_t r = 0; r < ms_ruleset_count(in->rules); r++)
    if (per_rule[r]) option(out, ms_ruleset_get(in->rules, r)->id, ms_ruleset_get(in->rules, r)->id, per_rule[r]);
  fputs("</select></label>\n<label>File <select id=\"f-file\"><option value=\"\">any</option>", out);
  for (uint32_t i = 0; i < s->nfiles; i++) {
    uint32_t n = 0;
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) n += ms_report_active(in, &s->files[i].findings.items[k]);
    if (n) option(out, s->files[i].path, s->files[i].path, n);
  }
  fputs("</select></label>\n<label>Search <input id=\"f-q\" type=\"search\" placeholder=\"message, code, path, tool\">"
        "</label>\n<button type=\"button\" id=\"f-reset\">Reset</button>\n"
        "<span class=\"meta\"><span id=\"shown\"></span> shown</span>\n</form>\n",
        out);
}

static void summary(FILE *out, const ms_report_input *in, const uint32_t *per_rule, const uint32_t *sev_counts,
                    uint32_t total) {
  const ms_scan_result *s = in->scan;
  fprintf(out, "<p class=\"meta\"><span id=\"total\" data-total=\"%u\">%u</span> finding%s in %u file%s scanned "
               "(%u skipped, %u with syntax errors), threshold %s.%s</p>\n",
          total, total, total == 1 ? "" : "s", s->files_scanned, s->files_scanned == 1 ? "" : "s", s->files_skipped,
          s->files_with_syntax_errors, ms_severity_name(in->threshold),
          s->timed_out ? " <strong>The scan timed out: the results are partial.</strong>" : "");
  char *sup = ms_report_suppressed_summary(in);
  if (sup) fprintf(out, "<p class=\"meta\" id=\"suppressed\">%s, not counted above.</p>\n", sup);
  ms_free(sup);
  fputs("<h2>Summary</h2>\n<table id=\"by-severity\"><tr><th>Severity</th><th>Findings</th></tr>\n", out);
  for (int sev = MS_SEV_CRITICAL; sev >= (int)in->threshold; sev--) {
    const char *name = ms_severity_name((ms_severity)sev);
    fprintf(out, "<tr><td><span class=\"sev %s\">%s</span></td><td class=\"n\" data-severity=\"%s\">%u</td></tr>\n",
            name, name, name, sev_counts[sev]);
  }
  fputs("</table>\n<table id=\"by-rule\"><tr><th>Rule</th><th>Severity</th><th>CWE</th><th>Title</th>"
        "<th>Findings</th></tr>\n",
        out);
  for (uint32_t i = 0; i < ms_ruleset_count(in->rules); i++) {
    if (per_rule[i] == 0) continue;
    const ms_rule *r = ms_ruleset_get(in->rules, i);
    fputs("<tr><td class=\"rid\"><a href=\"#rule-", out);
    esc(out, r->id);
    fputs("\">", out);
    esc(out, r->id);
    fprintf(out, "</a></td><td>%s</td><td>CWE-%u</td><td>", ms_severity_name(r->severity), r->cwe);
    esc(out, r->title);
    fputs("</td><td class=\"n\" data-rule=\"", out);
    esc(out, r->id);
    fprintf(out, "\">%u</td></tr>\n", per_rule[i]);
  }
  fputs("</table>\n", out);
}

static void not_scanned(FILE *out, const ms_scan_result *s) {
  bool any = false;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    if (fr->skip == MS_SKIP_NONE && !fr->syntax_error && !fr->findings_truncated) continue;
    if (!any) fputs("<h2>Not scanned, or scanned with a caveat</h2>\n<ul id=\"skipped\">\n", out);
    any = true;
    fputs("<li><code>", out);
    esc(out, fr->path);
    fputs("</code>: ", out);
    if (fr->skip != MS_SKIP_NONE) {
      fprintf(out, "skipped (%s", ms_skip_reason_name(fr->skip));
      if (fr->skip_detail) {
        fputs(": ", out);
        esc(out, fr->skip_detail);
      }
      fputc(')', out);
    } else {
      fputs(fr->syntax_error ? "syntax errors (scanned with error recovery)" : "a per-file limit was reached", out);
    }
    fputs("</li>\n", out);
  }
  if (any) fputs("</ul>\n", out);
}

static ms_status write_html(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  uint32_t nrules = ms_ruleset_count(in->rules);
  uint32_t *per_rule = ms_xcalloc(nrules + 1, sizeof(uint32_t));
  uint32_t sev_counts[MS_SEV_COUNT] = {0}, total = 0;
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (!ms_report_active(in, f)) continue;
      per_rule[f->rule]++;
      sev_counts[f->severity]++;
      total++;
    }
  char hash[64], when[32];
  script_hash(hash);
  time_t t = (time_t)s->started_at;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);

  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
  fprintf(out, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
               "script-src 'sha256-%s'; img-src data:; form-action 'none'; base-uri 'none'\">\n", hash);
  fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" "
        "content=\"mcp-sentinel ",
        out);
  esc(out, in->tool_version);
  fputs("\">\n<title>mcp-sentinel report</title>\n<style>\n", out);
  put_lines(out, style);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>mcp-sentinel report</h1>\n<p class=\"meta\">Scanned ", out);
  for (unsigned i = 0; i < in->nroots; i++) {
    fputs(i ? ", <code>" : "<code>", out);
    esc(out, in->roots[i]);
    fputs("</code>", out);
  }
  fputs(" on <span class=\"when\">", out);
  esc(out, when);
  fputs("</span> by mcp-sentinel <span class=\"version\">", out);
  esc(out, in->tool_version);
  fputs("</span>.</p>\n", out);
  summary(out, in, per_rule, sev_counts, total);
  fputs("</header>\n<main>\n<h2>Findings</h2>\n", out);
  filters(out, in, per_rule, sev_counts);
  fputs("<p id=\"none\"", out);
  fputs(total ? " hidden" : "", out);
  fputs(">No findings match.</p>\n", out);

  uint32_t n = 0;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    uint32_t in_file = 0;
    for (uint32_t k = 0; k < fr->findings.len; k++) in_file += ms_report_active(in, &fr->findings.items[k]);
    if (in_file == 0) continue;
    fputs("<section class=\"file\" data-file=\"", out);
    esc(out, fr->path);
    fputs("\">\n<h3><code>", out);
    esc(out, fr->path);
    fprintf(out, "</code> <span class=\"meta\">(<span class=\"count\">%u</span>)</span></h3>\n", in_file);
    for (uint32_t k = 0; k < fr->findings.len; k++)
      if (ms_report_active(in, &fr->findings.items[k])) finding_html(out, in, fr, &fr->findings.items[k], ++n);
    fputs("</section>\n", out);
  }
  not_scanned(out, s);
  if (total) {
    fputs("<h2 id=\"rules\">Rules</h2>\n", out);
    for (uint32_t r = 0; r < nrules; r++)
      if (per_rule[r]) rule_help(out, ms_ruleset_get(in->rules, r), per_rule[r]);
  }
  fputs("</main>\n<script>", out); /* no newline: the CSP hash covers exactly the lines */
  put_lines(out, script);
  fputs("</script>\n</body>\n</html>\n", out);
  ms_free(per_rule);
  return ferror(out) ? MS_EIO : MS_OK;
}

const ms_reporter ms_report_html = {"html", write_html};
