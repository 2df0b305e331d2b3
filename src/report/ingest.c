/* Reading JSON reports and SARIF logs back into scan results; see ingest.h. The inputs are
 * parsed once (ms_ingest_add_file) and walked again by each later step, so rules can be
 * completed before the results that refer to them by index are built. */
#include "report/ingest.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang/lang.h"
#include "report/columns.h"
#include "report/inventory_json.h"
#include "util/xalloc.h"

#define SARIF_OWN_FINGERPRINT "mcpSentinel/v1"

typedef struct input {
  char *name;  /* the file, for messages */
  json_t *doc;
  bool sarif;  /* else our JSON report */
} input;

struct ms_ingest {
  ms_array(input) inputs;
  ms_array(ms_ingest_run) runs;
  ms_array(char *) roots;
};

ms_ingest *ms_ingest_new(void) { return ms_xcalloc(1, sizeof(ms_ingest)); }

static void free_runs(ms_ingest *self) {
  for (uint32_t i = 0; i < self->runs.len; i++) {
    ms_free(self->runs.items[i].category);
    ms_scan_result_dispose(&self->runs.items[i].scan);
  }
  ms_array_free(&self->runs);
}

void ms_ingest_free(ms_ingest *self) {
  if (self == NULL) return;
  for (uint32_t i = 0; i < self->inputs.len; i++) {
    ms_free(self->inputs.items[i].name);
    json_decref(self->inputs.items[i].doc);
  }
  ms_array_free(&self->inputs);
  free_runs(self);
  for (uint32_t i = 0; i < self->roots.len; i++) ms_free(self->roots.items[i]);
  ms_array_free(&self->roots);
  ms_free(self);
}

/* ---- small Jansson accessors: absent or mistyped values read as NULL / 0 ------------------ */

static json_t *at(json_t *o, const char *key) { return json_is_object(o) ? json_object_get(o, key) : NULL; }

static const char *str_at(json_t *o, const char *key) { return json_string_value(at(o, key)); }

static uint32_t uint_at(json_t *o, const char *key) {
  json_int_t v = json_integer_value(at(o, key));
  return v > 0 && v <= (json_int_t)UINT32_MAX ? (uint32_t)v : 0;
}

static char *dup_or_null(const char *s) { return s ? ms_xstrdup(s) : NULL; }

/* ---- reading a file --------------------------------------------------------------------------- */

static bool is_sarif(json_t *doc) { return json_is_array(at(doc, "runs")) && json_is_string(at(doc, "version")); }

static bool is_our_json(json_t *doc) {
  return json_is_string(at(doc, "schema_version")) && json_is_array(at(doc, "findings")) &&
         json_is_object(at(doc, "summary"));
}

ms_status ms_ingest_add_file(ms_ingest *self, const char *path, ms_error *err) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return ms_error_set(err, errno == ENOENT || errno == ENOTDIR ? MS_ENOTFOUND : MS_EIO, path, 0, 0,
                        "cannot read the report: %s", strerror(errno));
  json_error_t jerr;
  json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
  bool read_error = ferror(f);
  fclose(f);
  if (read_error) {
    json_decref(doc);
    return ms_error_set(err, MS_EIO, path, 0, 0, "cannot read the report");
  }
  if (doc == NULL) {
    if (jerr.line == -1 || jerr.position == 0) /* an empty file, or a directory */
      return ms_error_set(err, MS_EPARSE, path, 0, 0, "not a report: %s", jerr.text);
    return ms_error_set(err, MS_EPARSE, path, (uint32_t)jerr.line, (uint32_t)jerr.column, "not valid JSON: %s",
                        jerr.text);
  }
  bool sarif = is_sarif(doc);
  if (!sarif && !is_our_json(doc)) {
    json_decref(doc);
    return ms_error_set(err, MS_EPARSE, path, 0, 0,
                        "neither a SARIF log nor an mcp-sentinel JSON report (no \"runs\", no \"schema_version\" "
                        "with \"findings\")");
  }
  if (sarif && strcmp(str_at(doc, "version"), "2.1.0") != 0) {
    ms_status st = ms_error_set(err, MS_EPARSE, path, 0, 0, "SARIF version %s is not supported (2.1.0 is)",
                                str_at(doc, "version"));
    json_decref(doc);
    return st;
  }
  if (!sarif) {
    const char *v = str_at(doc, "schema_version");
    if (strtoul(v, NULL, 10) != 1) {
      ms_status st = ms_error_set(err, MS_EPARSE, path, 0, 0, "JSON report schema version %s is not supported (1.x is)", v);
      json_decref(doc);
      return st;
    }
  }
  ms_array_push(&self->inputs, ((input){ms_xstrdup(path), doc, sarif}));
  json_t *roots = at(at(doc, "scan"), "roots");
  for (size_t i = 0; i < json_array_size(roots); i++) {
    const char *r = json_string_value(json_array_get(roots, i));
    bool seen = r == NULL;
    for (uint32_t k = 0; k < self->roots.len && !seen; k++) seen = strcmp(self->roots.items[k], r) == 0;
    if (!seen) ms_array_push(&self->roots, ms_xstrdup(r));
  }
  return MS_OK;
}

