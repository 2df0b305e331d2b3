/* The secrets matcher: hardcoded credentials. A rule is a PCRE2 regex whose (?<secret>...)
 * group is the credential; a match is reported when the secret is not a placeholder, has the
 * rule's minimum entropy, and neither it nor the (?<name>...) it is assigned to is allowed by
 * the rule. One pass over each file finds which rules' keywords occur (any case); rules with
 * none are not run. Secrets are redacted in messages, and handed to the worker so that no
 * finding's snippet, message or fingerprint holds them. */
#include "match/secrets.h"

#include <math.h>
#include <string.h>

#include "match/matcher.h"
#include "match/regex.h"
#include "match/template.h"
#include "util/array.h"
#include "util/line_witness.h"
#include "util/literals.h"
#include "util/once.h"
#include "util/path.h"
#include "util/redact.h"
#include "util/xalloc.h"

typedef struct compiled {
  uint32_t rule;
  pcre2_code *re;
  pcre2_code **allow, **allow_names;
  uint32_t *keywords; /* indices into the set's keyword table */
  uint32_t nkeywords;
  /* The regex again, with PCRE2_USE_OFFSET_LIMIT, when every match holds one of the rule's
   * keywords on its line (ms_line_witness): it then runs only on those lines. Else NULL. */
  pcre2_code *ranged;
  bool *mine; /* with ranged: which of the set's keywords are the rule's */
} compiled;

struct ms_secret_set {
  const ms_rule *rules;
  compiled *items;
  uint32_t n;
  char **keywords;           /* distinct, lower case, sorted */
  uint32_t nkeywords;
  ms_literal_set *lits;      /* the keywords, searched in any case in one pass per file */
  bool any_ranged;           /* some rule has a ranged regex */
  ms_once prepared;          /* the ranged regexes and the JIT, made when the set first runs */
};

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static char *lower_dup(const char *s) {
  char *d = ms_xstrdup(s);
  for (char *p = d; *p; p++) *p = (char)lower((unsigned char)*p);
  return d;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static uint32_t keyword_index(const ms_secret_set *set, const char *kw) {
  char *l = lower_dup(kw);
  char **hit = bsearch(&l, set->keywords, set->nkeywords, sizeof(char *), cmp_str);
  ms_free(l);
  return (uint32_t)(hit - set->keywords);
}

/* The table of every rule's keywords: distinct and sorted (rules refer to them by index), and
 * their one-pass search. */
static void build_keywords(ms_secret_set *set, const ms_rule *rules, uint32_t n) {
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; i++)
    if (rules[i].matcher == MS_MATCHER_SECRETS) total += rules[i].nkeywords;
  set->keywords = ms_xcalloc(total ? total : 1, sizeof(char *));
  for (uint32_t i = 0; i < n; i++)
    if (rules[i].matcher == MS_MATCHER_SECRETS)
      for (uint32_t k = 0; k < rules[i].nkeywords; k++) set->keywords[set->nkeywords++] = lower_dup(rules[i].keywords[k]);
  qsort(set->keywords, set->nkeywords, sizeof(char *), cmp_str);
  uint32_t keep = 0;
  for (uint32_t i = 0; i < set->nkeywords; i++) {
    if (keep > 0 && strcmp(set->keywords[keep - 1], set->keywords[i]) == 0) ms_free(set->keywords[i]);
    else set->keywords[keep++] = set->keywords[i];
  }
  set->nkeywords = keep;
  set->lits = ms_literal_set_new((const char *const *)set->keywords, keep, true);
}

static pcre2_code **compile_list(char **patterns, uint32_t n, const ms_rule *r, const char *key, ms_error *err) {
  pcre2_code **out = ms_xcalloc(n + 1, sizeof(pcre2_code *));
  for (uint32_t i = 0; i < n; i++) {
    int ecode = 0;
    PCRE2_SIZE eoff = 0;
    out[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode,
                           &eoff, NULL);
    if (out[i] == NULL) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(ecode, msg, sizeof msg);
      ms_error_set(err, MS_EPARSE, r->source, 0, 0, "invalid regex in '%s' ('%s', offset %u): %s", key, patterns[i],
                   (unsigned)eoff, (const char *)msg);
      for (uint32_t k = 0; k < i; k++) pcre2_code_free(out[k]);
      ms_free(out);
      return NULL;
    }
    /* Not JIT-compiled: an allow regex only sees a candidate's text or name (298 candidates on
     * the bench corpus's JS part), and compiling the lists took 3.8 M instructions of every
     * start-up (72.7 M) against 2.4 M more to interpret them there. */
  }
  return out;
}

