/* YAML rule file → ms_rule, with errors that point at the offending key or value
 * (FILE:LINE:COL). This file only reads and validates fields; compiling the matchers is
 * ruleset.c's job. */
#include "rules/load_yaml.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lang/lang.h"
#include "match/matcher.h"
#include "rules/load_metadata.h"
#include "util/strbuf.h"
#include "util/yamldoc.h"
#include "util/xalloc.h"

typedef struct loader {
  yaml_document_t *doc;
  const char *path;
  const char *text;
  size_t len;
  ms_error *err;
} loader;

static ms_status fail_at(loader *l, const yaml_node_t *node, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static ms_status fail_at(loader *l, const yaml_node_t *node, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ms_status st = ms_rule__vfail_at(l->err, l->path, node, fmt, ap);
  va_end(ap);
  return st;
}

static const char *scalar(const yaml_node_t *n) {
  return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static ms_status get_string(loader *l, const yaml_node_t *v, const char *key, char **out) {
  const char *s = scalar(v);
  if (s == NULL || (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && v->data.scalar.length == 0))
    return fail_at(l, v, "'%s' must be a non-empty string", key);
  if (strlen(s) != v->data.scalar.length) return fail_at(l, v, "'%s' contains a NUL byte", key);
  *out = ms_xstrdup(s);
  return MS_OK;
}

static ms_status get_string_list(loader *l, const yaml_node_t *v, const char *key, char ***out, uint32_t *n) {
  if (v->type == YAML_SCALAR_NODE) { /* a single string is accepted as a one-item list */
    *out = ms_xcalloc(1, sizeof(char *));
    *n = 1;
    return get_string(l, v, key, &(*out)[0]);
  }
  if (v->type != YAML_SEQUENCE_NODE) return fail_at(l, v, "'%s' must be a list of strings", key);
  size_t count = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
  *out = ms_xcalloc(count ? count : 1, sizeof(char *));
  *n = 0;
  for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
    yaml_node_t *item = yaml_document_get_node(l->doc, *it);
    ms_status st = get_string(l, item, key, &(*out)[*n]);
    if (st < 0) return st;
    (*n)++;
  }
  return MS_OK;
}

static ms_status get_uint(loader *l, const yaml_node_t *v, const char *key, const char *prefix, uint32_t *out) {
  const char *s = scalar(v);
  if (s == NULL) return fail_at(l, v, "'%s' must be a number", key);
  if (prefix && strncasecmp(s, prefix, strlen(prefix)) == 0) s += strlen(prefix);
  char *end = NULL;
  errno = 0;
  unsigned long x = strtoul(s, &end, 10);
  if (!isdigit((unsigned char)s[0]) || *end != '\0' || errno != 0 || x == 0 || x > 100000)
    return fail_at(l, v, "'%s' must be a positive number, not '%s'", key, scalar(v));
  *out = (uint32_t)x;
  return MS_OK;
}

static ms_status get_languages(loader *l, const yaml_node_t *v, uint32_t *mask) {
  char **names = NULL;
  uint32_t n = 0;
  ms_status st = get_string_list(l, v, "languages", &names, &n);
  *mask = 0;
  for (uint32_t i = 0; st == MS_OK && i < n; i++) {
    if (strcmp(names[i], "text") == 0) {
      *mask |= (1u << MS_LANG_COUNT) - 1u;
      continue;
    }
    ms_lang_id id = ms_lang_by_name(names[i]);
    if (id == MS_LANG_NONE) {
      st = fail_at(l, v, "unknown language '%s' (expected python, javascript, typescript, tsx, json, yaml, dotenv or text)%s",
                   names[i], "");
      break;
    }
    *mask |= 1u << id;
    if (id == MS_LANG_TYPESCRIPT) *mask |= 1u << MS_LANG_TSX;
  }
  if (st == MS_OK && n == 0) st = fail_at(l, v, "'languages' must name at least one language");
  for (uint32_t i = 0; i < n; i++) ms_free(names[i]);
  ms_free(names);
  return st;
}

void ms_rule__scalar_position(const char *text, size_t len, const yaml_node_t *v, uint32_t *line, uint32_t *col,
                              uint32_t *indent) {
  *line = (uint32_t)v->start_mark.line + 1;
  *col = (uint32_t)v->start_mark.column + 1;
  *indent = 0;
  yaml_scalar_style_t style = v->data.scalar.style;
  if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
    /* Content begins on the next line, at that line's indentation. */
    size_t off = v->start_mark.index;
    while (off < len && text[off] != '\n') off++;
    if (off < len) off++;
    uint32_t n = 0;
    while (off + n < len && text[off + n] == ' ') n++;
    (*line)++;
    *col = n + 1;
    *indent = n;
  } else if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
    (*col)++;
  }
}