const char *const *ms_ingest_roots(const ms_ingest *self, uint32_t *n) {
  *n = self->roots.len;
  return (const char *const *)self->roots.items;
}

/* ---- rules ------------------------------------------------------------------------------------ */

static ms_severity severity_of_score(const char *score, ms_severity fallback) {
  if (score == NULL) return fallback;
  double v = atof(score);
  return v >= 9.0 ? MS_SEV_CRITICAL : v >= 7.0 ? MS_SEV_HIGH : v >= 4.0 ? MS_SEV_MEDIUM : v > 0 ? MS_SEV_LOW : MS_SEV_INFO;
}

/* Another tool's SARIF level, when no severity says more. */
static ms_severity severity_of_level(const char *level) {
  if (level == NULL) return MS_SEV_MEDIUM; /* SARIF's default level is warning */
  if (strcmp(level, "error") == 0) return MS_SEV_HIGH;
  if (strcmp(level, "warning") == 0) return MS_SEV_MEDIUM;
  if (strcmp(level, "note") == 0) return MS_SEV_LOW;
  return MS_SEV_INFO;
}

static uint32_t cwe_of(const char *s) {
  if (s == NULL) return 0;
  const char *p = strrchr(s, '-');
  return p ? (uint32_t)strtoul(p + 1, NULL, 10) : 0;
}

static bool have_rule(const ms_rule_array *out, const ms_ruleset *known, const char *id) {
  if (ms_ruleset_find(known, id) >= 0) return true;
  for (uint32_t i = 0; i < out->len; i++)
    if (strcmp(out->items[i].id, id) == 0) return true;
  return false;
}

static ms_rule bare_rule(const char *id, const char *title, const char *source) {
  ms_rule r;
  memset(&r, 0, sizeof r);
  r.id = ms_xstrdup(id);
  r.title = ms_xstrdup(title ? title : id);
  r.message = ms_xstrdup("");
  r.source = ms_xstrdup(source);
  r.matcher = MS_MATCHER_COUNT; /* rebuilt from a report: never runs */
  r.severity = MS_SEV_MEDIUM;
  r.confidence = MS_CONF_MEDIUM;
  r.version = 1;
  return r;
}

static void sarif_rule(json_t *d, const char *source, ms_rule_array *out) {
  ms_rule r = bare_rule(str_at(d, "id"), str_at(at(d, "shortDescription"), "text"), source);
  json_t *props = at(d, "properties");
  r.description = dup_or_null(str_at(at(d, "fullDescription"), "text"));
  r.severity = severity_of_score(str_at(props, "security-severity"),
                                 severity_of_level(str_at(at(d, "defaultConfiguration"), "level")));
  ms_confidence_parse(str_at(props, "precision") ? str_at(props, "precision") : "medium", &r.confidence);
  json_t *tags = at(props, "tags");
  for (size_t i = 0; i < json_array_size(tags); i++) {
    const char *t = json_string_value(json_array_get(tags, i));
    if (t && strncmp(t, "external/cwe/cwe-", 17) == 0) r.cwe = cwe_of(t);
  }
  const char *uri = str_at(d, "helpUri");
  if (uri) {
    r.references = ms_xcalloc(1, sizeof(char *));
    r.references[0] = ms_xstrdup(uri);
    r.nreferences = 1;
  }
  ms_array_push(out, r);
}