static void free_list(pcre2_code **list) {
  if (list == NULL) return;
  for (pcre2_code **p = list; *p; p++) pcre2_code_free(*p);
  ms_free(list);
}

void ms_secret_set_free(ms_secret_set *self) {
  if (self == NULL) return;
  for (uint32_t i = 0; i < self->n; i++) {
    pcre2_code_free(self->items[i].re);
    pcre2_code_free(self->items[i].ranged);
    ms_free(self->items[i].mine);
    free_list(self->items[i].allow);
    free_list(self->items[i].allow_names);
    ms_free(self->items[i].keywords);
  }
  ms_once_dispose(&self->prepared);
  ms_literal_set_free(self->lits);
  for (uint32_t i = 0; i < self->nkeywords; i++) ms_free(self->keywords[i]);
  ms_free(self->keywords);
  ms_free(self->items);
  ms_free(self);
}

/* The ranged regex of c, when its matches allow it. The keyword pass must then report every
 * occurrence, which it does for keywords of two bytes or more. */
static void compile_ranged(ms_secret_set *set, compiled *c, const ms_rule *r) {
  for (uint32_t k = 0; k < r->nkeywords; k++)
    if (strlen(r->keywords[k]) < 2) return;
  if (!ms_line_witness(r->pattern, (const char *const *)r->keywords, r->nkeywords)) return;
  uint32_t options = 0;
  if (pcre2_pattern_info(c->re, PCRE2_INFO_ARGOPTIONS, &options) != 0) return;
  int ecode = 0;
  PCRE2_SIZE eoff = 0;
  c->ranged = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, options | PCRE2_USE_OFFSET_LIMIT, &ecode,
                            &eoff, NULL);
  if (c->ranged == NULL) return;
  ms_match_jit(c->ranged);
  c->mine = ms_xcalloc(set->nkeywords + 1, sizeof(bool));
  for (uint32_t k = 0; k < c->nkeywords; k++) c->mine[c->keywords[k]] = true;
  set->any_ranged = true;
}

static ms_status compile_rule(ms_secret_set *set, uint32_t index, ms_error *err) {
  const ms_rule *r = &set->rules[index];
  compiled *c = &set->items[set->n++];
  c->rule = index;
  ms_status st = ms_regex_compile(&c->re, r, err);
  if (st < 0) return st;
  if (pcre2_substring_number_from_name(c->re, (PCRE2_SPTR) "secret") < 0)
    return ms_error_set(err, MS_EPARSE, r->source, r->pattern_line, r->pattern_col,
                        "a 'secret' regex needs a (?<secret>...) group holding the credential");
  c->allow = compile_list(r->allow, r->nallow, r, "allow", err);
  if (c->allow == NULL) return MS_EPARSE;
  c->allow_names = compile_list(r->allow_names, r->nallow_names, r, "allow_names", err);
  if (c->allow_names == NULL) return MS_EPARSE;
  c->keywords = ms_xcalloc(r->nkeywords, sizeof(uint32_t));
  for (uint32_t k = 0; k < r->nkeywords; k++) c->keywords[c->nkeywords++] = keyword_index(set, r->keywords[k]);
  return MS_OK;
}

/* What only a run needs, made by the first one (the witness analysis, the second compile and
 * the JIT were two fifths of loading the rules, which a warm scan does not run). */
static void prepare(void *p) {
  ms_secret_set *set = p;
  for (uint32_t i = 0; i < set->n; i++) {
    compiled *c = &set->items[i];
    ms_match_jit(c->re);
    compile_ranged(set, c, &set->rules[c->rule]);
  }
}

ms_status ms_secret_set_build(ms_secret_set **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) count += rules[i].matcher == MS_MATCHER_SECRETS;
  if (count == 0) return MS_OK;
  ms_secret_set *set = ms_xcalloc(1, sizeof *set);
  set->rules = rules;
  set->items = ms_xcalloc(count, sizeof(compiled));
  ms_once_init(&set->prepared);
  build_keywords(set, rules, n);
  for (uint32_t i = 0; i < n; i++) {
    if (rules[i].matcher != MS_MATCHER_SECRETS) continue;
    ms_status st = compile_rule(set, i, err);
    if (st < 0) {
      ms_secret_set_free(set);
      return st;
    }
  }
  *out = set;
  return MS_OK;
}