/* Where the pattern text starts in the file, so query/regex errors point into the YAML. */
static void pattern_position(loader *l, const yaml_node_t *v, ms_rule *r) {
  ms_rule__scalar_position(l->text, l->len, v, &r->pattern_line, &r->pattern_col, &r->pattern_indent);
}

/* keywords: ASCII literals of 2 or more printable characters, matched in any case. */
static ms_status get_keywords(loader *l, const yaml_node_t *v, ms_rule *r) {
  ms_status st = get_string_list(l, v, "keywords", &r->keywords, &r->nkeywords);
  for (uint32_t i = 0; st == MS_OK && i < r->nkeywords; i++) {
    const char *k = r->keywords[i];
    bool ok = strlen(k) >= 2;
    for (const char *p = k; *p && ok; p++) ok = *p > 0x20 && *p < 0x7f;
    if (!ok) st = fail_at(l, v, "keyword '%s' must be 2 or more printable ASCII characters, no spaces", k);
  }
  if (st == MS_OK && r->nkeywords == 0) st = fail_at(l, v, "'keywords' must list at least one literal");
  return st;
}

static ms_status get_entropy(loader *l, const yaml_node_t *v, double *out) {
  const char *s = scalar(v);
  char *end = NULL;
  errno = 0;
  double x = s ? strtod(s, &end) : 0;
  if (s == NULL || end == s || *end != '\0' || errno != 0 || !(x >= 0 && x <= 8))
    return fail_at(l, v, "'entropy' must be a number of bits per character from 0 to 8, not '%s'", s ? s : "?");
  *out = x;
  return MS_OK;
}

static const char *const known_keys[] = {"id", "version", "title", "severity", "confidence", "cwe",
                                         "languages", "message", "description", "remediation",
                                         "references", "prefilter", "sanitizers", "supersedes", "fixed_prefix_safe",
                                         "keywords", "entropy", "allow", "allow_names", "sources", "guards",
                                         "containment", NULL};

/* A guard (or containment check) is a PCRE2 regex with a named group `var` (the variable the
 * condition rejects or checks). */
static ms_status check_guard(loader *l, const yaml_node_t *v, const char *key, const char *guard) {
  int ecode = 0;
  PCRE2_SIZE eoff = 0;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)guard, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ecode, &eoff, NULL);
  if (re == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(ecode, msg, sizeof msg);
    return fail_at(l, v, "invalid regex in '%s': %s", key, (const char *)msg);
  }
  int group = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "var");
  pcre2_code_free(re);
  if (group < 0) return fail_at(l, v, "'%s': a regex must name the checked variable with a group (?<var>...)", key);
  return MS_OK;
}

