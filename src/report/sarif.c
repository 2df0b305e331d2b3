/* The SARIF 2.1.0 report (fields documented in docs/sarif.md), shaped by GitHub code
 * scanning's ingestion rules: every rule in tool.driver.rules, explicit levels, locations
 * relative to %SRCROOT%, and the partialFingerprints GitHub matches alerts by. Built with
 * Jansson on the main thread after the merge; keys are emitted in insertion order, so the
 * output is byte-stable apart from the invocation's start and end times. Source files are
 * re-read here, once per file with findings, for GitHub's line hash (report/fingerprint.c). */
#include "report/sarif.h"

#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "lang/lang.h"
#include "report/baseline_report.h"
#include "report/fingerprint.h"
#include "report/jsonutil.h"
#include "report/report.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFORMATION_URI "https://github.com/mcp-sentinel/mcp-sentinel"
#define OWN_FINGERPRINT_KEY "mcpSentinel/v1"
#define MAX_TAGS 10                            /* GitHub reads at most 10 tags per rule */
#define MAX_HASHED_FILE (256u * 1024u * 1024u) /* larger files get no line hash */


static json_t *text_object(const char *text) {
  json_t *o = json_object();
  json_object_set_new(o, "text", ms_jsonutil_str(text));
  return o;
}

/* The mapping existing CI scripts count on: CRITICAL → error, HIGH → warning, lower → note. */
static const char *level_of(ms_severity s) {
  return s == MS_SEV_CRITICAL ? "error" : s == MS_SEV_HIGH ? "warning" : "note";
}

/* GitHub's security-severity score; INFO has none (the property is left out). */
static const char *security_severity(ms_severity s) {
  switch (s) {
    case MS_SEV_CRITICAL: return "9.5";
    case MS_SEV_HIGH: return "8.0";
    case MS_SEV_MEDIUM: return "5.5";
    case MS_SEV_LOW: return "3.0";
    default: return NULL;
  }
}

static bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char to_upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

/* reportingDescriptor.name: the id in CamelCase ("py-os-system" → "PyOsSystem"). */
static char *camel_name(const char *id) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  bool upper = true;
  for (const char *p = id; *p; p++) {
    if (!is_alnum(*p)) {
      upper = true;
      continue;
    }
    ms_strbuf_putc(&b, upper ? to_upper(*p) : *p);
    upper = false;
  }
  return ms_strbuf_detach(&b);
}

/* Appends s without its trailing white space (YAML block scalars end with a newline). */
static void put_trimmed(ms_strbuf *b, const char *s) {
  if (s == NULL) return;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  ms_strbuf_put(b, s, n);
}

/* helpUri must be an absolute URI: "scheme:" followed by no white space or controls. */
static bool is_absolute_uri(const char *s) {
  const char *p = s;
  if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return false;
  while (is_alnum(*p) || *p == '+' || *p == '-' || *p == '.') p++;
  if (*p != ':' || p[1] == '\0') return false;
  for (; *p; p++)
    if ((unsigned char)*p <= 0x20 || *p == 0x7f) return false;
  return true;
}

/* help.text (plain) or help.markdown: description, remediation, references. */
static char *help_text(const ms_rule *r, bool markdown) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  put_trimmed(&b, r->description);
  if (r->remediation && r->remediation[0]) {
    ms_strbuf_puts(&b, markdown ? "\n\n## Remediation\n\n" : "\n\nRemediation:\n");
    put_trimmed(&b, r->remediation);
  }
  if (r->nreferences) {
    ms_strbuf_puts(&b, markdown ? "\n\n## References\n\n" : "\n\nReferences:\n");
    for (uint32_t i = 0; i < r->nreferences; i++) {
      ms_strbuf_puts(&b, i ? "\n- " : "- ");
      ms_strbuf_puts(&b, r->references[i]);
    }
  }
  ms_strbuf_putc(&b, '\n');
  return ms_strbuf_detach(&b);
}

