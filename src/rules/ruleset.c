/* The ruleset: loading (built-in and user rules), validation, freezing. After freeze the
 * object is immutable and shared read-only by every worker. */
#include "rules/ruleset.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "match/matcher.h"
#include "match/template.h"
#include "rules/builtin.h"
#include "rules/load_yaml.h"
#include "util/array.h"
#include "util/dirlist.h"
#include "util/path.h"
#include "util/sha256.h"
#include "util/literals.h"
#include "util/xalloc.h"

#define MAX_RULE_FILE_BYTES (1u << 20)
#define MAX_RULE_DIR_DEPTH 32

struct ms_ruleset {
  ms_array(ms_rule) rules;
  bool frozen;
  void *sets[MS_MATCHER_COUNT]; /* compiled per matcher kind */
  /* Every rule's pre-filter literals, searched in one pass per file; rule i owns literals
   * prefilter_first[i] .. prefilter_first[i + 1] - 1. Set by freeze. */
  ms_literal_set *prefilter;
  const char **prefilter_strings;
  uint32_t *prefilter_first;
  ms_array(struct text_digest { uint8_t d[32]; }) texts; /* SHA-256 of each rule file's text */
  uint8_t digest[32];           /* over the sorted text digests; set by freeze */
};

ms_ruleset *ms_ruleset_new(void) { return ms_xcalloc(1, sizeof(ms_ruleset)); }

void ms_ruleset_free(ms_ruleset *self) {
  if (self == NULL) return;
  for (int k = 0; k < MS_MATCHER_COUNT; k++) ms_matcher_get((ms_matcher_kind)k)->free(self->sets[k]);
  ms_literal_set_free(self->prefilter);
  ms_free(self->prefilter_strings);
  ms_free(self->prefilter_first);
  for (uint32_t i = 0; i < self->rules.len; i++) ms_rule_dispose(&self->rules.items[i]);
  ms_array_free(&self->rules);
  ms_array_free(&self->texts);
  ms_free(self);
}

/* Adds the rule file's rule and the SHA-256 of its text (sha256, or computed when NULL). */
static ms_status add_yaml(ms_ruleset *self, const char *path, const char *text, size_t len, const uint8_t *sha256,
                          ms_error *err) {
  ms_rule r;
  if (self->frozen) return ms_error_set(err, MS_ERR, path, 0, 0, "the ruleset is frozen");
  ms_status st = ms_rule__load_yaml(&r, path, text, len, err);
  if (st < 0) return st;
  ms_array_push(&self->rules, r);
  struct text_digest td;
  if (sha256 != NULL) {
    memcpy(td.d, sha256, sizeof td.d);
  } else {
    ms_sha256 h;
    ms_sha256_init(&h);
    ms_sha256_update(&h, text, len);
    ms_sha256_final(&h, td.d);
  }
  ms_array_push(&self->texts, td);
  return MS_OK;
}

ms_status ms_ruleset_add_yaml(ms_ruleset *self, const char *path, const char *text, size_t len, ms_error *err) {
  return add_yaml(self, path, text, len, NULL, err);
}

ms_status ms_ruleset_add_rule(ms_ruleset *self, ms_rule *rule, ms_error *err) {
  if (self->frozen) return ms_error_set(err, MS_ERR, rule->source, 0, 0, "the ruleset is frozen");
  ms_array_push(&self->rules, *rule);
  memset(rule, 0, sizeof *rule);
  return MS_OK;
}

ms_status ms_ruleset_add_builtin(ms_ruleset *self, ms_error *err) {
  for (size_t i = 0; i < ms_builtin_rule_count; i++) {
    const ms_builtin_rule *b = &ms_builtin_rules[i];
    ms_status st = add_yaml(self, b->path, b->text, b->len, b->sha256, err);
    if (st < 0) return st;
    ms_array_back(&self->rules)->builtin = true;
  }
  return MS_OK;
}