/* containment: {resolvers, relative, inside, outside}, lists of callees and of regexes. */
static ms_status get_containment(loader *l, const yaml_node_t *v, ms_rule *r) {
  if (v->type != YAML_MAPPING_NODE)
    return fail_at(l, v, "'containment' must be a mapping (resolvers, relative, inside, outside, raises)");
  ms_status st = MS_OK;
  for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top && st == MS_OK; p++) {
    yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
    yaml_node_t *x = yaml_document_get_node(l->doc, p->value);
    const char *key = scalar(k);
    char ***list = NULL;
    uint32_t *n = NULL;
    if (key && strcmp(key, "resolvers") == 0) list = &r->resolvers, n = &r->nresolvers;
    else if (key && strcmp(key, "relative") == 0) list = &r->relative, n = &r->nrelative;
    else if (key && strcmp(key, "inside") == 0) list = &r->inside, n = &r->ninside;
    else if (key && strcmp(key, "outside") == 0) list = &r->outside, n = &r->noutside;
    else if (key && strcmp(key, "raises") == 0) list = &r->raises, n = &r->nraises;
    else return fail_at(l, k, "unknown field '%s' in 'containment' (resolvers, relative, inside, outside, raises)",
                        key ? key : "?");
    if (*list) return fail_at(l, k, "duplicate field '%s' in 'containment'", key);
    st = get_string_list(l, x, key, list, n);
    bool regexes = list == &r->inside || list == &r->outside || list == &r->raises;
    for (uint32_t i = 0; st == MS_OK && regexes && i < *n; i++) st = check_guard(l, x, key, (*list)[i]);
  }
  if (st == MS_OK && r->ninside + r->noutside + r->nraises == 0)
    st = fail_at(l, v, "'containment' needs 'inside', 'outside' or 'raises' checks");
  if (st == MS_OK && r->nresolvers + r->nrelative == 0)
    st = fail_at(l, v, "'containment' needs 'resolvers' or 'relative' callees (a check on an unresolved path proves nothing)");
  return st;
}

static bool valid_id(const char *id) {
  if (!(islower((unsigned char)id[0]) || isdigit((unsigned char)id[0]))) return false;
  for (const char *p = id; *p; p++)
    if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.')) return false;
  return strlen(id) <= 128;
}

static bool seen_key(const yaml_node_t *const *seen, const char *key) {
  for (int i = 0; known_keys[i]; i++)
    if (strcmp(known_keys[i], key) == 0) return seen[i] != NULL;
  return false;
}