static json_t *rule_json(const ms_rule *r) {
  json_t *o = json_object();
  json_object_set_new(o, "id", ms_jsonutil_str(r->id));
  char *name = camel_name(r->id);
  json_object_set_new(o, "name", ms_jsonutil_str(name));
  ms_free(name);
  json_object_set_new(o, "shortDescription", text_object(r->title));
  ms_strbuf full = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  put_trimmed(&full, r->description);
  json_object_set_new(o, "fullDescription", text_object(full.len ? ms_strbuf_cstr(&full) : r->title));
  ms_strbuf_dispose(&full);
  json_t *conf = json_object();
  json_object_set_new(conf, "level", json_string(level_of(r->severity)));
  json_object_set_new(o, "defaultConfiguration", conf);
  json_t *help = json_object();
  char *text = help_text(r, false), *md = help_text(r, true);
  json_object_set_new(help, "text", ms_jsonutil_str(text));
  json_object_set_new(help, "markdown", ms_jsonutil_str(md));
  ms_free(text);
  ms_free(md);
  json_object_set_new(o, "help", help);
  if (r->nreferences && is_absolute_uri(r->references[0])) json_object_set_new(o, "helpUri", ms_jsonutil_str(r->references[0]));

  json_t *props = json_object();
  json_t *tags = json_array();
  char cwe[48];
  snprintf(cwe, sizeof cwe, "external/cwe/cwe-%u", r->cwe);
  json_array_append_new(tags, json_string("security"));
  json_array_append_new(tags, json_string(cwe));
  json_array_append_new(tags, json_string("mcp"));
  for (int l = 0; l < MS_LANG_COUNT && json_array_size(tags) < MAX_TAGS; l++)
    if (r->langs & (1u << l)) json_array_append_new(tags, json_string(ms_lang_get((ms_lang_id)l)->name));
  json_object_set_new(props, "tags", tags);
  json_object_set_new(props, "precision", json_string(ms_confidence_name(r->confidence)));
  const char *score = security_severity(r->severity);
  if (score) json_object_set_new(props, "security-severity", json_string(score));
  json_object_set_new(o, "properties", props);
  return o;
}

/* RFC 3986 unreserved characters, sub-delims, '/' and '@' may stay as they are in a path.
 * ':' is encoded too, so a first segment like "a:b.py" cannot read as a scheme. */
static bool uri_keeps(unsigned char c) {
  return is_alnum((char)c) || (c != 0 && strchr("-._~/!$&'()*+,;=@", c) != NULL);
}

char *ms_sarif__path_uri(const char *path, bool *relative) {
  static const char hex[] = "0123456789ABCDEF";
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  *relative = path[0] != '/';
  if (!*relative) ms_strbuf_puts(&b, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (uri_keeps(*p)) {
      ms_strbuf_putc(&b, (char)*p);
    } else {
      ms_strbuf_putc(&b, '%');
      ms_strbuf_putc(&b, hex[*p >> 4]);
      ms_strbuf_putc(&b, hex[*p & 15]);
    }
  }
  return ms_strbuf_detach(&b);
}

static json_t *artifact_location(const char *path) {
  bool relative;
  char *uri = ms_sarif__path_uri(path, &relative);
  json_t *o = json_object();
  json_object_set_new(o, "uri", json_string(uri));
  if (relative) json_object_set_new(o, "uriBaseId", json_string("%SRCROOT%"));
  ms_free(uri);
  return o;
}

/* A location that names a file only (notifications). */
static json_t *file_location(const char *path) {
  json_t *phys = json_object();
  json_object_set_new(phys, "artifactLocation", artifact_location(path));
  json_t *loc = json_object();
  json_object_set_new(loc, "physicalLocation", phys);
  return loc;
}

/* %SRCROOT%: the working directory, which relative finding paths start from. NULL when the
 * working directory cannot be determined (the base is then left undefined). */
static json_t *original_uri_base_ids(void) {
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == NULL || cwd[0] != '/') return NULL;
  bool relative;
  char *uri = ms_sarif__path_uri(cwd, &relative);
  size_t n = strlen(uri);
  char *dir = ms_xasprintf("%s%s", uri, n && uri[n - 1] == '/' ? "" : "/"); /* a base ends with '/' */
  json_t *base = json_object();
  json_object_set_new(base, "uri", json_string(dir));
  json_t *o = json_object();
  json_object_set_new(o, "%SRCROOT%", base);
  ms_free(uri);
  ms_free(dir);
  return o;
}