static ms_status read_rule_file(const char *path, char **out, size_t *len, ms_error *err) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return ms_error_set(err, MS_EIO, path, 0, 0, "cannot read rule file: %s", strerror(errno));
  char *buf = ms_xmalloc(MAX_RULE_FILE_BYTES + 1);
  size_t n = fread(buf, 1, MAX_RULE_FILE_BYTES + 1, f);
  bool bad = ferror(f) != 0;
  fclose(f);
  if (bad) {
    ms_free(buf);
    return ms_error_set(err, MS_EIO, path, 0, 0, "cannot read rule file");
  }
  if (n > MAX_RULE_FILE_BYTES) {
    ms_free(buf);
    return ms_error_set(err, MS_EPARSE, path, 0, 0, "rule file is larger than %u bytes", MAX_RULE_FILE_BYTES);
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return MS_OK;
}

static bool has_yaml_ext(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static ms_status add_dir(ms_ruleset *self, const char *dir, int depth, ms_error *err) {
  if (depth > MAX_RULE_DIR_DEPTH) return ms_error_set(err, MS_EPARSE, dir, 0, 0, "rule directories nest too deeply");
  ms_dirlist names;
  if (ms_dirlist_read(&names, dir) < 0)
    return ms_error_set(err, MS_EIO, dir, 0, 0, "cannot open rule directory: %s", strerror(errno));
  ms_status st = MS_OK;
  for (uint32_t i = 0; i < names.len && st == MS_OK; i++) {
    char *path = ms_path_join(dir, names.items[i]);
    struct stat sb;
    /* stat, not lstat: a user may symlink rule files; the depth bound stops directory loops. */
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      st = add_dir(self, path, depth + 1, err);
    } else if (has_yaml_ext(names.items[i])) {
      char *text = NULL;
      size_t len = 0;
      st = read_rule_file(path, &text, &len, err);
      if (st == MS_OK) st = ms_ruleset_add_yaml(self, path, text, len, err);
      ms_free(text);
    }
    ms_free(path);
  }
  ms_dirlist_dispose(&names);
  return st;
}

ms_status ms_ruleset_add_dir(ms_ruleset *self, const char *dir, ms_error *err) {
  struct stat sb;
  if (stat(dir, &sb) != 0) return ms_error_set(err, MS_ENOTFOUND, dir, 0, 0, "rule directory not found: %s", strerror(errno));
  if (!S_ISDIR(sb.st_mode)) {
    char *text = NULL;
    size_t len = 0;
    ms_status st = read_rule_file(dir, &text, &len, err);
    if (st == MS_OK) st = ms_ruleset_add_yaml(self, dir, text, len, err);
    ms_free(text);
    return st;
  }
  return add_dir(self, dir, 0, err);
}

typedef struct capture_check {
  const char *pattern;
  const char *bad;
  size_t bad_len;
} capture_check;

/* {{name}} in a query rule's message must name a capture: "@name" not followed by more of an
 * identifier. */
static bool names_a_capture(const char *name, size_t len, void *payload) {
  capture_check *cc = payload;
  for (const char *p = strchr(cc->pattern, '@'); p; p = strchr(p + 1, '@')) {
    if (strncmp(p + 1, name, len) != 0) continue;
    char next = p[1 + len]; /* within the pattern (at worst its NUL) only once the name matched */
    if (!(isalnum((unsigned char)next) || next == '_' || next == '-' || next == '.')) return true;
  }
  cc->bad = name;
  cc->bad_len = len;
  return false;
}

static int cmp_digest(const void *a, const void *b) { return memcmp(a, b, 32); }

static int cmp_rule(const void *a, const void *b) {
  return strcmp(((const ms_rule *)a)->id, ((const ms_rule *)b)->id);
}