/* ---- filters ------------------------------------------------------------------------------ */

double ms_secrets__entropy(const char *s, size_t len) {
  if (len == 0) return 0;
  uint32_t counts[256] = {0};
  for (size_t i = 0; i < len; i++) counts[(unsigned char)s[i]]++;
  double h = 0;
  for (int b = 0; b < 256; b++) {
    if (counts[b] == 0) continue;
    double p = (double)counts[b] / (double)len;
    h -= p * log2(p);
  }
  return h;
}

static bool contains_ci(const char *s, size_t len, const char *word) {
  size_t n = strlen(word);
  for (size_t i = 0; i + n <= len; i++) {
    size_t j = 0;
    while (j < n && lower((unsigned char)s[i + j]) == (unsigned char)word[j]) j++;
    if (j == n) return true;
  }
  return false;
}

bool ms_secrets__is_placeholder(const char *s, size_t len) {
  /* Template and format syntax: ${VAR}, {{ var }}, <your-token>, %s, %(name)s, $VAR. */
  static const char *const syntax[] = {"${", "{{", "}}", "%s", "%(", "%d", "<", ">", "[", "]", NULL};
  for (const char *const *p = syntax; *p; p++)
    if (contains_ci(s, len, *p)) return true;
  if (len > 0 && s[0] == '$') return true;
  static const char *const words[] = {"changeme", "change_me", "change-me", "your_", "your-", "yourtoken", "yourkey",
                                      "yoursecret", "yourpassword", "placeholder", "example", "redacted", "dummy",
                                      "replace_me", "replace-me", "replaceme", "insert_", "insert-", "sample",
                                      "not-a-real", "notreal", "not_real", NULL};
  for (const char *const *p = words; *p; p++)
    if (contains_ci(s, len, *p)) return true;
  /* Short runs a random secret contains by chance once it is long (a PEM body has a 1 in 200
   * chance of holding one of them); long placeholders fail the entropy test instead. */
  static const char *const runs[] = {"xxxx", "****", "0000", "1234", "abcd", "todo", "fixme", NULL};
  for (const char *const *p = runs; *p && len < 64; p++)
    if (contains_ci(s, len, *p)) return true;
  return false;
}

static bool any_matches(pcre2_code *const *list, const char *s, size_t len, pcre2_match_data *md,
                        pcre2_match_context *mctx) {
  for (pcre2_code *const *p = list; *p; p++)
    if (pcre2_match(*p, (PCRE2_SPTR)s, len, 0, 0, md, mctx) >= 0) return true;
  return false;
}

/* Tests, fixtures, examples and documentation: a credential there is usually a sample. */
bool ms_secrets__is_test_path(const char *path) {
  static const char *const dirs[] = {"test", "tests", "__tests__", "__mocks__", "spec", "specs", "fixtures",
                                     "testdata", "example", "examples", "docs", "doc", NULL};
  const char *seg = path;
  while (*seg) {
    const char *slash = strchr(seg, '/');
    size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
    if (slash) {
      for (const char *const *d = dirs; *d; d++)
        if (strlen(*d) == n && strncmp(seg, *d, n) == 0) return true;
    }
    if (!slash) break;
    seg = slash + 1;
  }
  const char *base = ms_path_basename(path);
  static const char *const globs[] = {"test_*.py", "*_test.py", "tests.py", "conftest.py", "*.test.*", "*.spec.*",
                                      "*.stories.*", "*.md", "*.mdx", "*.rst", "*.example", "*.sample", NULL};
  for (const char *const *g = globs; *g; g++)
    if (ms_path_glob_match(*g, base)) return true;
  return false;
}

/* ---- running ------------------------------------------------------------------------------ */

typedef struct run_ctx {
  const ms_secret_set *set;
  const compiled *c;
  ms_match_scratch *scratch;
  const ms_match_input *in;
  bool test_code;
  ms_emit_fn emit;
  void *payload;
  char *shown;        /* the current match's secret as shown in its message */
  size_t shown_len;
  ms_array(ms_match_report) pending; /* every rule's matches, resolved before they are emitted */
} run_ctx;

static const char *lookup_group(const char *name, size_t name_len, size_t *out_len, void *payload) {
  run_ctx *rc = payload;
  if (name_len == 6 && memcmp(name, "secret", 6) == 0 && rc->shown) {
    *out_len = rc->shown_len;
    return rc->shown;
  }
  return ms_regex_group(rc->c->re, rc->scratch->md, rc->in->text, name, name_len, out_len);
}