/* ISO 8601 UTC with milliseconds. */
static void format_time(double t, char *buf, size_t size) {
  if (t < 0) t = 0;
  long long ms = (long long)(t * 1000.0 + 0.5);
  time_t secs = (time_t)(ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char day[32];
  strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf, size, "%s.%03lldZ", day, ms % 1000);
}

static json_t *notification(const char *id, const char *level, const char *text, const char *path) {
  json_t *o = json_object();
  json_t *desc = json_object();
  json_object_set_new(desc, "id", json_string(id));
  json_object_set_new(o, "descriptor", desc);
  json_object_set_new(o, "level", json_string(level));
  json_object_set_new(o, "message", text_object(text));
  if (path) {
    json_t *locs = json_array();
    json_array_append_new(locs, file_location(path));
    json_object_set_new(o, "locations", locs);
  }
  return o;
}

static void sarif_note(void *payload, const char *file, uint32_t line, const char *kind, const char *message) {
  char *msg = line ? ms_xasprintf("line %u: %s", line, message) : ms_xstrdup(message);
  json_array_append_new(payload, notification(kind, "warning", msg, file));
  ms_free(msg);
}

/* Reads a whole file for hashing; false when it cannot be read, is too large or is no longer
 * a regular file (opened non-blocking: a FIFO put in its place must not hang the report). */
static bool read_file(const char *path, ms_strbuf *out) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  FILE *f = NULL;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (f = fdopen(fd, "rb")) == NULL) {
    close(fd);
    return false;
  }
  char chunk[65536];
  bool ok = true;
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (ms_strbuf_put(out, chunk, n) < 0) {
      ok = false;
      break;
    }
  }
  if (ferror(f)) ok = false;
  fclose(f);
  return ok;
}

/* GitHub's line hashes of one file, computed when its first reported finding is written. */
typedef struct file_hashes {
  const ms_file_result *file;
  ms_line_hash *lines; /* NULL when the file could not be read */
  uint32_t nlines;
} file_hashes;

static void load_hashes(file_hashes *h, const ms_file_result *fr) {
  if (h->file == fr) return;
  ms_free(h->lines);
  *h = (file_hashes){fr, NULL, 0};
  uint32_t last = 1; /* the hashes up to the last line a finding starts on */
  for (uint32_t k = 0; k < fr->findings.len; k++)
    if (fr->findings.items[k].span.start_line > last) last = fr->findings.items[k].span.start_line;
  ms_strbuf text = MS_STRBUF_INIT(MAX_HASHED_FILE);
  if (read_file(fr->source_path ? fr->source_path : fr->path, &text))
    ms_fingerprint_line_hashes(text.ptr ? text.ptr : "", text.len, last, &h->lines, &h->nlines);
  ms_strbuf_dispose(&text);
}

static json_t *region_json(const ms_span *sp, const char *snippet) {
  uint32_t start_line = sp->start_line ? sp->start_line : 1, start_col = sp->start_col ? sp->start_col : 1;
  uint32_t end_line = sp->end_line >= start_line ? sp->end_line : start_line;
  uint32_t end_col = sp->end_col ? sp->end_col : start_col;
  if (end_line == start_line && end_col < start_col) end_col = start_col;
  json_t *o = json_object();
  json_object_set_new(o, "startLine", json_integer(start_line));
  json_object_set_new(o, "startColumn", json_integer(start_col));
  json_object_set_new(o, "endLine", json_integer(end_line));
  json_object_set_new(o, "endColumn", json_integer(end_col));
  if (snippet) json_object_set_new(o, "snippet", text_object(snippet));
  return o;
}

static json_t *physical_location(const char *path, const ms_span *sp, const char *snippet) {
  json_t *phys = json_object();
  json_object_set_new(phys, "artifactLocation", artifact_location(path));
  json_object_set_new(phys, "region", region_json(sp, snippet));
  return phys;
}

