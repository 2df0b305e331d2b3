/* The metadata matcher (tool poisoning); see metadata.h. The signals and the severity levels
 * are the rule's data (rules/load_metadata.c reads them); this file compiles the regexes once,
 * detects hidden characters, and grades each metadata text. */
#include "match/metadata.h"

#include <string.h>

#include "match/matcher.h"
#include "match/template.h"
#include "model/facts.h"
#include "util/once.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const char ms_metadata_builtin_names[] = "zero-width, bidi, unicode-tags or variation-selectors";

static const char *const builtin_keys[MS_HIDDEN_COUNT] = {
    [MS_HIDDEN_ZERO_WIDTH] = "zero-width",
    [MS_HIDDEN_BIDI] = "bidi",
    [MS_HIDDEN_TAGS] = "unicode-tags",
    [MS_HIDDEN_VARIATION] = "variation-selectors",
};

static int builtin_of(const char *name) {
  for (int i = 0; i < MS_HIDDEN_COUNT; i++)
    if (strcmp(builtin_keys[i], name) == 0) return i;
  return -1;
}

bool ms_metadata_builtin_known(const char *name) { return builtin_of(name) >= 0; }

/* ---- hidden characters ---------------------------------------------------------------------- */

/* The code point at s[0..avail) and its length (invalid bytes: U+FFFD, length 1). */
static uint32_t next_cp(const char *s, size_t avail, size_t *n) {
  const unsigned char *u = (const unsigned char *)s;
  *n = ms_utf8_seqlen(u, avail);
  if (*n == 0) {
    *n = 1;
    return 0xFFFD;
  }
  if (*n == 1) return u[0];
  uint32_t cp = u[0] & (*n == 2 ? 0x1Fu : *n == 3 ? 0x0Fu : 0x07u);
  for (size_t i = 1; i < *n; i++) cp = (cp << 6) | (u[i] & 0x3Fu);
  return cp;
}

/* The kind of hidden character cp is, or -1 for a visible one. */
static int hidden_kind(uint32_t cp) {
  if (cp >= 0xE0000 && cp <= 0xE007F) return MS_HIDDEN_TAGS;
  if (cp >= 0xE0100 && cp <= 0xE01EF) return MS_HIDDEN_VARIATION;
  if (cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
    return MS_HIDDEN_BIDI;
  if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x00AD ||
      cp == 0x180E || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||
      cp == 0x17B4 || cp == 0x17B5)
    return MS_HIDDEN_ZERO_WIDTH;
  return -1;
}

/* Pictographs and the marks that join them into one emoji (a ZWJ between two is visible). */
static bool is_emoji_part(uint32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         cp == 0xFE0F || cp == 0x20E3 || cp == 0x2640 || cp == 0x2642;
}

void ms_metadata__reveal(const char *s, size_t len, ms_strbuf *visible, uint32_t counts[MS_HIDDEN_COUNT]) {
  uint32_t prev = 0;
  for (size_t i = 0, n; i < len; i += n) {
    uint32_t cp = next_cp(s + i, len - i, &n);
    int kind = hidden_kind(cp);
    if (kind < 0) {
      ms_strbuf_put(visible, s + i, n);
      prev = cp;
      continue;
    }
    if (cp == 0x200D && is_emoji_part(prev) && i + n < len) {
      size_t m;
      if (is_emoji_part(next_cp(s + i + n, len - i - n, &m))) {
        ms_strbuf_put(visible, s + i, n);
        continue;
      }
    }
    counts[kind]++;
    /* Tag characters mirror ASCII (U+E0020-E007E): what they spell is what the model reads. */
    if (kind == MS_HIDDEN_TAGS && cp >= 0xE0020 && cp <= 0xE007E) ms_strbuf_putc(visible, (char)(cp - 0xE0000));
  }
}

/* ---- the compiled set ----------------------------------------------------------------------- */

typedef struct signal {
  int builtin;       /* ms_metadata_builtin, or -1 */
  pcre2_code **all;  /* regexes that must all match */
  uint32_t nall;
  pcre2_code **none; /* regexes none of which may match */
  uint32_t nnone;
} signal;

typedef struct compiled {
  uint32_t rule;
  signal *signals; /* parallel to the rule's */
} compiled;

typedef struct set {
  const ms_rule *rules;
  compiled *items;
  uint32_t n;
  ms_once jit; /* the regexes are JIT-compiled when the set first runs */
} set;

static const char *const message_names[] = {"where", "signals", "weight", NULL};

static bool known_name(const char *name, size_t len, void *payload) {
  const char **bad = payload;
  for (const char *const *k = message_names; *k; k++)
    if (strlen(*k) == len && memcmp(*k, name, len) == 0) return true;
  *bad = name;
  return false;
}