void ms_ingest_foreign_rules(const ms_ingest *self, const ms_ruleset *known, ms_rule_array *out) {
  for (uint32_t i = 0; i < self->inputs.len; i++) {
    const input *in = &self->inputs.items[i];
    if (!in->sarif) {
      json_t *findings = at(in->doc, "findings");
      for (size_t k = 0; k < json_array_size(findings); k++) {
        json_t *f = json_array_get(findings, k);
        const char *id = str_at(f, "rule_id");
        if (id == NULL || have_rule(out, known, id)) continue;
        ms_rule r = bare_rule(id, str_at(f, "title"), in->name);
        if (str_at(f, "severity")) ms_severity_parse(str_at(f, "severity"), &r.severity);
        if (str_at(f, "confidence")) ms_confidence_parse(str_at(f, "confidence"), &r.confidence);
        r.cwe = cwe_of(str_at(f, "cwe"));
        ms_array_push(out, r);
      }
      continue;
    }
    json_t *runs = at(in->doc, "runs");
    for (size_t ri = 0; ri < json_array_size(runs); ri++) {
      json_t *run = json_array_get(runs, ri);
      json_t *rules = at(at(at(run, "tool"), "driver"), "rules");
      for (size_t k = 0; k < json_array_size(rules); k++) {
        json_t *d = json_array_get(rules, k);
        if (str_at(d, "id") && !have_rule(out, known, str_at(d, "id"))) sarif_rule(d, in->name, out);
      }
      json_t *results = at(run, "results");
      for (size_t k = 0; k < json_array_size(results); k++) {
        const char *id = str_at(json_array_get(results, k), "ruleId");
        if (id && !have_rule(out, known, id)) ms_array_push(out, bare_rule(id, NULL, in->name));
      }
    }
  }
}

/* ---- findings --------------------------------------------------------------------------------- */

/* One file's results from one input, before inputs are merged. */
typedef struct entry {
  uint32_t category; /* index into the category table */
  uint32_t order;    /* input order, for a stable merge */
  ms_file_result fr;
} entry;

/* What identifies one scan across its reports: the same scan written as SARIF and as JSON
 * (both given to a merge) must be counted once. */
typedef struct scan_id {
  long long start; /* whole seconds */
  uint32_t files;
  uint64_t lines;
} scan_id;

typedef struct category {
  char *name;
  double start, end; /* seconds since the epoch; start < 0 until an input gives one */
  bool timed_out;
  uint32_t files_scanned, paths_not_scanned;
  uint64_t lines_scanned;
  ms_array(scan_id) seen;
} category;

typedef struct builder {
  const ms_ruleset *rules;
  ms_array(entry) entries;
  ms_array(category) cats;
  bool by_category;
  const char *default_category;
  uint32_t order;
} builder;

static uint32_t category_index(builder *b, const char *name) {
  if (!b->by_category || name == NULL || name[0] == '\0') name = b->default_category;
  for (uint32_t i = 0; i < b->cats.len; i++)
    if (strcmp(b->cats.items[i].name, name) == 0) return i;
  category c;
  memset(&c, 0, sizeof c);
  c.name = ms_xstrdup(name);
  c.start = c.end = -1;
  ms_array_push(&b->cats, c);
  return b->cats.len - 1;
}

/* The entry for (category, path) of the input being read: the last one, if it matches (inputs
 * list a file's results together), else a new one. */
static ms_file_result *file_entry(builder *b, uint32_t cat, const char *path) {
  if (b->entries.len) {
    entry *last = ms_array_back(&b->entries);
    if (last->order == b->order && last->category == cat && strcmp(last->fr.path, path) == 0) return &last->fr;
  }
  entry e;
  memset(&e, 0, sizeof e);
  e.category = cat;
  e.order = b->order;
  e.fr.path = ms_xstrdup(path);
  e.fr.lang = ms_lang_detect(path, NULL, 0);
  ms_array_push(&b->entries, e);
  return &ms_array_back(&b->entries)->fr;
}

/* Adds a report's counts to its category, unless a report of the same scan (same start
 * second, files and lines) was counted already. */
static void add_counts(category *c, double start, uint32_t files, uint64_t lines, uint32_t not_scanned) {
  scan_id id = {(long long)start, files, lines};
  for (uint32_t i = 0; i < c->seen.len; i++)
    if (c->seen.items[i].start == id.start && c->seen.items[i].files == files && c->seen.items[i].lines == lines) return;
  ms_array_push(&c->seen, id);
  c->files_scanned += files;
  c->lines_scanned += lines;
  c->paths_not_scanned += not_scanned;
}

static void note_time(category *c, double start, double end) {
  if (start <= 0) return;
  if (c->start < 0 || start < c->start) c->start = start;
  if (end > c->end) c->end = end;
}

/* The number in s[0, n) when those are all digits, else -1. */
static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* "2026-11-21T06:46:21.126Z" or "2026-11-21T06:46:21Z" (UTC) → seconds since the epoch; 0
 * when s is not such a time. */
