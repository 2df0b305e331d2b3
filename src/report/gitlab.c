/* The GitLab SAST report (artifacts:reports:sast), schema version 15.x
 * (gitlab-org/security-products/security-report-schemas, dist/sast-report-format.json):
 * `version`, `scan` (analyzer and scanner with vendor, start and end time without a time
 * zone, status, type "sast") and one vulnerability per finding at or above the threshold.
 * Only the 15.x fields (no `message`, `cve`, `category`, `confidence` or per-vulnerability
 * `scanner`, which 15.0 removed). The first identifier is the rule (GitLab takes it as the primary one), then the CWE.
 * Vulnerability ids are UUID-shaped digests of the file, rule and fingerprint, so they stay
 * the same across runs as long as the finding does. */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "report/jsonutil.h"
#include "report/report.h"
#include "util/sha256.h"
#include "util/xalloc.h"

#define GITLAB_SCHEMA_VERSION "15.0.7"
#define INFORMATION_URL "https://github.com/mcp-sentinel/mcp-sentinel"

/* GitLab's severities are capitalised words. */
static const char *gitlab_severity(ms_severity s) {
  switch (s) {
    case MS_SEV_CRITICAL: return "Critical";
    case MS_SEV_HIGH: return "High";
    case MS_SEV_MEDIUM: return "Medium";
    case MS_SEV_LOW: return "Low";
    default: return "Info";
  }
}

static json_t *component(const char *version) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_string("mcp-sentinel"));
  json_object_set_new(o, "name", json_string("mcp-sentinel"));
  json_object_set_new(o, "url", json_string(INFORMATION_URL));
  json_t *vendor = json_object();
  json_object_set_new(vendor, "name", json_string("mcp-sentinel"));
  json_object_set_new(o, "vendor", vendor);
  json_object_set_new(o, "version", ms_jsonutil_str(version));
  return o;
}

/* The schema's date-time pattern: YYYY-MM-DDTHH:MM:SS, UTC, no zone suffix. */
static json_t *gitlab_time(double t) {
  char buf[32];
  time_t secs = (time_t)(t < 0 ? 0 : t);
  struct tm tm;
  gmtime_r(&secs, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return json_string(buf);
}

static json_t *identifier(const char *type, const char *name, const char *value, const char *url) {
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string(type));
  json_object_set_new(o, "name", ms_jsonutil_str(name));
  json_object_set_new(o, "value", ms_jsonutil_str(value));
  if (url) json_object_set_new(o, "url", ms_jsonutil_str(url));
  return o;
}

static json_t *vulnerability_id(const ms_rule *r, const ms_file_result *fr, const ms_finding *f) {
  ms_sha256 h;
  uint8_t d[32];
  ms_sha256_init(&h);
  const char *parts[] = {fr->path, r->id, f->fingerprint ? f->fingerprint : ""};
  for (size_t i = 0; i < 3; i++) ms_sha256_update(&h, parts[i], strlen(parts[i]) + 1);
  ms_sha256_final(&h, d);
  char hex[33], id[40];
  ms_sha256_hex(d, 16, hex);
  snprintf(id, sizeof id, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
  return json_string(id);
}

static json_t *vulnerability(const ms_report_input *in, const ms_file_result *fr, const ms_finding *f) {
  const ms_rule *r = ms_ruleset_get(in->rules, f->rule);
  json_t *v = json_object();
  json_object_set_new(v, "id", vulnerability_id(r, fr, f));
  json_object_set_new(v, "name", ms_jsonutil_str(r->title));
  char *desc = ms_xasprintf("%s\n\n%s", f->message ? f->message : "", r->description ? r->description : "");
  json_object_set_new(v, "description", ms_jsonutil_str(desc));
  ms_free(desc);
  json_object_set_new(v, "severity", json_string(gitlab_severity(f->severity)));
  if (r->remediation && r->remediation[0]) json_object_set_new(v, "solution", ms_jsonutil_str(r->remediation));

  json_t *loc = json_object();
  json_object_set_new(loc, "file", ms_jsonutil_str(fr->path));
  json_object_set_new(loc, "start_line", json_integer(f->span.start_line));
  json_object_set_new(loc, "end_line", json_integer(f->span.end_line >= f->span.start_line ? f->span.end_line
                                                                                          : f->span.start_line));
  if (f->function) json_object_set_new(loc, "method", ms_jsonutil_str(f->function));
  json_object_set_new(v, "location", loc);

  json_t *ids = json_array();
  json_array_append_new(ids, identifier("mcp_sentinel_rule_id", r->id, r->id, NULL));
  char cwe_name[32], cwe_value[16], cwe_url[80];
  snprintf(cwe_name, sizeof cwe_name, "CWE-%u", r->cwe);
  snprintf(cwe_value, sizeof cwe_value, "%u", r->cwe);
  snprintf(cwe_url, sizeof cwe_url, "https://cwe.mitre.org/data/definitions/%u.html", r->cwe);
  json_array_append_new(ids, identifier("cwe", cwe_name, cwe_value, cwe_url));
  json_object_set_new(v, "identifiers", ids);

  json_t *links = json_array();
  for (uint32_t i = 0; i < r->nreferences; i++) {
    if (strncmp(r->references[i], "https://", 8) != 0 && strncmp(r->references[i], "http://", 7) != 0) continue;
    json_t *l = json_object();
    json_object_set_new(l, "url", ms_jsonutil_str(r->references[i]));
    json_array_append_new(links, l);
  }
  if (json_array_size(links)) json_object_set_new(v, "links", links);
  else json_decref(links);
  return v;
}

static ms_status write_gitlab(const ms_report_input *in, FILE *out, bool color) {
  (void)color;
  const ms_scan_result *s = in->scan;
  json_t *root = json_object();
  json_object_set_new(root, "version", json_string(GITLAB_SCHEMA_VERSION));
  json_t *scan = json_object();
  json_object_set_new(scan, "analyzer", component(in->tool_version));
  json_object_set_new(scan, "scanner", component(in->tool_version));
  json_object_set_new(scan, "type", json_string("sast"));
  json_object_set_new(scan, "start_time", gitlab_time(s->started_at));
  json_object_set_new(scan, "end_time", gitlab_time(s->started_at + s->elapsed));
  json_object_set_new(scan, "status", json_string(s->timed_out ? "failure" : "success"));
  if (s->timed_out) {
    json_t *msgs = json_array(), *m = json_object();
    json_object_set_new(m, "level", json_string("warn"));
    json_object_set_new(m, "value", json_string("the scan timed out: results are partial"));
    json_array_append_new(msgs, m);
    json_object_set_new(scan, "messages", msgs);
  }
  json_object_set_new(root, "scan", scan);
  json_t *vulns = json_array();
  for (uint32_t i = 0; i < s->nfiles; i++) {
    const ms_file_result *fr = &s->files[i];
    for (uint32_t k = 0; k < fr->findings.len; k++)
      if (ms_report_active(in, &fr->findings.items[k]))
        json_array_append_new(vulns, vulnerability(in, fr, &fr->findings.items[k]));
  }
  json_object_set_new(root, "vulnerabilities", vulns);
  char *text = ms_jsonutil_dumps(root);
  json_decref(root);
  int rc = fputs(text, out);
  ms_free(text);
  if (rc == EOF || fputc('\n', out) == EOF) return MS_EIO;
  return MS_OK;
}

const ms_reporter ms_report_gitlab = {"gitlab", write_gitlab};
