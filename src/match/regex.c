/* PCRE2 rules; see regex.h. */
#include "match/regex.h"

#include <string.h>

#include "match/matcher.h"
#include "match/template.h"
#include "util/once.h"
#include "util/xalloc.h"

typedef struct compiled {
  uint32_t rule;
  uint32_t langs;
  pcre2_code *re;
  int match_group; /* the (?<match>...) group, or 0 for the whole match */
} compiled;

struct ms_regex_set {
  const ms_rule *rules;
  compiled *items;
  uint32_t n;
  ms_once jit; /* the regexes are JIT-compiled when the set first runs */
};

typedef struct name_check {
  pcre2_code *re;
  const char *bad;
  size_t bad_len;
} name_check;

static bool group_exists(const char *name, size_t len, void *payload) {
  name_check *nc = payload;
  char buf[128];
  if (len >= sizeof buf) len = sizeof buf - 1;
  memcpy(buf, name, len);
  buf[len] = '\0';
  if (pcre2_substring_number_from_name(nc->re, (PCRE2_SPTR)buf) >= 0) return true;
  nc->bad = name;
  nc->bad_len = len;
  return false;
}

ms_status ms_regex_compile(pcre2_code **out, const ms_rule *r, ms_error *err) {
  int ecode = 0;
  PCRE2_SIZE eoff = 0;
  *out = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
                       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE, &ecode, &eoff, NULL);
  if (*out == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(ecode, msg, sizeof msg);
    uint32_t line, col;
    ms_rule_pattern_position(r, (uint32_t)eoff, &line, &col);
    return ms_error_set(err, MS_EPARSE, r->source, line, col, "invalid regex: %s", (const char *)msg);
  }
  name_check nc = {*out, NULL, 0};
  if (!ms_template_each_name(r->message, group_exists, &nc)) {
    ms_status st = ms_error_set(err, MS_EPARSE, r->source, 0, 0,
                                "message names {{%.*s}}, which is not a named group of the regex",
                                (int)nc.bad_len, nc.bad);
    pcre2_code_free(*out);
    *out = NULL;
    return st;
  }
  return MS_OK;
}

ms_status ms_regex_set_build(ms_regex_set **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) count += rules[i].matcher == MS_MATCHER_REGEX;
  if (count == 0) return MS_OK;
  ms_regex_set *rs = ms_xcalloc(1, sizeof *rs);
  rs->rules = rules;
  rs->items = ms_xcalloc(count, sizeof(compiled));
  ms_once_init(&rs->jit);
  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &rules[i];
    if (r->matcher != MS_MATCHER_REGEX) continue;
    pcre2_code *re = NULL;
    ms_status st = ms_regex_compile(&re, r, err);
    if (st < 0) {
      ms_regex_set_free(rs);
      return st;
    }
    int group = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "match");
    rs->items[rs->n++] = (compiled){i, r->langs, re, group > 0 ? group : 0};
  }
  *out = rs;
  return MS_OK;
}

void ms_regex_set_free(ms_regex_set *self) {
  if (self == NULL) return;
  for (uint32_t i = 0; i < self->n; i++) pcre2_code_free(self->items[i].re);
  ms_once_dispose(&self->jit);
  ms_free(self->items);
  ms_free(self);
}

static void jit_all(void *p) {
  const ms_regex_set *self = p;
  for (uint32_t i = 0; i < self->n; i++) ms_match_jit(self->items[i].re);
}

const char *ms_regex_group(const pcre2_code *re, pcre2_match_data *md, const char *text, const char *name,
                           size_t name_len, size_t *out_len) {
  char buf[128];
  if (name_len >= sizeof buf) return NULL;
  memcpy(buf, name, name_len);
  buf[name_len] = '\0';
  int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)buf);
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
  if (g < 0 || (uint32_t)g >= pcre2_get_ovector_count(md) || ov[2 * g] == PCRE2_UNSET) return NULL;
  *out_len = ov[2 * g + 1] - ov[2 * g];
  return text + ov[2 * g];
}

typedef struct group_lookup {
  const compiled *c;
  pcre2_match_data *md;
  const char *text;
} group_lookup;

static const char *lookup_group(const char *name, size_t name_len, size_t *out_len, void *payload) {
  group_lookup *gl = payload;
  return ms_regex_group(gl->c->re, gl->md, gl->text, name, name_len, out_len);
}