/* A taint trace (source first, sink last) as one code flow, and each step as a related
 * location numbered by its place in the trace. Every step lies in the finding's file. A trace
 * longer than `cap` keeps its first and last steps (ms_sarif_trace_window); the result's
 * properties then say how long it was. */
static void add_trace(json_t *result, const ms_file_result *fr, const ms_finding *f, uint32_t cap) {
  json_t *steps = json_array();
  json_t *related = json_array();
  uint32_t head, tail;
  ms_sarif_trace_window(f->trace.len, cap, &head, &tail);
  for (uint32_t i = 0; i < f->trace.len; i++) {
    if (i == head) i = f->trace.len - tail; /* past the kept steps from the source: the sink's */
    if (i >= f->trace.len) break;
    const ms_trace_step *st = &f->trace.items[i];
    json_t *loc = json_object();
    json_object_set_new(loc, "physicalLocation", physical_location(fr->path, &st->span, NULL));
    if (st->label) json_object_set_new(loc, "message", text_object(st->label));
    json_t *tfl = json_object();
    json_object_set_new(tfl, "location", json_deep_copy(loc));
    json_array_append_new(steps, tfl);
    json_t *rel = json_object();
    json_object_set_new(rel, "id", json_integer(i + 1));
    json_object_update(rel, loc);
    json_decref(loc);
    json_array_append_new(related, rel);
  }
  json_t *thread = json_object();
  json_object_set_new(thread, "locations", steps);
  json_t *threads = json_array();
  json_array_append_new(threads, thread);
  json_t *flow = json_object();
  json_object_set_new(flow, "threadFlows", threads);
  json_t *flows = json_array();
  json_array_append_new(flows, flow);
  json_object_set_new(result, "codeFlows", flows);
  json_object_set_new(result, "relatedLocations", related);
}

static json_t *result_json(const ms_report_input *in, const ms_file_result *fr, const ms_finding *f,
                           const file_hashes *hashes, int32_t rule_index, uint32_t max_locations) {
  const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
  json_t *o = json_object();
  json_object_set_new(o, "ruleId", ms_jsonutil_str(r->id));
  json_object_set_new(o, "ruleIndex", json_integer(rule_index)); /* its place in driver.rules */
  json_object_set_new(o, "level", json_string(level_of(f->severity)));
  json_object_set_new(o, "message", text_object(f->message));

  json_t *loc = json_object();
  json_object_set_new(loc, "physicalLocation", physical_location(fr->path, &f->span, f->snippet));
  if (f->function) {
    json_t *logical = json_object();
    json_object_set_new(logical, "name", ms_jsonutil_str(f->function));
    json_object_set_new(logical, "kind", json_string("function"));
    json_t *logicals = json_array();
    json_array_append_new(logicals, logical);
    json_object_set_new(loc, "logicalLocations", logicals);
  }
  json_t *locs = json_array();
  json_array_append_new(locs, loc);
  json_object_set_new(o, "locations", locs);

  json_t *fps = json_object();
  uint32_t line = f->span.start_line ? f->span.start_line : 1;
  if (hashes->lines && line <= hashes->nlines) {
    char buf[MS_LINE_HASH_MAX];
    ms_fingerprint_format_line_hash(&hashes->lines[line - 1], buf, sizeof buf);
    json_object_set_new(fps, "primaryLocationLineHash", json_string(buf));
  }
  if (f->fingerprint) json_object_set_new(fps, OWN_FINGERPRINT_KEY, ms_jsonutil_str(f->fingerprint));
  json_object_set_new(o, "partialFingerprints", fps);
  const char *state = in->baseline ? ms_baseline_state_name(f->baseline_state) : NULL;
  if (state) json_object_set_new(o, "baselineState", json_string(state));
  if (f->trace.len) add_trace(o, fr, f, max_locations);

  json_t *props = json_object();
  json_object_set_new(props, "severity", json_string(ms_severity_name(f->severity)));
  json_object_set_new(props, "confidence", json_string(ms_confidence_name(ms_finding_confidence(f, r->confidence))));
  if (f->tool) json_object_set_new(props, "tool", ms_jsonutil_str(f->tool));
  if (f->snippet_col) json_object_set_new(props, "snippetColumn", json_integer(f->snippet_col));
  if (f->trace.len > max_locations) {
    json_object_set_new(props, "traceSteps", json_integer(f->trace.len));
    json_object_set_new(props, "traceStepsOmitted", json_integer(f->trace.len - max_locations));
  }
  json_object_set_new(o, "properties", props);
  if (f->suppress_kind != MS_SUPPRESS_NONE) { /* only with --include-suppressed */
    json_t *sup = json_object();
    json_object_set_new(sup, "kind", json_string(f->suppress_kind == MS_SUPPRESS_CONFIG ? "external" : "inSource"));
    if (f->suppress_reason) json_object_set_new(sup, "justification", ms_jsonutil_str(f->suppress_reason));
    json_t *sprops = json_object();
    json_object_set_new(sprops, "mechanism", json_string(ms_suppress_kind_name(f->suppress_kind)));
    json_object_set_new(sup, "properties", sprops);
    json_t *sups = json_array();
    json_array_append_new(sups, sup);
    json_object_set_new(o, "suppressions", sups);
  }
  return o;
}