static double parse_time(const char *s) {
  if (s == NULL || strlen(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
    return 0;
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  int f[6] = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), digits(s + 11, 2), digits(s + 14, 2), digits(s + 17, 2)};
  for (int i = 0; i < 6; i++)
    if (f[i] < 0) return 0;
  tm.tm_year = f[0] - 1900;
  tm.tm_mon = f[1] - 1;
  tm.tm_mday = f[2];
  tm.tm_hour = f[3];
  tm.tm_min = f[4];
  tm.tm_sec = f[5];
  double t = (double)timegm(&tm);
  if (s[19] == '.') t += atof(s + 19);
  return t;
}

static ms_span span_at(json_t *start, json_t *end) {
  ms_span sp;
  memset(&sp, 0, sizeof sp);
  sp.start_line = uint_at(start, "line") ? uint_at(start, "line") : 1;
  sp.start_col = uint_at(start, "column") ? uint_at(start, "column") : 1;
  sp.end_line = uint_at(end, "line") ? uint_at(end, "line") : sp.start_line;
  sp.end_col = uint_at(end, "column") ? uint_at(end, "column") : sp.start_col;
  return sp;
}

static void json_finding(builder *b, const input *in, json_t *j) {
  int64_t rule = ms_ruleset_find(b->rules, str_at(j, "rule_id") ? str_at(j, "rule_id") : "");
  const char *path = str_at(j, "file");
  if (rule < 0 || path == NULL) return;
  ms_file_result *fr = file_entry(b, category_index(b, NULL), path);
  ms_lang_id lang = str_at(j, "language") ? ms_lang_by_name(str_at(j, "language")) : MS_LANG_NONE;
  if (lang != MS_LANG_NONE) fr->lang = lang;
  ms_finding f;
  memset(&f, 0, sizeof f);
  f.rule = (uint32_t)rule;
  f.severity = ms_ruleset_get(b->rules, f.rule)->severity;
  if (str_at(j, "severity")) ms_severity_parse(str_at(j, "severity"), &f.severity);
  f.span = span_at(at(j, "start"), at(j, "end"));
  f.message = dup_or_null(str_at(j, "message"));
  f.snippet = dup_or_null(str_at(j, "snippet"));
  f.function = dup_or_null(str_at(j, "function"));
  f.tool = dup_or_null(str_at(j, "tool"));
  f.fingerprint = dup_or_null(str_at(j, "fingerprint"));
  f.snippet_col = uint_at(j, "snippet_column");
  json_t *trace = at(j, "trace");
  for (size_t i = 0; i < json_array_size(trace); i++) {
    json_t *st = json_array_get(trace, i);
    ms_trace_step step = {span_at(at(st, "start"), at(st, "end")), dup_or_null(str_at(st, "label"))};
    ms_array_push(&f.trace, step);
  }
  ms_array_push(&fr->findings, f);
  (void)in;
}

static ms_skip_reason skip_reason_named(const char *name) {
  for (int r = MS_SKIP_TOO_BIG; r <= MS_SKIP_NOT_REGULAR; r++)
    if (name && strcmp(ms_skip_reason_name((ms_skip_reason)r), name) == 0) return (ms_skip_reason)r;
  return MS_SKIP_UNREADABLE; /* a reason this version does not know: still not scanned */
}

/* A site for a fact read back from a report: only its line is known. */
static uint32_t site_at(ms_facts *facts, json_t *j) {
  uint32_t site = ms_facts_add_site(facts, 0, 0);
  facts->sites.items[site].line = uint_at(j, "line");
  return site;
}

/* The JSON report's inventory entry of a file: its MCP handlers, transports and security
 * configuration (auth, host validation, binds, CORS). */