static ms_status load_mapping(loader *l, yaml_node_t *root, ms_rule *r) {
  ms_status st = MS_OK;
  const yaml_node_t *seen[sizeof known_keys / sizeof known_keys[0]] = {0}, *matcher = NULL;
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && st == MS_OK; p++) {
    yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
    yaml_node_t *v = yaml_document_get_node(l->doc, p->value);
    const char *key = scalar(k);
    if (key == NULL) return fail_at(l, k, "rule keys must be strings");
    ms_matcher_kind mk = ms_matcher_by_key(key);
    if (mk != MS_MATCHER_COUNT) { /* the matcher: its key names the kind, its value is the pattern */
      if (matcher)
        return fail_at(l, k, "a rule has exactly one matcher ('query', 'regex', 'taint', 'secret', 'metadata' or 'project')");
      matcher = k;
      r->matcher = mk;
      if (mk == MS_MATCHER_METADATA) { /* its value is a mapping of signals, not a pattern */
        st = ms_rule__load_metadata(l->doc, l->path, l->text, l->len, v, r, l->err);
        continue;
      }
      st = get_string(l, v, key, &r->pattern);
      if (st == MS_OK) pattern_position(l, v, r);
      continue;
    }
    int ki = -1;
    for (int i = 0; known_keys[i]; i++)
      if (strcmp(known_keys[i], key) == 0) ki = i;
    if (ki < 0) return fail_at(l, k, "unknown field '%s'", key);
    if (seen[ki]) return fail_at(l, k, "duplicate field '%s'", key);
    seen[ki] = k;
    if (strcmp(key, "id") == 0) {
      st = get_string(l, v, key, &r->id);
      if (st == MS_OK && !valid_id(r->id))
        st = fail_at(l, v, "invalid rule id '%s' (use lower-case letters, digits, '-', '_' and '.')", r->id);
    } else if (strcmp(key, "version") == 0) {
      st = get_uint(l, v, key, NULL, &r->version);
    } else if (strcmp(key, "title") == 0) {
      st = get_string(l, v, key, &r->title);
    } else if (strcmp(key, "severity") == 0) {
      const char *s = scalar(v);
      if (s == NULL || !ms_severity_parse(s, &r->severity))
        st = fail_at(l, v, "'severity' must be CRITICAL, HIGH, MEDIUM, LOW or INFO, not '%s'", s ? s : "?");
    } else if (strcmp(key, "confidence") == 0) {
      const char *s = scalar(v);
      if (s == NULL || !ms_confidence_parse(s, &r->confidence))
        st = fail_at(l, v, "'confidence' must be high, medium or low, not '%s'", s ? s : "?");
    } else if (strcmp(key, "cwe") == 0) {
      st = get_uint(l, v, key, "CWE-", &r->cwe);
    } else if (strcmp(key, "languages") == 0) {
      st = get_languages(l, v, &r->langs);
    } else if (strcmp(key, "message") == 0) {
      st = get_string(l, v, key, &r->message);
    } else if (strcmp(key, "description") == 0) {
      st = get_string(l, v, key, &r->description);
    } else if (strcmp(key, "remediation") == 0) {
      st = get_string(l, v, key, &r->remediation);
    } else if (strcmp(key, "references") == 0) {
      st = get_string_list(l, v, key, &r->references, &r->nreferences);
    } else if (strcmp(key, "prefilter") == 0) {
      st = get_string_list(l, v, key, &r->prefilter, &r->nprefilter);
    } else if (strcmp(key, "sanitizers") == 0) {
      st = get_string_list(l, v, key, &r->sanitizers, &r->nsanitizers);
    } else if (strcmp(key, "supersedes") == 0) {
      st = get_string_list(l, v, key, &r->supersedes, &r->nsupersedes);
    } else if (strcmp(key, "keywords") == 0) {
      st = get_keywords(l, v, r);
    } else if (strcmp(key, "entropy") == 0) {
      st = get_entropy(l, v, &r->entropy);
    } else if (strcmp(key, "allow") == 0) {
      st = get_string_list(l, v, key, &r->allow, &r->nallow);
    } else if (strcmp(key, "allow_names") == 0) {
      st = get_string_list(l, v, key, &r->allow_names, &r->nallow_names);
    } else if (strcmp(key, "sources") == 0) {
      st = get_string(l, v, key, &r->sources);
      if (st == MS_OK) {
        ms_rule at = {0};
        pattern_position(l, v, &at);
        r->sources_line = at.pattern_line, r->sources_col = at.pattern_col, r->sources_indent = at.pattern_indent;
      }
    } else if (strcmp(key, "guards") == 0) {
      st = get_string_list(l, v, key, &r->guards, &r->nguards);
      for (uint32_t i = 0; st == MS_OK && i < r->nguards; i++) st = check_guard(l, v, key, r->guards[i]);
    } else if (strcmp(key, "containment") == 0) {
      st = get_containment(l, v, r);
    } else { /* fixed_prefix_safe */
      const char *s = scalar(v);
      if (s == NULL || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
        st = fail_at(l, v, "'%s' must be true or false", key);
      else
        r->fixed_prefix_safe = strcmp(s, "true") == 0;
    }
  }
  if (st < 0) return st;
  static const char *const required[] = {"id", "title", "severity", "confidence", "cwe", "languages",
                                         "message", "description", "remediation", "references", NULL};
  for (int i = 0; required[i]; i++) {
    int ki = 0;
    while (strcmp(known_keys[ki], required[i]) != 0) ki++;
    if (!seen[ki]) return fail_at(l, root, "missing required field '%s'", required[i]);
  }
  if (matcher == NULL) return fail_at(l, root, "missing matcher: add 'query', 'regex', 'taint' or 'metadata'");
  if (r->nreferences == 0) return fail_at(l, root, "'references' must list at least one URL");
  if ((seen_key(seen, "sanitizers") || seen_key(seen, "fixed_prefix_safe") || seen_key(seen, "sources") ||
       seen_key(seen, "guards")) &&
      r->matcher != MS_MATCHER_TAINT)
    return fail_at(l, root, "'sanitizers', 'sources', 'guards' and 'fixed_prefix_safe' apply to 'taint' rules only");
  if (seen_key(seen, "containment") && r->matcher != MS_MATCHER_TAINT)
    return fail_at(l, root, "'containment' applies to 'taint' rules only");
  bool secret_keys = seen_key(seen, "keywords") || seen_key(seen, "entropy") || seen_key(seen, "allow") ||
                     seen_key(seen, "allow_names");
  if (secret_keys && r->matcher != MS_MATCHER_SECRETS)
    return fail_at(l, root, "'keywords', 'entropy', 'allow' and 'allow_names' apply to 'secret' rules only");
  if (r->matcher == MS_MATCHER_SECRETS && !seen_key(seen, "keywords"))
    return fail_at(l, root, "a 'secret' rule needs 'keywords' (the literals that must occur in a file)");
  if (ms_matcher_get(r->matcher)->needs_tree && (r->langs & ((1u << MS_LANG_PARSED_COUNT) - 1u)) == 0)
    return fail_at(l, root, "a 'query' rule needs a language with a grammar (python, javascript, typescript, tsx)");
  if (r->version == 0) r->version = 1;
  return MS_OK;
}