/* A result is written when shown and, if suppressed, only with --include-suppressed (GitHub
 * ignores `suppressions`: a suppressed result would show as an open alert). */
static bool sarif_keeps(const ms_report_input *in, const ms_finding *f) {
  return ms_report_shows(in, f) && (f->suppress_kind == MS_SUPPRESS_NONE || in->include_suppressed);
}

/* How many results of each severity fit under GitHub's per-run limit, most severe first;
 * within the severity that straddles the limit, the first ones in report order are kept.
 * *cut is the most severe severity that lost results (meaningful when *dropped > 0). */
static void result_quota(const ms_report_input *in, uint32_t room, uint32_t quota[MS_SEV_COUNT], uint32_t *dropped,
                         ms_severity *cut) {
  uint32_t count[MS_SEV_COUNT] = {0};
  const ms_scan_result *s = in->scan;
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (sarif_keeps(in, f)) count[f->severity]++;
    }
  *dropped = 0;
  *cut = MS_SEV_INFO;
  for (int sev = MS_SEV_CRITICAL; sev >= MS_SEV_INFO; sev--) {
    quota[sev] = count[sev] < room ? count[sev] : room;
    room -= quota[sev];
    if (count[sev] > quota[sev] && *dropped == 0) *cut = (ms_severity)sev;
    *dropped += count[sev] - quota[sev];
  }
}

/* What one log keeps under GitHub's limits, decided before any of it is built, so that the
 * notifications can say what was left out. */
typedef struct run_plan {
  ms_sarif_limits lim;
  uint32_t quota[MS_SEV_COUNT]; /* results written per severity */
  uint32_t dropped;             /* results left out for the results or the size limit */
  ms_severity cut;              /* the most severe severity that lost results */
  bool for_size;                /* the size limit, not the results limit, made the cut */
  int32_t *rule_index;          /* per rule of the ruleset: its index in driver.rules, or -1 */
  uint32_t rules_dropped;       /* rules left out of driver.rules */
  uint32_t rule_results_dropped; /* results left out with their rule */
  uint32_t traces_cut;          /* written results whose trace lost its middle steps */
} run_plan;

/* Whether f is within its severity's quota (counting it in kept[]). */
static bool within_quota(const ms_report_input *in, const run_plan *p, uint32_t kept[MS_SEV_COUNT], const ms_finding *f) {
  if (!sarif_keeps(in, f) || kept[f->severity] >= p->quota[f->severity]) return false;
  kept[f->severity]++;
  return true;
}