static void json_inventory(ms_facts *facts, json_t *j) {
  json_t *handlers = at(j, "handlers"), *transports = at(j, "transports");
  for (size_t i = 0; i < json_array_size(handlers); i++) {
    json_t *h = json_array_get(handlers, i);
    ms_handler hd;
    memset(&hd, 0, sizeof hd);
    for (int k = MS_HANDLER_TOOL; k <= MS_HANDLER_PROMPT; k++)
      if (str_at(h, "kind") && strcmp(str_at(h, "kind"), ms_handler_kind_name((ms_handler_kind)k)) == 0)
        hd.kind = (ms_handler_kind)k;
    hd.name = dup_or_null(str_at(h, "name"));
    hd.function = dup_or_null(str_at(h, "function"));
    hd.uri = dup_or_null(str_at(h, "uri"));
    hd.description = dup_or_null(str_at(h, "description"));
    hd.low_level = json_is_true(at(h, "low_level"));
    hd.decl_line = uint_at(h, "line");
    hd.start_line = uint_at(h, "start_line");
    hd.end_line = uint_at(h, "end_line");
    json_t *params = at(h, "parameters");
    for (size_t k = 0; k < json_array_size(params); k++) {
      const char *name = json_string_value(json_array_get(params, k));
      if (name) ms_array_push(&hd.params, ((ms_param){ms_xstrdup(name), 0, 0}));
    }
    ms_array_push(&facts->handlers, hd);
  }
  for (size_t i = 0; i < json_array_size(transports); i++) {
    json_t *t = json_array_get(transports, i);
    ms_transport tr;
    memset(&tr, 0, sizeof tr);
    for (int k = MS_TRANSPORT_STDIO; k <= MS_TRANSPORT_STREAMABLE_HTTP; k++)
      if (str_at(t, "kind") && strcmp(str_at(t, "kind"), ms_transport_kind_name((ms_transport_kind)k)) == 0)
        tr.kind = (ms_transport_kind)k;
    tr.line = uint_at(t, "line");
    tr.host = dup_or_null(str_at(t, "host"));
    tr.port = json_is_integer(at(t, "port")) ? (int64_t)json_integer_value(at(t, "port")) : -1;
    tr.sdk_guard = json_is_true(at(t, "sdk_host_validation"));
    tr.site = site_at(facts, t);
    ms_array_push(&facts->transports, tr);
  }
  json_t *arr = at(j, "auth");
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *e = json_array_get(arr, i);
    ms_array_push(&facts->auths, ((ms_auth){dup_or_null(str_at(e, "what")), site_at(facts, e)}));
  }
  arr = at(j, "host_validation");
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *e = json_array_get(arr, i);
    ms_array_push(&facts->host_checks,
                  ((ms_host_check){json_is_true(at(e, "enabled")), dup_or_null(str_at(e, "what")), site_at(facts, e)}));
  }
  arr = at(j, "binds");
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *e = json_array_get(arr, i);
    int64_t port = json_is_integer(at(e, "port")) ? (int64_t)json_integer_value(at(e, "port")) : -1;
    ms_array_push(&facts->binds, ((ms_bind){dup_or_null(str_at(e, "what")), dup_or_null(str_at(e, "host")), port,
                                            json_is_true(at(e, "all_interfaces")), site_at(facts, e)}));
  }
  arr = at(j, "cors");
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *e = json_array_get(arr, i);
    ms_array_push(&facts->cors, ((ms_cors){dup_or_null(str_at(e, "what")), json_is_true(at(e, "reflects_origin")),
                                           json_is_true(at(e, "credentials")), site_at(facts, e)}));
  }
}