ms_status ms_rule__load_yaml(ms_rule *out, const char *path, const char *text, size_t len, ms_error *err) {
  yaml_document_t doc;
  ms_status st = MS_OK;
  bool have_doc = false;
  memset(out, 0, sizeof *out);
  loader l = {&doc, path, text, len, err};

  st = ms_yamldoc_load(&doc, path, text, len, err);
  if (st < 0) goto cleanup;
  have_doc = true;
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (root == NULL) {
    st = ms_error_set(err, MS_EPARSE, path, 1, 1, "empty rule file");
    goto cleanup;
  }
  if (root->type != YAML_MAPPING_NODE) {
    st = fail_at(&l, root, "a rule file must be a mapping of fields (id, title, severity, ...)");
    goto cleanup;
  }
  st = load_mapping(&l, root, out);
  if (st == MS_OK) out->source = ms_xstrdup(path);

cleanup:
  if (have_doc) yaml_document_delete(&doc);
  if (st < 0) ms_rule_dispose(out);
  return st;
}

void ms_rule_dispose(ms_rule *self) {
  ms_free(self->id);
  ms_free(self->title);
  ms_free(self->message);
  ms_free(self->description);
  ms_free(self->remediation);
  for (uint32_t i = 0; i < self->nreferences; i++) ms_free(self->references[i]);
  ms_free(self->references);
  for (uint32_t i = 0; i < self->nprefilter; i++) ms_free(self->prefilter[i]);
  ms_free(self->prefilter);
  for (uint32_t i = 0; i < self->nsanitizers; i++) ms_free(self->sanitizers[i]);
  ms_free(self->sanitizers);
  for (uint32_t i = 0; i < self->nsupersedes; i++) ms_free(self->supersedes[i]);
  ms_free(self->supersedes);
  for (uint32_t i = 0; i < self->nkeywords; i++) ms_free(self->keywords[i]);
  ms_free(self->keywords);
  for (uint32_t i = 0; i < self->nallow; i++) ms_free(self->allow[i]);
  ms_free(self->allow);
  for (uint32_t i = 0; i < self->nallow_names; i++) ms_free(self->allow_names[i]);
  ms_free(self->allow_names);
  ms_free(self->pattern);
  ms_free(self->sources);
  for (uint32_t i = 0; i < self->nguards; i++) ms_free(self->guards[i]);
  ms_free(self->guards);
  char **lists[] = {self->resolvers, self->relative, self->inside, self->outside, self->raises};
  uint32_t counts[] = {self->nresolvers, self->nrelative, self->ninside, self->noutside, self->nraises};
  for (int k = 0; k < 5; k++) {
    for (uint32_t i = 0; i < counts[k]; i++) ms_free(lists[k][i]);
    ms_free(lists[k]);
  }
  ms_free(self->source);
  ms_rule__dispose_metadata(self);
  memset(self, 0, sizeof *self);
}

void ms_rule_pattern_position(const ms_rule *self, uint32_t offset, uint32_t *line, uint32_t *col) {
  ms_rule_regex re = {self->pattern, self->pattern_line, self->pattern_col, self->pattern_indent};
  ms_rule_regex_position(&re, offset, line, col);
}