static void plan_run(const ms_report_input *in, uint32_t room, bool for_size, run_plan *p) {
  const ms_scan_result *s = in->scan;
  uint32_t nrules = ms_ruleset_count(in->rules);
  result_quota(in, room < p->lim.results ? room : p->lim.results, p->quota, &p->dropped, &p->cut);
  p->for_size = for_size;
  p->rule_index = ms_xcalloc(nrules ? nrules : 1, sizeof *p->rule_index);
  p->rules_dropped = p->rule_results_dropped = p->traces_cut = 0;
  if (nrules <= p->lim.rules) {
    for (uint32_t r = 0; r < nrules; r++) p->rule_index[r] = (int32_t)r;
  } else { /* past GitHub's rules limit: the rules of the results first */
    int8_t *best = ms_xmalloc(nrules);
    memset(best, -1, nrules);
    uint32_t kept[MS_SEV_COUNT] = {0};
    for (uint32_t i = 0; i < s->nfiles; i++)
      for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
        const ms_finding *f = &s->files[i].findings.items[k];
        if (within_quota(in, p, kept, f) && best[f->rule] < (int8_t)f->severity) best[f->rule] = (int8_t)f->severity;
      }
    p->rules_dropped = nrules - ms_sarif_select_rules(best, nrules, p->lim.rules, p->rule_index);
    ms_free(best);
  }
  uint32_t kept[MS_SEV_COUNT] = {0};
  for (uint32_t i = 0; i < s->nfiles; i++)
    for (uint32_t k = 0; k < s->files[i].findings.len; k++) {
      const ms_finding *f = &s->files[i].findings.items[k];
      if (!within_quota(in, p, kept, f)) continue;
      if (p->rule_index[f->rule] < 0) p->rule_results_dropped++;
      else if (f->trace.len > p->lim.locations) p->traces_cut++;
    }
}

/* The notifications about what GitHub's limits left out. */
static void limit_notes(const run_plan *p, json_t *notes) {
  if (p->dropped) {
    char *msg = p->for_size
                    ? ms_xasprintf("%u results of severity %s or lower were left out: GitHub code scanning accepts "
                                   "at most %u MB of gzipped SARIF per upload, so the most severe were kept",
                                   p->dropped, ms_severity_name(p->cut), MS_SARIF_MAX_GZIP_BYTES / 1000000u)
                    : ms_xasprintf("%u results of severity %s or lower were left out: GitHub code scanning accepts "
                                   "at most %u results per run, so the most severe were kept",
                                   p->dropped, ms_severity_name(p->cut), p->lim.results);
    json_array_append_new(notes, notification("results-dropped", "warning", msg, NULL));
    ms_free(msg);
  }
  if (p->rules_dropped) {
    char *msg = ms_xasprintf("%u rules were left out of tool.driver.rules: GitHub code scanning accepts at most %u "
                             "rules per run, so the rules with results were kept first, the most severe first "
                             "(%u results left out with their rules)",
                             p->rules_dropped, p->lim.rules, p->rule_results_dropped);
    json_array_append_new(notes, notification("rules-dropped", "warning", msg, NULL));
    ms_free(msg);
  }
  if (p->traces_cut) {
    char *msg = ms_xasprintf("%u results have a data-flow trace of more than %u steps, the most locations GitHub "
                             "code scanning takes per result: the middle steps were left out of their codeFlows and "
                             "relatedLocations, the source and the sink kept (properties.traceSteps gives the "
                             "full length, the JSON report the whole trace)",
                             p->traces_cut, p->lim.locations);
    json_array_append_new(notes, notification("locations-dropped", "warning", msg, NULL));
    ms_free(msg);
  }
}