static void read_json(builder *b, const input *in) {
  json_t *doc = in->doc, *scan = at(doc, "scan"), *summary = at(doc, "summary");
  uint32_t ci = category_index(b, NULL); /* first: it may grow b->cats */
  category *c = ms_array_get(&b->cats, ci);
  double start = parse_time(str_at(scan, "started_at"));
  note_time(c, start, start + (double)json_integer_value(at(scan, "duration_ms")) / 1000.0);
  c->timed_out |= json_is_true(at(scan, "timed_out"));
  add_counts(c, start, uint_at(summary, "files_scanned"), (uint64_t)json_integer_value(at(summary, "lines_scanned")),
             uint_at(summary, "paths_not_scanned"));
  json_t *findings = at(doc, "findings");
  for (size_t i = 0; i < json_array_size(findings); i++) json_finding(b, in, json_array_get(findings, i));
  json_t *skipped = at(doc, "skipped");
  for (size_t i = 0; i < json_array_size(skipped); i++) {
    json_t *s = json_array_get(skipped, i);
    if (str_at(s, "file") == NULL) continue;
    ms_file_result *fr = file_entry(b, category_index(b, NULL), str_at(s, "file"));
    fr->skip = skip_reason_named(str_at(s, "reason"));
    ms_free(fr->skip_detail);
    fr->skip_detail = dup_or_null(str_at(s, "detail"));
  }
  json_t *inventory = at(doc, "inventory");
  for (size_t i = 0; i < json_array_size(inventory); i++) {
    json_t *e = json_array_get(inventory, i);
    if (str_at(e, "file") == NULL) continue;
    ms_file_result *fr = file_entry(b, category_index(b, NULL), str_at(e, "file"));
    if (!ms_inventory_has_content(&fr->facts)) json_inventory(&fr->facts, e);
  }
  json_t *diags = at(doc, "diagnostics");
  for (size_t i = 0; i < json_array_size(diags); i++) {
    json_t *d = json_array_get(diags, i);
    if (str_at(d, "file") == NULL || str_at(d, "kind") == NULL) continue;
    ms_file_result *fr = file_entry(b, category_index(b, NULL), str_at(d, "file"));
    if (strcmp(str_at(d, "kind"), "syntax-error") == 0) fr->syntax_error = true;
    else fr->findings_truncated = true;
  }
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* An artifactLocation's URI as a path: percent-decoded; file:// URIs become absolute paths. */
static char *uri_path(const char *uri) {
  if (strncmp(uri, "file://", 7) == 0) uri += 7;
  char *out = ms_xmalloc(strlen(uri) + 1), *o = out;
  for (const char *p = uri; *p; p++) {
    if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
      *o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
      p += 2;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
  return out;
}

static ms_span region_span(json_t *region) {
  ms_span sp;
  memset(&sp, 0, sizeof sp);
  sp.start_line = uint_at(region, "startLine") ? uint_at(region, "startLine") : 1;
  sp.start_col = uint_at(region, "startColumn") ? uint_at(region, "startColumn") : 1;
  sp.end_line = uint_at(region, "endLine") ? uint_at(region, "endLine") : sp.start_line;
  sp.end_col = uint_at(region, "endColumn") ? uint_at(region, "endColumn") : sp.start_col + 1;
  return sp;
}

/* Where the file a result names is, to read its lines: a relative URI against its uriBaseId
 * when the run's originalUriBaseIds makes that a file:// directory, else against the working
 * directory (%SRCROOT% of our own logs). Caller frees. */
static char *source_path(json_t *run, json_t *art, const char *path) {
  const char *base = str_at(at(at(run, "originalUriBaseIds"), str_at(art, "uriBaseId") ? str_at(art, "uriBaseId") : ""), "uri");
  if (path[0] == '/' || base == NULL || strncmp(base, "file://", 7) != 0) return ms_xstrdup(path);
  char *dir = uri_path(base);
  size_t n = strlen(dir);
  char *full = ms_xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", path);
  ms_free(dir);
  return full;
}

/* cols: convert the columns from UTF-16 code units (the run's columnKind), else NULL. */
static void sarif_result(builder *b, uint32_t cat, json_t *run, json_t *res, ms_columns *cols) {
  int64_t rule = ms_ruleset_find(b->rules, str_at(res, "ruleId") ? str_at(res, "ruleId") : "");
  json_t *loc = json_array_get(at(res, "locations"), 0);
  json_t *phys = at(loc, "physicalLocation");
  const char *uri = str_at(at(phys, "artifactLocation"), "uri");
  if (rule < 0 || uri == NULL) return;
  char *path = uri_path(uri);
  ms_file_result *fr = file_entry(b, cat, path);
  ms_free(path);
  json_t *props = at(res, "properties"), *region = at(phys, "region");
  ms_finding f;
  memset(&f, 0, sizeof f);
  f.rule = (uint32_t)rule;
  f.severity = ms_ruleset_get(b->rules, f.rule)->severity;
  if (str_at(props, "severity")) ms_severity_parse(str_at(props, "severity"), &f.severity);
  else if (str_at(res, "level")) f.severity = severity_of_level(str_at(res, "level"));
  f.span = region_span(region);
  f.message = dup_or_null(str_at(at(res, "message"), "text"));
  f.snippet = dup_or_null(str_at(at(region, "snippet"), "text"));
  f.function = dup_or_null(str_at(json_array_get(at(loc, "logicalLocations"), 0), "name"));
  f.tool = dup_or_null(str_at(props, "tool"));
  f.fingerprint = dup_or_null(str_at(at(res, "partialFingerprints"), SARIF_OWN_FINGERPRINT));
  f.snippet_col = uint_at(props, "snippetColumn");
  json_t *steps = at(json_array_get(at(json_array_get(at(res, "codeFlows"), 0), "threadFlows"), 0), "locations");
  for (size_t i = 0; i < json_array_size(steps); i++) {
    json_t *l = at(json_array_get(steps, i), "location");
    ms_trace_step step = {region_span(at(at(l, "physicalLocation"), "region")),
                          dup_or_null(str_at(at(l, "message"), "text"))};
    ms_array_push(&f.trace, step);
  }
  if (cols) {
    char *src = source_path(run, at(phys, "artifactLocation"), fr->path);
    ms_columns_from_utf16(cols, src, &f.span);
    for (uint32_t i = 0; i < f.trace.len; i++) ms_columns_from_utf16(cols, src, &f.trace.items[i].span);
    ms_free(src);
  }
  ms_array_push(&fr->findings, f);
}

static void sarif_notification(builder *b, uint32_t cat, json_t *n) {
  const char *id = str_at(at(n, "descriptor"), "id");
  const char *uri = str_at(at(at(json_array_get(at(n, "locations"), 0), "physicalLocation"), "artifactLocation"), "uri");
  if (id == NULL || uri == NULL) return;
  char *path = uri_path(uri);
  ms_file_result *fr = file_entry(b, cat, path);
  ms_free(path);
  if (strcmp(id, "file-skipped") == 0) {
    const char *msg = str_at(at(n, "message"), "text");
    fr->skip = skip_reason_named(msg && strncmp(msg, "skipped: ", 9) == 0 ? msg + 9 : NULL);
    ms_free(fr->skip_detail);
    fr->skip_detail = dup_or_null(str_at(at(n, "properties"), "detail"));
  } else if (strcmp(id, "syntax-error") == 0) {
    fr->syntax_error = true;
  } else if (strcmp(id, "incomplete") == 0) {
    fr->findings_truncated = true;
  }
}

static void read_sarif(builder *b, const input *in) {
  json_t *runs = at(in->doc, "runs");
  for (size_t ri = 0; ri < json_array_size(runs); ri++) {
    json_t *run = json_array_get(runs, ri);
    const char *id = str_at(at(run, "automationDetails"), "id");
    char *name = dup_or_null(id);
    size_t len = name ? strlen(name) : 0;
    if (len > 1 && name[len - 1] == '/') name[len - 1] = '\0';
    uint32_t cat = category_index(b, name);
    ms_free(name);
    category *c = ms_array_get(&b->cats, cat);
    json_t *inv = json_array_get(at(run, "invocations"), 0);
    double start = parse_time(str_at(inv, "startTimeUtc"));
    note_time(c, start, parse_time(str_at(inv, "endTimeUtc")));
    c->timed_out |= json_is_false(at(inv, "executionSuccessful"));
    json_t *counts = at(inv, "properties");
    if (at(counts, "filesScanned"))
      add_counts(c, start, uint_at(counts, "filesScanned"), (uint64_t)json_integer_value(at(counts, "linesScanned")), 0);
    json_t *results = at(run, "results");
    const char *kind = str_at(run, "columnKind");
    ms_columns *cols = kind && strcmp(kind, "utf16CodeUnits") == 0 ? ms_columns_new() : NULL;
    for (size_t i = 0; i < json_array_size(results); i++) sarif_result(b, cat, run, json_array_get(results, i), cols);
    ms_columns_free(cols);
    json_t *notes = at(inv, "toolExecutionNotifications");
    for (size_t i = 0; i < json_array_size(notes); i++) sarif_notification(b, cat, json_array_get(notes, i));
  }
}

/* ---- merging ---------------------------------------------------------------------------------- */

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  if (x->category != y->category) return x->category < y->category ? -1 : 1;
  int c = strcmp(x->fr.path, y->fr.path);
  if (c) return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The identity of a finding across reports: rule and fingerprint (position and message when a
 * producer gave no fingerprint), then the input order so the first report's copy is kept. */
static int cmp_identity(const void *a, const void *b) {
  const ms_finding *x = a, *y = b;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  if ((x->fingerprint == NULL) != (y->fingerprint == NULL)) return x->fingerprint ? -1 : 1;
  if (x->fingerprint) return strcmp(x->fingerprint, y->fingerprint);
  if (x->span.start_line != y->span.start_line) return x->span.start_line < y->span.start_line ? -1 : 1;
  if (x->span.start_col != y->span.start_col) return x->span.start_col < y->span.start_col ? -1 : 1;
  return strcmp(x->message ? x->message : "", y->message ? y->message : "");
}

/* Report order: line, column, rule id (the ruleset is sorted by id), end. */
static int cmp_position(const void *a, const void *b) {
  const ms_finding *x = a, *y = b;
  if (x->span.start_line != y->span.start_line) return x->span.start_line < y->span.start_line ? -1 : 1;
  if (x->span.start_col != y->span.start_col) return x->span.start_col < y->span.start_col ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  if (x->span.end_line != y->span.end_line) return x->span.end_line < y->span.end_line ? -1 : 1;
  return x->span.end_col < y->span.end_col ? -1 : x->span.end_col > y->span.end_col;
}

/* Moves other's findings and flags into fr and disposes what is left of other. */
static void absorb(ms_file_result *fr, ms_file_result *other) {
  for (uint32_t i = 0; i < other->findings.len; i++) ms_array_push(&fr->findings, other->findings.items[i]);
  ms_array_clear(&other->findings);
  if (fr->skip != MS_SKIP_NONE && other->skip == MS_SKIP_NONE) { /* scanned somewhere: scanned */
    fr->skip = MS_SKIP_NONE;
  }
  fr->syntax_error |= other->syntax_error;
  fr->findings_truncated |= other->findings_truncated;
  if (fr->lang == MS_LANG_NONE) fr->lang = other->lang;
  if (!ms_inventory_has_content(&fr->facts)) { /* the first report with an inventory */
    ms_facts tmp = fr->facts;
    fr->facts = other->facts;
    other->facts = tmp;
  }
  ms_file_result_dispose(other);
}

static void dedupe(ms_file_result *fr) {
  ms_finding_array *fa = &fr->findings;
  if (fa->len == 0) return;
  /* A stable sort into identity order (insertion: qsort is not stable), so of equal findings
   * the first input's copy comes first and is the one kept. */
  for (uint32_t i = 1; i < fa->len; i++) {
    ms_finding f = fa->items[i];
    uint32_t k = i;
    while (k > 0 && cmp_identity(&fa->items[k - 1], &f) > 0) {
      fa->items[k] = fa->items[k - 1];
      k--;
    }
    fa->items[k] = f;
  }
  uint32_t keep = 1;
  for (uint32_t i = 1; i < fa->len; i++) {
    if (cmp_identity(&fa->items[keep - 1], &fa->items[i]) == 0) ms_finding_dispose(&fa->items[i]);
    else fa->items[keep++] = fa->items[i];
  }
  fa->len = keep;
  qsort(fa->items, fa->len, sizeof(ms_finding), cmp_position);
}

static int cmp_category(const void *a, const void *b) {
  return strcmp(((const ms_ingest_run *)a)->category, ((const ms_ingest_run *)b)->category);
}

void ms_ingest_build(ms_ingest *self, const ms_ruleset *rules, bool by_category, const char *default_category,
                     const ms_ingest_run **runs, uint32_t *nruns) {
  free_runs(self);
  builder b;
  memset(&b, 0, sizeof b);
  b.rules = rules;
  b.by_category = by_category;
  b.default_category = default_category;
  for (uint32_t i = 0; i < self->inputs.len; i++) {
    b.order = i;
    if (self->inputs.items[i].sarif) read_sarif(&b, &self->inputs.items[i]);
    else read_json(&b, &self->inputs.items[i]);
  }
  if (b.cats.len == 0) category_index(&b, NULL); /* inputs without runs still make one (empty) run */
  if (b.entries.len) qsort(b.entries.items, b.entries.len, sizeof(entry), cmp_entry);

  for (uint32_t c = 0; c < b.cats.len; c++) {
    category *cat = &b.cats.items[c];
    ms_ingest_run run;
    memset(&run, 0, sizeof run);
    run.category = cat->name;
    cat->name = NULL;
    ms_array(ms_file_result) files = MS_ARRAY_INIT;
    for (uint32_t i = 0; i < b.entries.len; i++) {
      entry *e = &b.entries.items[i];
      if (e->category != c) continue;
      if (files.len && strcmp(ms_array_back(&files)->path, e->fr.path) == 0) absorb(ms_array_back(&files), &e->fr);
      else ms_array_push(&files, e->fr);
    }
    ms_scan_result *s = &run.scan;
    uint32_t scanned = 0;
    for (uint32_t i = 0; i < files.len; i++) {
      ms_file_result *fr = &files.items[i];
      dedupe(fr);
      if (fr->skip != MS_SKIP_NONE) {
        s->files_skipped++;
        continue;
      }
      scanned++;
      s->files_with_syntax_errors += fr->syntax_error;
      for (uint32_t k = 0; k < fr->findings.len; k++) s->findings_by_severity[fr->findings.items[k].severity]++;
    }
    s->files = files.items;
    s->nfiles = files.len;
    /* Reports count the files they scanned; files with results are a lower bound when an
     * input (another tool's SARIF) does not say. */
    s->files_scanned = cat->files_scanned > scanned ? cat->files_scanned : scanned;
    s->lines_scanned = cat->lines_scanned;
    s->paths_not_scanned = cat->paths_not_scanned;
    s->timed_out = cat->timed_out;
    s->started_at = cat->start > 0 ? cat->start : 0;
    s->elapsed = cat->start > 0 && cat->end > cat->start ? cat->end - cat->start : 0;
    ms_array_push(&self->runs, run);
  }
  if (self->runs.len) qsort(self->runs.items, self->runs.len, sizeof(ms_ingest_run), cmp_category);
  for (uint32_t c = 0; c < b.cats.len; c++) {
    ms_free(b.cats.items[c].name);
    ms_array_free(&b.cats.items[c].seen);
  }
  ms_array_free(&b.cats);
  ms_array_free(&b.entries);
  *runs = self->runs.items;
  *nruns = self->runs.len;
}