static void free_set(void *p) {
  set *s = p;
  if (s == NULL) return;
  for (uint32_t i = 0; i < s->n; i++) {
    const ms_rule *r = &s->rules[s->items[i].rule];
    for (uint32_t k = 0; k < r->nsignals; k++) {
      signal *sig = &s->items[i].signals[k];
      for (uint32_t j = 0; j < sig->nall; j++) pcre2_code_free(sig->all[j]);
      for (uint32_t j = 0; j < sig->nnone; j++) pcre2_code_free(sig->none[j]);
      ms_free(sig->all);
      ms_free(sig->none);
    }
    ms_free(s->items[i].signals);
  }
  ms_once_dispose(&s->jit);
  ms_free(s->items);
  ms_free(s);
}

static void jit_all(void *p) {
  const set *s = p;
  for (uint32_t i = 0; i < s->n; i++) {
    const ms_rule *r = &s->rules[s->items[i].rule];
    for (uint32_t k = 0; k < r->nsignals; k++) {
      const signal *sig = &s->items[i].signals[k];
      for (uint32_t j = 0; j < sig->nall; j++) ms_match_jit(sig->all[j]);
      for (uint32_t j = 0; j < sig->nnone; j++) ms_match_jit(sig->none[j]);
    }
  }
}

/* Compiles re[0..n) into *out; an error points at the offending character of the rule file. */
static ms_status compile_all(const ms_rule *r, const ms_rule_signal *sig, const ms_rule_regex *re, uint32_t n,
                             pcre2_code ***out, uint32_t *nout, ms_error *err) {
  *out = ms_xcalloc(n ? n : 1, sizeof(pcre2_code *));
  for (uint32_t i = 0; i < n; i++) {
    int ecode = 0;
    PCRE2_SIZE eoff = 0;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re[i].source, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ecode, &eoff, NULL);
    if (c == NULL) {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message(ecode, msg, sizeof msg);
      uint32_t line, col;
      ms_rule_regex_position(&re[i], (uint32_t)eoff, &line, &col);
      return ms_error_set(err, MS_EPARSE, r->source, line, col, "invalid regex in signal '%s': %s", sig->name,
                          (const char *)msg);
    }
    (*out)[(*nout)++] = c;
  }
  return MS_OK;
}

static ms_status build_set(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) count += rules[i].matcher == MS_MATCHER_METADATA;
  if (count == 0) return MS_OK;
  set *s = ms_xcalloc(1, sizeof *s);
  s->rules = rules;
  s->items = ms_xcalloc(count, sizeof(compiled));
  ms_once_init(&s->jit);
  ms_status st = MS_OK;
  for (uint32_t i = 0; i < n && st == MS_OK; i++) {
    const ms_rule *r = &rules[i];
    if (r->matcher != MS_MATCHER_METADATA) continue;
    const char *bad = NULL;
    if (!ms_template_each_name(r->message, known_name, &bad)) {
      size_t len = strcspn(bad, "}");
      st = ms_error_set(err, MS_EPARSE, r->source, 0, 0,
                        "message names {{%.*s}}; a metadata rule's message may name {{where}}, {{signals}} and {{weight}}",
                        (int)len, bad);
      break;
    }
    compiled *c = &s->items[s->n++];
    c->rule = i;
    c->signals = ms_xcalloc(r->nsignals ? r->nsignals : 1, sizeof(signal));
    for (uint32_t k = 0; k < r->nsignals && st == MS_OK; k++) {
      const ms_rule_signal *rs = &r->signals[k];
      signal *sig = &c->signals[k];
      sig->builtin = rs->builtin ? builtin_of(rs->builtin) : -1;
      st = compile_all(r, rs, rs->regex, rs->nregex, &sig->all, &sig->nall, err);
      if (st == MS_OK) st = compile_all(r, rs, rs->unless, rs->nunless, &sig->none, &sig->nnone, err);
    }
  }
  if (st < 0) {
    free_set(s);
    return st;
  }
  *out = s;
  return MS_OK;
}

/* ---- grading a text ------------------------------------------------------------------------- */