ms_status ms_ruleset_freeze(ms_ruleset *self, ms_error *err) {
  if (self->frozen) return MS_OK;
  if (self->rules.len) qsort(self->rules.items, self->rules.len, sizeof(ms_rule), cmp_rule);
  for (uint32_t i = 1; i < self->rules.len; i++) {
    if (strcmp(self->rules.items[i - 1].id, self->rules.items[i].id) == 0)
      return ms_error_set(err, MS_EPARSE, self->rules.items[i].source, 0, 0,
                          "duplicate rule id '%s' (also defined in %s)", self->rules.items[i].id,
                          self->rules.items[i - 1].source);
  }
  for (int k = 0; k < MS_MATCHER_COUNT; k++) {
    ms_status st = ms_matcher_get((ms_matcher_kind)k)->build(&self->sets[k], self->rules.items, self->rules.len, err);
    if (st < 0) return st;
  }
  for (uint32_t i = 0; i < self->rules.len; i++) {
    const ms_rule *r = &self->rules.items[i];
    capture_check cc = {r->pattern, NULL, 0};
    if (r->matcher == MS_MATCHER_QUERY && !ms_template_each_name(r->message, names_a_capture, &cc))
      return ms_error_set(err, MS_EPARSE, r->source, 0, 0, "message names {{%.*s}}, which is not a capture of the query",
                          (int)cc.bad_len, cc.bad);
  }
  uint32_t n = self->rules.len, total = 0;
  for (uint32_t i = 0; i < n; i++) total += self->rules.items[i].nprefilter;
  self->prefilter_strings = ms_xcalloc(total + 1, sizeof(char *));
  self->prefilter_first = ms_xcalloc(n + 1, sizeof(uint32_t));
  total = 0;
  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &self->rules.items[i];
    self->prefilter_first[i] = total;
    for (uint32_t k = 0; k < r->nprefilter; k++) self->prefilter_strings[total++] = r->prefilter[k];
  }
  self->prefilter_first[n] = total;
  self->prefilter = ms_literal_set_new(self->prefilter_strings, total, false);
  /* Sorted, so the digest depends on which rules are loaded, not on the loading order. */
  if (self->texts.len) qsort(self->texts.items, self->texts.len, sizeof *self->texts.items, cmp_digest);
  ms_sha256 h;
  ms_sha256_init(&h);
  for (uint32_t i = 0; i < self->texts.len; i++) ms_sha256_update(&h, self->texts.items[i].d, 32);
  ms_sha256_final(&h, self->digest);
  self->frozen = true;
  return MS_OK;
}

void ms_ruleset_digest(const ms_ruleset *self, uint8_t out[32]) { memcpy(out, self->digest, 32); }

uint32_t ms_ruleset_count(const ms_ruleset *self) { return self->rules.len; }

uint32_t ms_ruleset_prefilter_count(const ms_ruleset *self) { return self->prefilter_first[self->rules.len]; }

void ms_ruleset_prefilter_scan(const ms_ruleset *self, ms_literal_pass *pass, const char *text, uint32_t len,
                               bool *found) {
  ms_literal_pass_scan(pass, self->prefilter, text, len, found);
}

bool ms_ruleset_prefilter_passes(const ms_ruleset *self, uint32_t index, const bool *found) {
  uint32_t first = self->prefilter_first[index], end = self->prefilter_first[index + 1];
  if (first == end) return true;
  for (uint32_t k = first; k < end; k++)
    if (found[k]) return true;
  return false;
}

const ms_rule *ms_ruleset_get(const ms_ruleset *self, uint32_t index) { return ms_array_get(&self->rules, index); }

void ms_ruleset_set_severity(ms_ruleset *self, uint32_t index, ms_severity severity) {
  ms_array_get(&self->rules, index)->severity = severity;
}

int64_t ms_ruleset_find(const ms_ruleset *self, const char *id) {
  uint32_t lo = 0, hi = self->rules.len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(self->rules.items[mid].id, id);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

const void *ms_ruleset_matcher_set(const ms_ruleset *self, ms_matcher_kind kind) {
  return (unsigned)kind < MS_MATCHER_COUNT ? self->sets[kind] : NULL;
}

int ms_ruleset_finding_cmp(const void *a, const void *b, void *ruleset) {
  const ms_finding *x = a, *y = b;
  const ms_ruleset *rs = ruleset;
  if (x->span.start_line != y->span.start_line) return x->span.start_line < y->span.start_line ? -1 : 1;
  if (x->span.start_col != y->span.start_col) return x->span.start_col < y->span.start_col ? -1 : 1;
  int c = strcmp(ms_ruleset_get(rs, x->rule)->id, ms_ruleset_get(rs, y->rule)->id);
  if (c != 0) return c;
  if (x->span.end_byte != y->span.end_byte) return x->span.end_byte < y->span.end_byte ? -1 : 1;
  return 0;
}