/* Calls fn for each match of re that starts in [*start, to), where to is at most in->len + 1,
 * and leaves *start where the search would go on. limited: re has PCRE2_USE_OFFSET_LIMIT and
 * the search stops at to - 1; the limit is set for each call only, since fn runs other
 * regexes with the same context, which a limit makes fail. */
static bool each_between(const pcre2_code *re, ms_match_scratch *scratch, const ms_match_input *in,
                         PCRE2_SIZE *start, PCRE2_SIZE to, bool limited, ms_regex_match_fn fn, void *payload) {
  while (*start < to && *start <= in->len) {
    if (ms_match_cancelled(in)) return false;
    if (limited) pcre2_set_offset_limit(scratch->mctx, to - 1);
    int rc = pcre2_match(re, (PCRE2_SPTR)in->text, in->len, *start, 0, scratch->md, scratch->mctx);
    if (limited) pcre2_set_offset_limit(scratch->mctx, PCRE2_UNSET);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) return false; /* match/depth limit or another runtime error: stop, say so */
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(scratch->md);
    PCRE2_SIZE next = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    fn(payload);
    while (next < in->len && ((unsigned char)in->text[next] & 0xC0) == 0x80) next++; /* next code point */
    *start = next;
  }
  return true;
}

bool ms_regex_each(const pcre2_code *re, ms_match_scratch *scratch, const ms_match_input *in, ms_regex_match_fn fn,
                   void *payload) {
  PCRE2_SIZE start = 0;
  return each_between(re, scratch, in, &start, (PCRE2_SIZE)in->len + 1, false, fn, payload);
}

bool ms_regex_each_in(const pcre2_code *re, ms_match_scratch *scratch, const ms_match_input *in, const uint32_t *ranges,
                      uint32_t nranges, ms_regex_match_fn fn, void *payload) {
  PCRE2_SIZE start = 0; /* where the search of the whole text would go on from */
  for (uint32_t k = 0; k < nranges; k++) {
    PCRE2_SIZE from = ranges[2 * k], to = ranges[2 * k + 1];
    if (start < from) start = from;
    if (to == 0 || start >= to) continue;
    if (!each_between(re, scratch, in, &start, to, true, fn, payload)) return false;
  }
  return true;
}

typedef struct run_ctx {
  const ms_regex_set *set;
  const compiled *c;
  pcre2_match_data *md;
  const char *text;
  ms_emit_fn emit;
  void *payload;
} run_ctx;

static void report_match(void *payload) {
  run_ctx *rc = payload;
  const compiled *c = rc->c;
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rc->md);
  uint32_t ovcount = pcre2_get_ovector_count(rc->md);
  int g = (c->match_group > 0 && (uint32_t)c->match_group < ovcount && ov[2 * c->match_group] != PCRE2_UNSET)
              ? c->match_group : 0;
  group_lookup gl = {c, rc->md, rc->text};
  char *msg = ms_template_render(rc->set->rules[c->rule].message, lookup_group, &gl);
  ms_match_report rep = {c->rule, (uint32_t)ov[2 * g], (uint32_t)ov[2 * g + 1], msg, NULL, NULL, 0, false, MS_SEV_INFO, 0, NULL, 0, 0};
  rc->emit(rc->payload, &rep);
}

bool ms_regex_set_run(const ms_regex_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                      const ms_match_input *in, ms_emit_fn emit, void *payload) {
  ms_once_run(&self->jit, jit_all, (void *)self);
  bool complete = true;
  for (uint32_t i = 0; i < self->n; i++) {
    const compiled *c = &self->items[i];
    if (!(c->langs & (1u << lang)) || !in->active[c->rule]) continue;
    if (ms_match_cancelled(in)) return false;
    run_ctx rc = {self, c, scratch->md, in->text, emit, payload};
    if (!ms_regex_each(c->re, scratch, in, report_match, &rc)) complete = false;
  }
  return complete;
}

static ms_status build_set(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  return ms_regex_set_build((ms_regex_set **)out, rules, n, err);
}

static bool run_set(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                    ms_emit_fn emit, void *payload) {
  return ms_regex_set_run(set, lang, scratch, in, emit, payload);
}

static void free_set(void *set) { ms_regex_set_free(set); }

const ms_matcher ms_matcher_regex = {"regex", false, build_set, run_set, free_set};