/* 1: matches, 0: does not, -1: a match limit was hit. */
static int matches(const pcre2_code *re, const ms_strbuf *text, ms_match_scratch *scratch) {
  int rc = pcre2_match(re, (PCRE2_SPTR)ms_strbuf_cstr(text), text->len, 0, 0, scratch->md, scratch->mctx);
  return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* Whether a regex signal fires; *limited is set when a limit cut a match short. */
static bool fires(const signal *sig, const ms_strbuf *visible, ms_match_scratch *scratch, bool *limited) {
  for (uint32_t j = 0; j < sig->nall; j++) {
    int m = matches(sig->all[j], visible, scratch);
    *limited |= m < 0;
    if (m != 1) return false;
  }
  for (uint32_t j = 0; j < sig->nnone; j++) {
    int m = matches(sig->none[j], visible, scratch);
    *limited |= m < 0;
    if (m != 0) return false;
  }
  return true;
}

typedef struct message_values {
  const char *where, *signals, *weight;
} message_values;

static const char *lookup(const char *name, size_t len, size_t *out_len, void *payload) {
  const message_values *v = payload;
  const char *value = NULL;
  if (len == 5 && memcmp(name, "where", 5) == 0) value = v->where;
  else if (len == 6 && memcmp(name, "weight", 6) == 0) value = v->weight;
  if (value) *out_len = strlen(value);
  return value; /* {{signals}} is filled in afterwards: it may be longer than a template value */
}

/* "the description of tool `read`", "the description of parameter `path` of tool `read`". */
static char *where_of(const ms_meta_text *t) {
  const char *kind = ms_handler_kind_name(t->kind);
  if (t->field == MS_META_PARAM) {
    if (t->param && t->owner) return ms_xasprintf("the description of parameter `%s` of %s `%s`", t->param, kind, t->owner);
    if (t->param) return ms_xasprintf("the description of parameter `%s`", t->param);
    return ms_xstrdup(t->owner ? "a parameter description" : "a schema description");
  }
  const char *field = ms_meta_field_name(t->field);
  if (t->owner) return ms_xasprintf("the %s of %s `%s`", field, kind, t->owner);
  return ms_xasprintf("the %s of a %s", field, kind);
}

static char *render(const ms_rule *r, const ms_meta_text *t, const char *fired, uint32_t total) {
  char weight[16];
  snprintf(weight, sizeof weight, "%u", total);
  char *where = where_of(t);
  message_values v = {where, fired, weight};
  char *msg = ms_template_render(r->message, lookup, &v);
  ms_free(where);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_strbuf_put(&b, "", 0);
  for (const char *p = msg, *hit; *p; p = hit + strlen("{{signals}}")) {
    hit = strstr(p, "{{signals}}");
    if (hit == NULL) {
      ms_strbuf_puts(&b, p);
      break;
    }
    ms_strbuf_put(&b, p, (size_t)(hit - p));
    ms_strbuf_puts(&b, fired);
  }
  ms_free(msg);
  return ms_strbuf_detach(&b);
}

/* Grades one text against one rule and reports it when its signals reach a level. */
static bool grade(const set *s, const compiled *c, const ms_meta_text *t, const ms_strbuf *visible,
                  const uint32_t counts[MS_HIDDEN_COUNT], ms_match_scratch *scratch, ms_emit_fn emit, void *payload) {
  const ms_rule *r = &s->rules[c->rule];
  bool limited = false;
  uint32_t total = 0;
  ms_strbuf fired = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t k = 0; k < r->nsignals; k++) {
    const signal *sig = &c->signals[k];
    bool on = sig->builtin >= 0 ? counts[sig->builtin] > 0 : fires(sig, visible, scratch, &limited);
    if (!on) continue;
    total += r->signals[k].weight;
    ms_strbuf_printf(&fired, "%s%s", fired.len ? ", " : "", r->signals[k].name);
  }
  int level = -1;
  for (int sev = 0; sev < MS_SEV_COUNT; sev++)
    if (r->levels[sev] && total >= r->levels[sev]) level = sev;
  if (level >= 0) {
    ms_match_report rep = {c->rule, t->start_byte, t->end_byte, render(r, t, ms_strbuf_cstr(&fired), total),
                           t->kind == MS_HANDLER_TOOL ? t->owner : NULL, NULL, 0, true,
                           (ms_severity)level < r->severity ? (ms_severity)level : r->severity, 0, NULL, 0, 0};
    emit(payload, &rep);
  }
  ms_strbuf_dispose(&fired);
  return !limited;
}

static bool run_set(const void *p, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                    ms_emit_fn emit, void *payload) {
  const set *s = p;
  bool complete = true;
  if (in->facts == NULL) return true;
  ms_once_run(&s->jit, jit_all, (void *)s);
  ms_strbuf visible = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t i = 0; i < in->facts->texts.len && !ms_match_cancelled(in); i++) {
    const ms_meta_text *t = &in->facts->texts.items[i];
    uint32_t counts[MS_HIDDEN_COUNT] = {0};
    ms_strbuf_clear(&visible);
    ms_strbuf_put(&visible, "", 0);
    ms_metadata__reveal(t->text, strlen(t->text), &visible, counts);
    for (uint32_t k = 0; k < s->n; k++) {
      const compiled *c = &s->items[k];
      if (!(s->rules[c->rule].langs & (1u << lang)) || !in->active[c->rule]) continue;
      /* A match limit cuts one text short; the others are still graded. */
      complete &= grade(s, c, t, &visible, counts, scratch, emit, payload);
    }
  }
  ms_strbuf_dispose(&visible);
  return complete && !ms_match_cancelled(in);
}

/* Runs on the facts' texts only, so also on JSON manifests (no tree). */
const ms_matcher ms_matcher_metadata = {"metadata", false, build_set, run_set, free_set};