static void report_match(void *payload) {
  run_ctx *rc = payload;
  const ms_rule *r = &rc->set->rules[rc->c->rule];
  const char *text = rc->in->text;
  size_t slen = 0, nlen = 0;
  const char *secret = ms_regex_group(rc->c->re, rc->scratch->md, text, "secret", 6, &slen);
  const char *name = ms_regex_group(rc->c->re, rc->scratch->md, text, "name", 4, &nlen);
  if (secret == NULL || slen == 0) return;
  rc->shown = rc->in->no_redact ? NULL : ms_redact_format(secret, slen);
  rc->shown_len = rc->shown ? strlen(rc->shown) : 0;
  /* Rendered first: the filters below reuse the match data. */
  char *msg = ms_template_render(r->message, lookup_group, rc);
  pcre2_match_data *md = rc->scratch->md;
  pcre2_match_context *mctx = rc->scratch->mctx;
  bool drop = ms_secrets__is_placeholder(secret, slen) || ms_secrets__entropy(secret, slen) < r->entropy ||
              any_matches(rc->c->allow, secret, slen, md, mctx) ||
              (name && any_matches(rc->c->allow_names, name, nlen, md, mctx));
  if (drop) {
    ms_free(msg);
    ms_free(rc->shown);
    return;
  }
  uint32_t start = (uint32_t)(secret - text), end = (uint32_t)(start + slen);
  ms_match_report rep = {rc->c->rule, start, end, msg, NULL, NULL, 0, false, MS_SEV_INFO,
                         rc->test_code ? (uint8_t)(MS_CONF_LOW + 1) : 0, rc->shown, start, end};
  ms_array_push(&rc->pending, rep);
}

static unsigned rank(const ms_rule *r) { return (unsigned)r->severity * 3u + (unsigned)r->confidence; }

static int cmp_start(const void *a, const void *b) {
  const ms_match_report *x = a, *y = b;
  if (x->start_byte != y->start_byte) return x->start_byte < y->start_byte ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  return 0;
}

/* When several rules report overlapping secrets (a GitHub token assigned to GITHUB_TOKEN is
 * also a generic credential), only the most severe, then most confident, rule reports it;
 * other secrets on the same line are still reported. Emits the rest in order of position. */
