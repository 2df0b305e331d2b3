/* The `metadata` matcher's YAML: named, weighted signals (PCRE2 regexes or detectors written in
 * C) and the total weights that give each severity. Only reads and validates; the regexes are
 * compiled by match/metadata.c when the ruleset is frozen. */
#include "rules/load_metadata.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "match/metadata.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_WEIGHT 100u

typedef struct reader {
  yaml_document_t *doc;
  const char *path;
  const char *text;
  size_t len;
  ms_error *err;
} reader;

static ms_status fail(reader *rd, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

ms_status ms_rule__vfail_at(ms_error *err, const char *path, const yaml_node_t *node, const char *fmt, va_list ap) {
  uint32_t line = node ? (uint32_t)node->start_mark.line + 1 : 0;
  uint32_t col = node ? (uint32_t)node->start_mark.column + 1 : 0;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_strbuf_vprintf(&b, fmt, ap);
  ms_status st = ms_error_set(err, MS_EPARSE, path, line, col, "%s", ms_strbuf_cstr(&b));
  ms_strbuf_dispose(&b);
  return st;
}

static ms_status fail(reader *rd, const yaml_node_t *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ms_status st = ms_rule__vfail_at(rd->err, rd->path, n, fmt, ap);
  va_end(ap);
  return st;
}

static const char *scalar(const yaml_node_t *n) {
  return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A positive integer up to max. */
static ms_status get_weight(reader *rd, const yaml_node_t *v, const char *what, uint32_t *out) {
  const char *s = scalar(v);
  char *end = NULL;
  errno = 0;
  unsigned long x = s && isdigit((unsigned char)s[0]) ? strtoul(s, &end, 10) : 0;
  if (s == NULL || end == NULL || *end != '\0' || errno != 0 || x == 0 || x > MAX_WEIGHT)
    return fail(rd, v, "%s must be a whole number from 1 to %u, not '%s'", what, MAX_WEIGHT, s ? s : "?");
  *out = (uint32_t)x;
  return MS_OK;
}

/* One regex or a list of them (all of which must match). */
static ms_status get_regexes(reader *rd, const yaml_node_t *v, const char *key, ms_rule_regex **out, uint32_t *n) {
  yaml_node_item_t one = 0;
  const yaml_node_item_t *first = &one, *last = &one + 1;
  if (v->type == YAML_SEQUENCE_NODE) {
    first = v->data.sequence.items.start;
    last = v->data.sequence.items.top;
  } else if (v->type != YAML_SCALAR_NODE) {
    return fail(rd, v, "'%s' must be a regex or a list of regexes", key);
  }
  if (first == last) return fail(rd, v, "'%s' must list at least one regex", key);
  *out = ms_xcalloc((size_t)(last - first), sizeof(ms_rule_regex));
  for (const yaml_node_item_t *it = first; it < last; it++) {
    const yaml_node_t *item = v->type == YAML_SCALAR_NODE ? v : yaml_document_get_node(rd->doc, *it);
    const char *s = scalar(item);
    if (s == NULL || *s == '\0') return fail(rd, item, "'%s' must hold non-empty strings", key);
    if (strlen(s) != item->data.scalar.length) return fail(rd, item, "'%s' contains a NUL byte", key);
    ms_rule_regex *re = &(*out)[(*n)++];
    re->source = ms_xstrdup(s);
    ms_rule__scalar_position(rd->text, rd->len, item, &re->line, &re->col, &re->indent);
  }
  return MS_OK;
}

static bool valid_name(const char *s) {
  if (!islower((unsigned char)s[0])) return false;
  for (const char *p = s; *p; p++)
    if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-')) return false;
  return strlen(s) <= 64;
}

static ms_status load_signal(reader *rd, const yaml_node_t *v, const ms_rule *r, ms_rule_signal *sig) {
  sig->line = (uint32_t)v->start_mark.line + 1;
  sig->col = (uint32_t)v->start_mark.column + 1;
  if (v->type != YAML_MAPPING_NODE) return fail(rd, v, "a signal must be a mapping (name, weight, regex or builtin)");
  ms_status st = MS_OK;
  bool have_weight = false;
  for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top && st == MS_OK; p++) {
    yaml_node_t *k = yaml_document_get_node(rd->doc, p->key), *val = yaml_document_get_node(rd->doc, p->value);
    const char *key = scalar(k), *s = scalar(val);
    if (key == NULL) return fail(rd, k, "signal keys must be strings");
    bool dup = (strcmp(key, "name") == 0 && sig->name) || (strcmp(key, "description") == 0 && sig->description) || (strcmp(key, "weight") == 0 && have_weight) ||
               (strcmp(key, "builtin") == 0 && sig->builtin) || (strcmp(key, "regex") == 0 && sig->nregex) ||
               (strcmp(key, "unless") == 0 && sig->nunless);
    if (dup) return fail(rd, k, "duplicate field '%s'", key);
    if (strcmp(key, "name") == 0) {
      if (s == NULL || !valid_name(s))
        return fail(rd, val, "a signal name must be lower-case letters, digits and '-', starting with a letter");
      for (uint32_t i = 0; i < r->nsignals; i++)
        if (strcmp(r->signals[i].name, s) == 0) return fail(rd, val, "duplicate signal name '%s'", s);
      sig->name = ms_xstrdup(s);
    } else if (strcmp(key, "description") == 0) {
      if (s == NULL || *s == '\0') return fail(rd, val, "a signal's 'description' must be a non-empty string");
      sig->description = ms_xstrdup(s);
    } else if (strcmp(key, "weight") == 0) {
      st = get_weight(rd, val, "'weight'", &sig->weight);
      have_weight = true;
    } else if (strcmp(key, "builtin") == 0) {
      if (s == NULL || !ms_metadata_builtin_known(s))
        return fail(rd, val, "unknown builtin detector '%s' (expected %s)", s ? s : "?", ms_metadata_builtin_names);
      sig->builtin = ms_xstrdup(s);
    } else if (strcmp(key, "regex") == 0) {
      st = get_regexes(rd, val, key, &sig->regex, &sig->nregex);
    } else if (strcmp(key, "unless") == 0) {
      st = get_regexes(rd, val, key, &sig->unless, &sig->nunless);
    } else {
      return fail(rd, k, "unknown signal field '%s' (expected name, description, weight, regex, unless or builtin)", key);
    }
  }
  if (st < 0) return st;
  if (sig->name == NULL) return fail(rd, v, "a signal needs a 'name'");
  if (!have_weight) return fail(rd, v, "signal '%s' needs a 'weight'", sig->name);
  if ((sig->builtin != NULL) == (sig->nregex > 0))
    return fail(rd, v, "signal '%s' needs exactly one of 'regex' or 'builtin'", sig->name);
  if (sig->builtin && sig->nunless) return fail(rd, v, "signal '%s': 'unless' applies to 'regex' signals only", sig->name);
  return MS_OK;
}

static ms_status load_signals(reader *rd, const yaml_node_t *v, ms_rule *r) {
  if (v->type != YAML_SEQUENCE_NODE || v->data.sequence.items.start == v->data.sequence.items.top)
    return fail(rd, v, "'signals' must be a non-empty list of signals");
  size_t count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
  r->signals = ms_xcalloc(count, sizeof(ms_rule_signal));
  for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    ms_status st = load_signal(rd, yaml_document_get_node(rd->doc, *it), r, &r->signals[r->nsignals]);
    r->nsignals++; /* counted even when incomplete, so that dispose frees it */
    if (st < 0) return st;
  }
  return MS_OK;
}

