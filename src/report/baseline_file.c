/* Baseline files: the findings of an earlier JSON report or SARIF log. A JSON report has
 * "schema_version" and "findings[]" (each with rule_id, file, fingerprint); a SARIF log has
 * "runs[]" whose results carry our fingerprint under partialFingerprints["mcpSentinel/v1"]. */
#include "report/baseline_file.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

#define OWN_FINGERPRINT_KEY "mcpSentinel/v1"

static char *dup_str(json_t *v) { return json_is_string(v) ? ms_xstrdup(json_string_value(v)) : NULL; }

static uint32_t get_uint(json_t *v) {
  json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
  return n > 0 && n < (json_int_t)UINT32_MAX ? (uint32_t)n : 0;
}

static ms_severity severity_of(json_t *v, ms_severity dflt) {
  ms_severity s = dflt;
  if (json_is_string(v)) ms_severity_parse(json_string_value(v), &s);
  return s;
}

static ms_status load_json_report(json_t *root, ms_baseline_entries *out) {
  json_t *findings = json_object_get(root, "findings");
  size_t i;
  json_t *f;
  json_array_foreach(findings, i, f) {
    json_t *rule = json_object_get(f, "rule_id"), *file = json_object_get(f, "file"),
           *fp = json_object_get(f, "fingerprint");
    if (!json_is_string(rule) || !json_is_string(file) || !json_is_string(fp)) continue;
    ms_baseline_entry e = {0};
    e.rule_id = dup_str(rule);
    e.path = dup_str(file);
    e.fingerprint = dup_str(fp);
    e.severity = severity_of(json_object_get(f, "severity"), MS_SEV_INFO);
    e.line = get_uint(json_object_get(json_object_get(f, "start"), "line"));
    e.column = get_uint(json_object_get(json_object_get(f, "start"), "column"));
    e.message = dup_str(json_object_get(f, "message"));
    e.snippet = dup_str(json_object_get(f, "snippet"));
    ms_array_push(out, e);
  }
  return MS_OK;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A result's artifact URI as a path: percent-decoded; "file://" URIs become absolute paths. */
static char *uri_to_path(const char *uri) {
  if (strncmp(uri, "file://", 7) == 0) {
    uri += 7;
    if (*uri != '/') uri = strchr(uri, '/') ? strchr(uri, '/') : ""; /* file://host/path */
  }
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (const char *p = uri; *p; p++) {
    int hi, lo;
    if (p[0] == '%' && (hi = hex_value(p[1])) >= 0 && (lo = hex_value(p[2])) >= 0) {
      ms_strbuf_putc(&b, (char)(hi * 16 + lo));
      p += 2;
    } else {
      ms_strbuf_putc(&b, *p);
    }
  }
  if (b.len == 0) ms_strbuf_putc(&b, '.');
  return ms_strbuf_detach(&b);
}

/* SARIF level back to a severity when the result has no properties.severity. */
static ms_severity severity_of_level(json_t *level) {
  const char *l = json_is_string(level) ? json_string_value(level) : "warning";
  return strcmp(l, "error") == 0 ? MS_SEV_CRITICAL : strcmp(l, "warning") == 0 ? MS_SEV_HIGH : MS_SEV_LOW;
}

static ms_status load_sarif(json_t *root, ms_baseline_entries *out, const char *path, ms_error *err) {
  size_t r, i;
  json_t *run, *res;
  json_array_foreach(json_object_get(root, "runs"), r, run) {
    json_t *name = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "name");
    if (!json_is_string(name) || strcmp(json_string_value(name), "mcp-sentinel") != 0)
      return ms_error_set(err, MS_EPARSE, path, 0, 0,
                          "baseline: a SARIF run of '%s', not of mcp-sentinel (its fingerprints cannot be compared)",
                          json_is_string(name) ? json_string_value(name) : "an unnamed tool");
    json_array_foreach(json_object_get(run, "results"), i, res) {
      json_t *fp = json_object_get(json_object_get(res, "partialFingerprints"), OWN_FINGERPRINT_KEY);
      json_t *rule = json_object_get(res, "ruleId");
      json_t *phys = json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation");
      json_t *uri = json_object_get(json_object_get(phys, "artifactLocation"), "uri");
      if (!json_is_string(fp) || !json_is_string(rule) || !json_is_string(uri)) continue;
      json_t *region = json_object_get(phys, "region");
      json_t *props = json_object_get(res, "properties");
      ms_baseline_entry e = {0};
      e.rule_id = dup_str(rule);
      e.path = uri_to_path(json_string_value(uri));
      e.fingerprint = dup_str(fp);
      e.severity = severity_of(json_object_get(props, "severity"), severity_of_level(json_object_get(res, "level")));
      e.line = get_uint(json_object_get(region, "startLine"));
      e.column = get_uint(json_object_get(region, "startColumn"));
      e.message = dup_str(json_object_get(json_object_get(res, "message"), "text"));
      e.snippet = dup_str(json_object_get(json_object_get(region, "snippet"), "text"));
      ms_array_push(out, e);
    }
  }
  return MS_OK;
}

ms_status ms_baseline_file_load(const char *path, ms_baseline_entries *out, ms_error *err) {
  json_error_t jerr;
  FILE *f = fopen(path, "rb");
  if (f == NULL) return ms_error_set(err, MS_EIO, path, 0, 0, "cannot read the baseline: %s", strerror(errno));
  json_t *root = json_loadf(f, 0, &jerr);
  fclose(f);
  if (root == NULL)
    return ms_error_set(err, MS_EPARSE, path, (uint32_t)(jerr.line > 0 ? jerr.line : 0),
                        (uint32_t)(jerr.column > 0 ? jerr.column : 0),
                        "the baseline is not a JSON report or SARIF log of mcp-sentinel: %s", jerr.text);
  ms_status st;
  if (json_is_array(json_object_get(root, "runs")))
    st = load_sarif(root, out, path, err);
  else if (json_is_string(json_object_get(root, "schema_version")) && json_is_array(json_object_get(root, "findings")))
    st = load_json_report(root, out);
  else
    st = ms_error_set(err, MS_EPARSE, path, 0, 0,
                      "the baseline is not a JSON report or SARIF log of mcp-sentinel (no \"findings\" or \"runs\")");
  json_decref(root);
  return st;
}