static void emit_pending(run_ctx *rc) {
  ms_match_report *p = rc->pending.items;
  uint32_t n = rc->pending.len;
  if (n > 1) qsort(p, n, sizeof *p, cmp_start);
  bool *beaten = ms_xcalloc(n + 1, sizeof(bool));
  for (uint32_t i = 0; i < n; i++) {
    unsigned ri = rank(&rc->set->rules[p[i].rule]);
    for (uint32_t j = i + 1; j < n && p[j].start_byte < p[i].end_byte; j++) {
      unsigned rj = rank(&rc->set->rules[p[j].rule]);
      if (ri > rj) beaten[j] = true;
      else if (rj > ri) beaten[i] = true;
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    if (beaten[i]) {
      ms_free(p[i].message);
      ms_free(p[i].redacted);
    } else {
      rc->emit(rc->payload, &p[i]);
    }
  }
  ms_free(beaten);
  ms_array_free(&rc->pending);
}

/* ---- lines with keywords ------------------------------------------------------------------ */

typedef struct occurrence {
  uint32_t pos, keyword;
} occurrence;

typedef struct lines {
  const char *text;
  uint32_t len;
  bool *found;
  ms_array(occurrence) occ;   /* every keyword occurrence, by position */
  bool high_done;
  ms_array(uint32_t) high;    /* one position per line that holds a byte of 0x80 or more */
  ms_array(uint32_t) ranges;  /* the current rule's lines: [from, to) pairs */
} lines;

static void collect(void *payload, uint32_t index, uint32_t pos) {
  lines *l = payload;
  l->found[index] = true;
  ms_array_push(&l->occ, ((occurrence){pos, index}));
}

/* Lines with non-ASCII text: there a caseless match may see a keyword the ASCII pass does not
 * (U+017F is an s, U+212A a k). */
static void find_high(lines *l) {
  l->high_done = true;
  const unsigned char *t = (const unsigned char *)l->text;
  uint32_t i = 0;
  while (i < l->len) {
    if (i + 8 <= l->len) {
      uint64_t w;
      memcpy(&w, t + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (t[i] < 0x80) {
      i++;
      continue;
    }
    ms_array_push(&l->high, i);
    const char *nl = memchr(l->text + i, '\n', l->len - i);
    i = nl ? (uint32_t)(nl - l->text) + 1 : l->len;
  }
}

/* Adds the line holding pos to the ranges, unless the last range holds it. */
static void add_line(lines *l, uint32_t pos) {
  uint32_t n = l->ranges.len;
  if (n > 0 && pos < l->ranges.items[n - 1]) return;
  uint32_t from = pos;
  while (from > 0 && l->text[from - 1] != '\n') from--;
  const char *nl = memchr(l->text + pos, '\n', l->len - pos);
  uint32_t to = nl ? (uint32_t)(nl - l->text) + 1 : l->len + 1;
  if (n > 0 && from == l->ranges.items[n - 1]) {
    l->ranges.items[n - 1] = to;
  } else {
    ms_array_push(&l->ranges, from);
    ms_array_push(&l->ranges, to);
  }
}

/* The lines of the text that hold one of c's keywords or non-ASCII text, in order. */
static void rule_lines(lines *l, const compiled *c) {
  if (!l->high_done) find_high(l);
  ms_array_clear(&l->ranges);
  uint32_t i = 0, j = 0;
  for (;;) {
    while (i < l->occ.len && !c->mine[l->occ.items[i].keyword]) i++;
    bool oi = i < l->occ.len, hj = j < l->high.len;
    if (!oi && !hj) break;
    if (oi && (!hj || l->occ.items[i].pos <= l->high.items[j])) add_line(l, l->occ.items[i++].pos);
    else add_line(l, l->high.items[j++]);
  }
}

static bool run(const ms_secret_set *self, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                ms_emit_fn emit, void *payload, bool ranged) {
  ms_once_run(&self->prepared, prepare, (void *)self);
  bool complete = true;
  bool *found = ms_xcalloc(self->nkeywords + 1, sizeof(bool));
  lines l = {in->text, in->len, found, MS_ARRAY_INIT, false, MS_ARRAY_INIT, MS_ARRAY_INIT};
  ranged = ranged && self->any_ranged;
  ms_literal_pass *pass = ms_match_scratch_literals(scratch);
  if (ranged) ms_literal_pass_each(pass, self->lits, in->text, in->len, collect, &l);
  else ms_literal_pass_scan(pass, self->lits, in->text, in->len, found);
  run_ctx rc = {self, NULL, scratch, in, in->path && ms_secrets__is_test_path(in->path), emit, payload, NULL, 0,
                MS_ARRAY_INIT};
  for (uint32_t i = 0; i < self->n; i++) {
    const compiled *c = &self->items[i];
    if (!(self->rules[c->rule].langs & (1u << lang)) || !in->active[c->rule]) continue;
    bool any = false;
    for (uint32_t k = 0; k < c->nkeywords && !any; k++) any = found[c->keywords[k]];
    if (!any) continue;
    if (ms_match_cancelled(in)) {
      complete = false;
      break;
    }
    rc.c = c;
    if (ranged && c->ranged) {
      rule_lines(&l, c);
      if (!ms_regex_each_in(c->ranged, scratch, in, l.ranges.items, l.ranges.len / 2, report_match, &rc))
        complete = false;
    } else if (!ms_regex_each(c->re, scratch, in, report_match, &rc)) {
      complete = false;
    }
  }
  emit_pending(&rc);
  ms_free(found);
  ms_array_free(&l.occ);
  ms_array_free(&l.high);
  ms_array_free(&l.ranges);
  return complete;
}

bool ms_secret_set__run(const ms_secret_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                        const ms_match_input *in, ms_emit_fn emit, void *payload, bool ranged) {
  return run(self, lang, scratch, in, emit, payload, ranged);
}

bool ms_secret_set_run(const ms_secret_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                       const ms_match_input *in, ms_emit_fn emit, void *payload) {
  return run(self, lang, scratch, in, emit, payload, true);
}

static ms_status build_set(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  return ms_secret_set_build((ms_secret_set **)out, rules, n, err);
}

static bool run_set(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                    ms_emit_fn emit, void *payload) {
  return ms_secret_set_run(set, lang, scratch, in, emit, payload);
}

static void free_set(void *set) { ms_secret_set_free(set); }

const ms_matcher ms_matcher_secrets = {"secret", false, build_set, run_set, free_set};