/* `levels: {LOW: 3, MEDIUM: 5, ...}`: each severity's least total weight; a higher severity
 * needs a higher weight. */
static ms_status load_levels(reader *rd, const yaml_node_t *v, ms_rule *r) {
  if (v->type != YAML_MAPPING_NODE || v->data.mapping.pairs.start == v->data.mapping.pairs.top)
    return fail(rd, v, "'levels' must map severities to total weights, e.g. {LOW: 3, HIGH: 7}");
  for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(rd->doc, p->key), *val = yaml_document_get_node(rd->doc, p->value);
    ms_severity sev;
    if (scalar(k) == NULL || !ms_severity_parse(scalar(k), &sev))
      return fail(rd, k, "'levels' keys must be CRITICAL, HIGH, MEDIUM, LOW or INFO");
    if (r->levels[sev]) return fail(rd, k, "duplicate level '%s'", scalar(k));
    ms_status st = get_weight(rd, val, "a level", &r->levels[sev]);
    if (st < 0) return st;
  }
  uint32_t below = 0;
  for (int s = 0; s < MS_SEV_COUNT; s++) {
    if (r->levels[s] == 0) continue;
    if (r->levels[s] <= below)
      return fail(rd, v, "'levels' must grow with severity: %s needs more weight than the levels below it",
                  ms_severity_name((ms_severity)s));
    below = r->levels[s];
  }
  return MS_OK;
}

ms_status ms_rule__load_metadata(yaml_document_t *doc, const char *path, const char *text, size_t len, yaml_node_t *v,
                                 ms_rule *r, ms_error *err) {
  reader rd = {doc, path, text, len, err};
  if (v->type != YAML_MAPPING_NODE) return fail(&rd, v, "'metadata' must be a mapping with 'levels' and 'signals'");
  const yaml_node_t *signals = NULL, *levels = NULL;
  for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(doc, p->key), *val = yaml_document_get_node(doc, p->value);
    const char *key = scalar(k);
    const yaml_node_t **slot = key && strcmp(key, "signals") == 0 ? &signals : key && strcmp(key, "levels") == 0 ? &levels : NULL;
    if (slot == NULL) return fail(&rd, k, "unknown field '%s' in 'metadata' (expected levels and signals)", key ? key : "?");
    if (*slot) return fail(&rd, k, "duplicate field '%s'", key);
    *slot = val;
  }
  if (signals == NULL) return fail(&rd, v, "'metadata' needs 'signals'");
  if (levels == NULL) return fail(&rd, v, "'metadata' needs 'levels'");
  ms_status st = load_signals(&rd, signals, r);
  return st < 0 ? st : load_levels(&rd, levels, r);
}

static void free_regexes(ms_rule_regex *re, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) ms_free(re[i].source);
  ms_free(re);
}

void ms_rule__dispose_metadata(ms_rule *r) {
  for (uint32_t i = 0; i < r->nsignals; i++) {
    ms_rule_signal *s = &r->signals[i];
    ms_free(s->name);
    ms_free(s->description);
    ms_free(s->builtin);
    free_regexes(s->regex, s->nregex);
    free_regexes(s->unless, s->nunless);
  }
  ms_free(r->signals);
  r->signals = NULL;
  r->nsignals = 0;
}

void ms_rule_regex_position(const ms_rule_regex *re, uint32_t offset, uint32_t *line, uint32_t *col) {
  uint32_t ln = re->line, c = re->col;
  for (uint32_t i = 0; i < offset && re->source[i]; i++) {
    if (re->source[i] == '\n') {
      ln++;
      c = re->indent + 1;
    } else {
      c++;
    }
  }
  *line = ln;
  *col = c;
}