static json_t *invocation_json(const ms_report_input *in, const run_plan *plan) {
  const ms_scan_result *s = in->scan;
  json_t *inv = json_object();
  json_object_set_new(inv, "executionSuccessful", json_boolean(!s->timed_out));
  char when[48];
  format_time(s->started_at, when, sizeof when);
  json_object_set_new(inv, "startTimeUtc", json_string(when));
  format_time(s->started_at + s->elapsed, when, sizeof when);
  json_object_set_new(inv, "endTimeUtc", json_string(when));

  json_t *notes = json_array();
  if (s->timed_out) {
    char *msg = ms_xasprintf("the scan timed out: results are partial (%u files or directories not reached)",
                             s->paths_not_scanned);
    json_array_append_new(notes, notification("scan-timeout", "error", msg, NULL));
    ms_free(msg);
  }
  limit_notes(plan, notes);
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    if (fr->skip != MS_SKIP_NONE) {
      char *msg = ms_xasprintf("skipped: %s", ms_skip_reason_name(fr->skip));
      /* Skipped on purpose (an ignore file, an exclude) is a note; anything else may hide findings. */
      bool on_purpose = fr->skip == MS_SKIP_IGNORED || fr->skip == MS_SKIP_EXCLUDED;
      json_t *n = notification("file-skipped", on_purpose ? "note" : "warning", msg, fr->path);
      ms_free(msg);
      if (fr->skip_detail) {
        json_t *props = json_object();
        json_object_set_new(props, "detail", ms_jsonutil_str(fr->skip_detail));
        json_object_set_new(n, "properties", props);
      }
      json_array_append_new(notes, n);
      continue;
    }
    if (fr->syntax_error)
      json_array_append_new(notes, notification("syntax-error", "note",
                                                "the file has syntax errors; it was scanned with error recovery",
                                                fr->path));
    if (fr->findings_truncated)
      json_array_append_new(notes, notification("incomplete", "note",
                                                "a per-file limit was reached; some findings may be missing",
                                                fr->path));
    ms_report_file_notes(in, fr, sarif_note, notes);
  }
  ms_report_config_notes(in, sarif_note, notes);
  json_object_set_new(inv, "toolExecutionNotifications", notes);
  json_t *counts = json_object(); /* merge-results adds these up across reports */
  json_object_set_new(counts, "filesScanned", json_integer(s->files_scanned));
  json_object_set_new(counts, "linesScanned", json_integer((json_int_t)s->lines_scanned));
  json_object_set_new(inv, "properties", counts);
  json_t *arr = json_array();
  json_array_append_new(arr, inv);
  return arr;
}

static json_t *driver_json(const ms_report_input *in, const run_plan *plan) {
  json_t *d = json_object();
  json_object_set_new(d, "name", json_string("mcp-sentinel"));
  json_object_set_new(d, "semanticVersion", ms_jsonutil_str(in->tool_version));
  json_object_set_new(d, "informationUri", json_string(INFORMATION_URI));
  json_t *rules = json_array();
  for (uint32_t i = 0; i < ms_ruleset_count(in->rules); i++)
    if (plan->rule_index[i] >= 0) json_array_append_new(rules, rule_json(ms_ruleset_get(in->rules, i)));
  json_object_set_new(d, "rules", rules);
  return d;
}

/* The whole log with at most `room` results (the most severe kept), within lim. */
static json_t *build_log(const ms_report_input *in, const ms_sarif_limits *lim, uint32_t room, bool for_size,
                         uint32_t *nresults) {
  const ms_scan_result *s = in->scan;
  run_plan plan = {.lim = *lim};
  plan_run(in, room, for_size, &plan);
  json_t *root = json_object();
  json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
  json_object_set_new(root, "version", json_string("2.1.0"));
  json_t *run = json_object();

  json_t *tool = json_object();
  json_object_set_new(tool, "driver", driver_json(in, &plan));
  json_object_set_new(run, "tool", tool);

  /* GitHub keeps one analysis per category: the id is "<category>/" (what the upload action
   * makes of its `category` input). */
  const char *cat = in->sarif_category && in->sarif_category[0] ? in->sarif_category : MS_SARIF_DEFAULT_CATEGORY;
  size_t clen = strlen(cat);
  char *id = ms_xasprintf("%s%s", cat, cat[clen - 1] == '/' ? "" : "/");
  json_t *automation = json_object();
  json_object_set_new(automation, "id", ms_jsonutil_str(id));
  json_object_set_new(run, "automationDetails", automation);
  ms_free(id);

  json_object_set_new(run, "invocations", invocation_json(in, &plan));
  json_t *bases = original_uri_base_ids();
  if (bases) json_object_set_new(run, "originalUriBaseIds", bases);
  json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));

  json_t *results = json_array();
  file_hashes hashes = {NULL, NULL, 0};
  uint32_t kept[MS_SEV_COUNT] = {0};
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    for (uint32_t k = 0; k < fr->findings.len; k++) {
      const ms_finding *f = &fr->findings.items[k];
      if (!within_quota(in, &plan, kept, f) || plan.rule_index[f->rule] < 0) continue;
      load_hashes(&hashes, fr);
      json_array_append_new(results, result_json(in, fr, f, &hashes, plan.rule_index[f->rule], lim->locations));
    }
  }
  ms_free(hashes.lines);
  ms_free(plan.rule_index);
  json_object_set_new(run, "results", results);
  json_t *sj = ms_jsonutil_suppressed(in);
  json_object_set_new(sj, "included", json_boolean(in->include_suppressed));
  json_t *rprops = json_object();
  json_object_set_new(rprops, "suppressed", sj);
  if (in->baseline) json_object_set_new(rprops, "baseline", ms_baseline_report_counts(in->baseline));
  json_object_set_new(run, "properties", rprops);

  json_t *runs = json_array();
  json_array_append_new(runs, run);
  json_object_set_new(root, "runs", runs);
  *nresults = (uint32_t)json_array_size(results);
  return root;
}

size_t ms_sarif_gzip_bound(size_t len) {
  /* zlib's bound for its own wrapper (6 bytes), plus gzip's larger one (18 bytes). */
  return len > SIZE_MAX / 2 ? SIZE_MAX : (size_t)compressBound((uLong)len) + 18;
}

size_t ms_sarif_gzipped_size(const char *text, size_t len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return SIZE_MAX;
  unsigned char buf[1 << 16];
  size_t total = 0;
  z.next_in = (Bytef *)(uintptr_t)text;
  int rc = Z_OK;
  size_t left = len;
  while (rc != Z_STREAM_END) {
    uInt chunk = left > (1u << 30) ? (1u << 30) : (uInt)left;
    if (z.avail_in == 0 && left > 0) {
      z.avail_in = chunk;
      left -= chunk;
    }
    z.next_out = buf;
    z.avail_out = sizeof buf;
    rc = deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) break;
    total += sizeof buf - z.avail_out;
  }
  deflateEnd(&z);
  return rc == Z_STREAM_END ? total : SIZE_MAX;
}

ms_status ms_sarif_write_within(const ms_report_input *in, FILE *out, size_t max_gzip) {
  ms_sarif_limits lim;
  ms_sarif_limits_get(&lim);
  if (max_gzip < lim.gzip_bytes) lim.gzip_bytes = max_gzip;
  uint32_t room = lim.results, n = 0;
  bool for_size = false;
  char *text = NULL;
  for (;;) {
    json_t *root = build_log(in, &lim, room, for_size, &n);
    text = ms_jsonutil_dumps(root);
    json_decref(root);
    size_t len = strlen(text);
    /* Compressing the log only to learn it fits took a third of writing it: a log whose
     * gzipped size cannot exceed the limit, whatever it holds, is not compressed. */
    if (ms_sarif_gzip_bound(len) <= lim.gzip_bytes || n == 0) break;
    size_t gz = ms_sarif_gzipped_size(text, len);
    if (gz <= lim.gzip_bytes) break;
    /* Too big for GitHub: keep fewer results, in proportion, with a margin; the least severe go. */
    double keep = (double)n * 0.9 * (double)lim.gzip_bytes / (double)gz;
    room = keep < 1 ? 0 : (uint32_t)keep;
    for_size = true;
    ms_free(text);
  }
  int rc = fputs(text, out);
  ms_free(text);
  if (rc == EOF || fputc('\n', out) == EOF) return MS_EIO;
  return MS_OK;
}

static ms_status write_sarif(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  return ms_sarif_write_within(in, out, MS_SARIF_MAX_GZIP_BYTES);
}

const ms_reporter ms_report_sarif = {"sarif", write_sarif};
