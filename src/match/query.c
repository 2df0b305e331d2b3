/* Combined tree-sitter queries with our own predicate engine; see query.h. */
#include "match/query.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match/anchor_cache.h"
#include "match/imports.h"
#include "match/matcher.h"
#include "match/pattern_shape.h"
#include "match/query_dedup.h"
#include "match/query_preds.h"
#include "match/regex_factors.h"
#include "match/template.h"
#include "match/tree_query.h"
#include "model/facts.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef enum pred_op {
  PRED_EQ, PRED_MATCH, PRED_ANY_OF, PRED_NOT_PRECEDED, PRED_NOT_AFTER,
  PRED_MATCH_FMT,       /* #match-fmt?: a regex with {{capture}} texts put in, compiled per use */
  PRED_NOT_IN_FUNCTION, /* #not-in-function?: the innermost function around does not match */
  PRED_IMPORT_FROM      /* #import-from?: a name the file imports comes from a matching module */
} pred_op;

typedef struct predicate {
  pred_op op;
  bool negate;
  uint32_t capture;       /* the capture tested */
  const char *cname;      /* its name (borrowed) */
  uint32_t cname_len;
  int64_t other_capture;  /* #eq? @a @b: the other capture, else -1 */
  const char **strings;   /* literals (borrowed from the TSQuery's string table) */
  uint32_t *lengths;
  uint32_t nstrings;
  pcre2_code *re;         /* #match? */
  ms_regex_factors factors; /* #match?: literals every text it matches contains */
} predicate;

#define MAX_ANCHORS 4u

typedef struct pattern_info {
  uint32_t rule;          /* index into the ruleset's rules */
  uint32_t first_pred, npred;
  uint32_t anchors[MAX_ANCHORS]; /* predicates (indices into preds) that each fix the text of a
                             node every match holds: the pattern matches only around one of
                             their literals (see confined_ranges) */
  uint32_t nanchors;
  int32_t next_copy;      /* the next pattern that rides on this one's matches (query_dedup.h), else -1 */
  TSSymbol root;          /* the node type at the root of every match, 0 when not one type (a
                             wildcard, an alternation...): see exec_node */
  uint32_t text_off;      /* where the pattern starts in its rule's text */
} pattern_info;

struct ms_query_set {
  TSQuery *query;         /* tree-sitter's query, when own is NULL */
  ms_tree_query *own;     /* our matcher's reading of it (tree_query.h), else NULL */
  const ms_rule *rules;   /* the ruleset's rule array (borrowed) */
  pattern_info *patterns; /* one per pattern of the combined query */
  ms_array(predicate) preds;
  int64_t match_capture;  /* id of @match, or -1 */
  ms_anchor_set *anchor_set; /* the literals of every pattern's anchors, found in one pass */
};

/* The query's parts, from whichever engine holds it. */
static uint32_t pattern_count(const ms_query_set *qs) {
  return qs->own ? ms_tree_query_pattern_count(qs->own) : ts_query_pattern_count(qs->query);
}

static uint32_t pattern_start(const ms_query_set *qs, uint32_t p) {
  return qs->own ? ms_tree_query_start_byte_for_pattern(qs->own, p) : ts_query_start_byte_for_pattern(qs->query, p);
}

static uint32_t capture_count(const ms_query_set *qs) {
  return qs->own ? ms_tree_query_capture_count(qs->own) : ts_query_capture_count(qs->query);
}

static const char *capture_name(const ms_query_set *qs, uint32_t id, uint32_t *len) {
  return qs->own ? ms_tree_query_capture_name_for_id(qs->own, id, len) : ts_query_capture_name_for_id(qs->query, id, len);
}

static const char *string_value(const ms_query_set *qs, uint32_t id, uint32_t *len) {
  return qs->own ? ms_tree_query_string_value_for_id(qs->own, id, len) : ts_query_string_value_for_id(qs->query, id, len);
}

static const char *error_kind(TSQueryError e) {
  switch (e) {
    case TSQueryErrorSyntax: return "syntax error";
    case TSQueryErrorNodeType: return "unknown node type";
    case TSQueryErrorField: return "unknown field";
    case TSQueryErrorCapture: return "unknown capture";
    case TSQueryErrorStructure: return "impossible pattern structure";
    case TSQueryErrorLanguage: return "incompatible language";
    default: return "error";
  }
}

typedef struct segment {
  uint32_t rule;
  uint32_t start, end; /* byte range of the entry's text in the combined source */
  uint32_t base;       /* where that text starts in the rule's text */
} segment;

static const segment *segment_at(const segment *segs, uint32_t n, uint32_t offset) {
  for (uint32_t i = 0; i < n; i++)
    if (offset >= segs[i].start && offset <= segs[i].end) return &segs[i];
  return n ? &segs[n - 1] : NULL;
}

static ms_status rule_error(const ms_rule *r, uint32_t offset, ms_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static ms_status rule_error(const ms_rule *r, uint32_t offset, ms_error *err, const char *fmt, ...) {
  uint32_t line, col;
  ms_rule_pattern_position(r, offset, &line, &col);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  va_list ap;
  va_start(ap, fmt);
  ms_strbuf_vprintf(&b, fmt, ap);
  va_end(ap);
  ms_status st = ms_error_set(err, MS_EPARSE, r->source, line, col, "%s", ms_strbuf_cstr(&b));
  ms_strbuf_dispose(&b);
  return st;
}

/* ---- #match-fmt?: a regex built from the match's captures ------------------------------------
 * "{{name}}" in the regex stands for the text of capture @name, every ASCII punctuation
 * character escaped: `(#match-fmt? @cond "\\b{{var}}\\.role\\b")` asks whether the condition
 * reads `.role` of the variable the pattern captured elsewhere. */

/* The id of the capture named name[0..len), or -1. */
static int64_t capture_id(const ms_query_set *qs, const char *name, size_t len) {
  for (uint32_t c = 0; c < capture_count(qs); c++) {
    uint32_t clen = 0;
    const char *cname = capture_name(qs, c, &clen);
    if (clen == len && memcmp(cname, name, len) == 0) return c;
  }
  return -1;
}

/* Appends the regex of fmt to b with each {{name}} replaced: by text(name) escaped, or by "x"
 * when text is NULL (to check the syntax). Returns false when a name is no capture (or its
 * node is absent from the match). */
static bool expand_fmt(ms_strbuf *b, const char *fmt, uint32_t flen, ms_template_lookup text, void *payload) {
  for (uint32_t i = 0; i < flen;) {
    const char *close = NULL;
    if (fmt[i] == '{' && i + 1 < flen && fmt[i + 1] == '{')
      close = memmem(fmt + i + 2, flen - i - 2, "}}", 2);
    if (close == NULL) {
      ms_strbuf_putc(b, fmt[i++]);
      continue;
    }
    const char *name = fmt + i + 2;
    size_t nlen = (size_t)(close - name);
    size_t tlen = 0;
    const char *t = text(name, nlen, &tlen, payload);
    if (t == NULL) return false;
    for (size_t k = 0; k < tlen; k++) {
      unsigned char ch = (unsigned char)t[k];
      if (ch < 0x80 && !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
        ms_strbuf_putc(b, '\\');
      ms_strbuf_putc(b, (char)ch);
    }
    i = (uint32_t)(close + 2 - fmt);
  }
  return true;
}

typedef struct fmt_check {
  const ms_query_set *qs;
  bool unknown;
} fmt_check;

static const char *check_text(const char *name, size_t len, size_t *out_len, void *payload) {
  fmt_check *fc = payload;
  if (capture_id(fc->qs, name, len) < 0) fc->unknown = true;
  *out_len = 1;
  return "x";
}

/* Load time: every {{name}} is a capture of the query and the regex compiles. */
static ms_status check_fmt(ms_query_set *qs, const predicate *p, const ms_rule *r, uint32_t pat_off, const char *name,
                           ms_error *err) {
  fmt_check fc = {qs, false};
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  expand_fmt(&b, p->strings[0], p->lengths[0], check_text, &fc);
  int ecode = 0;
  PCRE2_SIZE eoff = 0;
  pcre2_code *re = fc.unknown ? NULL
                              : pcre2_compile((PCRE2_SPTR)b.ptr, b.len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode,
                                              &eoff, NULL);
  ms_strbuf_dispose(&b);
  if (fc.unknown) return rule_error(r, pat_off, err, "'#%s' names a {{capture}} the pattern does not have", name);
  if (re == NULL) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(ecode, msg, sizeof msg);
    return rule_error(r, pat_off, err, "invalid regex in '#%s': %s", name, (const char *)msg);
  }
  pcre2_code_free(re);
  return MS_OK;
}

/* The predicate named name (without `#`); false when we do not support it. */
static bool pred_op_of(const char *name, pred_op *op, bool *negate) {
  *negate = false;
  if (strcmp(name, "eq?") == 0 || strcmp(name, "not-eq?") == 0) *op = PRED_EQ, *negate = name[0] == 'n';
  else if (strcmp(name, "match?") == 0 || strcmp(name, "not-match?") == 0) *op = PRED_MATCH, *negate = name[0] == 'n';
  else if (strcmp(name, "any-of?") == 0) *op = PRED_ANY_OF;
  else if (strcmp(name, "not-preceded-by?") == 0) *op = PRED_NOT_PRECEDED;
  else if (strcmp(name, "not-after?") == 0) *op = PRED_NOT_AFTER;
  else if (strcmp(name, "match-fmt?") == 0 || strcmp(name, "not-match-fmt?") == 0)
    *op = PRED_MATCH_FMT, *negate = name[0] == 'n';
  else if (strcmp(name, "not-in-function?") == 0) *op = PRED_NOT_IN_FUNCTION;
  else if (strcmp(name, "import-from?") == 0) *op = PRED_IMPORT_FROM;
  else return false;
  return true;
}

static ms_status compile_predicates(ms_query_set *qs, uint32_t pattern, const ms_rule *r, uint32_t seg_start,
                                    ms_error *err) {
  uint32_t nsteps = 0;
  const TSQueryPredicateStep *steps = qs->own ? ms_tree_query_predicates_for_pattern(qs->own, pattern, &nsteps)
                                              : ts_query_predicates_for_pattern(qs->query, pattern, &nsteps);
  uint32_t pat_off = pattern_start(qs, pattern) - seg_start;
  qs->patterns[pattern].first_pred = qs->preds.len;
  uint32_t i = 0;
  while (i < nsteps) {
    uint32_t end = i;
    while (end < nsteps && steps[end].type != TSQueryPredicateStepTypeDone) end++;
    uint32_t nargs = end - i;
    uint32_t len = 0;
    const char *name = nargs ? string_value(qs, steps[i].value_id, &len) : "";
    predicate p = {0};
    p.other_capture = -1;
    if (!pred_op_of(name, &p.op, &p.negate))
      return rule_error(r, pat_off, err,
                        "unsupported predicate '#%s' (supported: #eq?, #not-eq?, #match?, #not-match?, #any-of?, "
                        "#not-preceded-by?, #not-after?, #match-fmt?, #not-match-fmt?, #not-in-function?, "
                        "#import-from?)", name);
    bool list = p.op == PRED_ANY_OF || p.op == PRED_NOT_PRECEDED;
    if (nargs < 3 || steps[i + 1].type != TSQueryPredicateStepTypeCapture)
      return rule_error(r, pat_off, err, "'#%s' takes a capture and then %s", name,
                        list ? "one or more strings" : "one string or capture");
    p.capture = steps[i + 1].value_id;
    p.cname = capture_name(qs, p.capture, &p.cname_len);
    if (!list && nargs != 3)
      return rule_error(r, pat_off, err, "'#%s' takes exactly two arguments", name);
    if (p.op == PRED_EQ && steps[i + 2].type == TSQueryPredicateStepTypeCapture) {
      p.other_capture = steps[i + 2].value_id;
    } else {
      p.nstrings = nargs - 2;
      p.strings = ms_xcalloc(p.nstrings, sizeof(char *));
      p.lengths = ms_xcalloc(p.nstrings, sizeof(uint32_t));
      for (uint32_t k = 0; k < p.nstrings; k++) {
        if (steps[i + 2 + k].type != TSQueryPredicateStepTypeString) {
          ms_free(p.strings);
          ms_free(p.lengths);
          return rule_error(r, pat_off, err, "'#%s' expects string arguments after the capture", name);
        }
        p.strings[k] = string_value(qs, steps[i + 2 + k].value_id, &p.lengths[k]);
      }
    }
    if (p.op == PRED_MATCH_FMT) {
      ms_status fst = check_fmt(qs, &p, r, pat_off, name, err);
      if (fst < 0) {
        ms_free(p.strings);
        ms_free(p.lengths);
        return fst;
      }
    }
    if (p.op == PRED_MATCH || p.op == PRED_NOT_AFTER || p.op == PRED_NOT_IN_FUNCTION ||
        p.op == PRED_IMPORT_FROM) {
      int ecode = 0;
      PCRE2_SIZE eoff = 0;
      p.re = pcre2_compile((PCRE2_SPTR)p.strings[0], p.lengths[0], PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode,
                           &eoff, NULL);
      if (p.re == NULL) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        ms_free(p.strings);
        ms_free(p.lengths);
        return rule_error(r, pat_off, err, "invalid regex in '#%s': %s", name, (const char *)msg);
      }
      ms_match_jit(p.re);
      if (p.op == PRED_MATCH && !p.negate) ms_regex_factors_of(p.strings[0], p.lengths[0], &p.factors);
    }
    ms_array_push(&qs->preds, p);
    i = end + 1;
  }
  qs->patterns[pattern].npred = qs->preds.len - qs->patterns[pattern].first_pred;
  return MS_OK;
}

/* ---- anchors: where a pattern can match ------------------------------------------------------
 * A pattern with `(#eq? @c "system")` or `(#any-of? @c "system" "popen")` on a capture every
 * match holds (pattern_shape.h) matches only where one of those literals is written inside its
 * root node; so does `(#match? @c "re")` with the literals the regex requires (regex_factors.h).
 * A pattern keeps up to MAX_ANCHORS such predicates; each file runs it around the literals of
 * the one that occurs least there ("system" rather than "os"). */
/* The literals a predicate fixes: one of them is written in the text of the capture it tests
 * (none when it fixes nothing). */
static uint32_t anchor_literals(const predicate *p, const char *const **strings, const uint32_t **lengths, bool *fold) {
  *fold = false;
  if ((p->op == PRED_EQ && !p->negate && p->other_capture < 0) || p->op == PRED_ANY_OF) {
    *strings = p->strings;
    *lengths = p->lengths;
    return p->nstrings;
  }
  if (p->op == PRED_MATCH && !p->negate) {
    *strings = (const char *const *)p->factors.strings;
    *lengths = p->factors.lengths;
    *fold = p->factors.fold_case;
    return p->factors.n;
  }
  return 0;
}

static uint32_t shortest_literal(const predicate *p) {
  const char *const *strings;
  const uint32_t *lengths;
  bool fold;
  uint32_t n = anchor_literals(p, &strings, &lengths, &fold), shortest = n ? UINT32_MAX : 0;
  for (uint32_t i = 0; i < n; i++)
    if (lengths[i] < shortest) shortest = lengths[i];
  return shortest;
}

/* The anchors among preds[0..npred), the predicates of the pattern text[0..len): into
 * anchors[], the longest shortest literal first (a file picks among them); returns how many. */
static uint32_t pick_anchors(const predicate *preds, uint32_t npred, const char *text, uint32_t len,
                             uint32_t anchors[MAX_ANCHORS]) {
  uint32_t nanchors = 0;
  for (uint32_t k = 0; k < npred; k++) {
    uint32_t shortest = shortest_literal(&preds[k]);
    if (shortest == 0) continue;
    if (!ms_pattern_shape_capture_always(text, len, preds[k].cname, preds[k].cname_len)) continue;
    uint32_t at = nanchors;
    while (at > 0 && shortest_literal(&preds[anchors[at - 1]]) < shortest) at--;
    if (at == MAX_ANCHORS) continue;
    if (nanchors < MAX_ANCHORS) nanchors++;
    memmove(&anchors[at + 1], &anchors[at], (nanchors - 1 - at) * sizeof(uint32_t));
    anchors[at] = k;
  }
  return nanchors;
}

/* What a set is built of: a rule's text (off 0, len its length), or one of its top-level
 * patterns (a unit, see pattern_unit). */
typedef struct build_entry {
  uint32_t rule;
  uint32_t off, len; /* the entry's bytes in the rule's text */
} build_entry;

/* Builds the combined query of entries[0..n) (whose rules are of kind and apply to lang). With
 * dedup, a later copy of a pattern structure is compiled as a stand-in riding on the first
 * (query_dedup.h); *declined is set when the texts do not lend themselves to that (then nothing
 * is built). */
static ms_status build_set_as(ms_query_set **out, ms_lang_id lang, const ms_rule *rules, const build_entry *entries,
                              uint32_t n, ms_matcher_kind kind, ms_query_engine engine, bool dedup, bool *declined,
                              ms_error *err) {
  ms_status st = MS_OK;
  ms_strbuf src = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_array(segment) segs = MS_ARRAY_INIT;
  ms_query_pieces pieces = MS_ARRAY_INIT;
  ms_query_set *qs = NULL;
  *out = NULL;

  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &rules[entries[i].rule];
    const char *text = r->pattern + entries[i].off;
    /* Taint checks its own captures (@sink and @match, or @source for `sources:`). */
    if (kind != MS_MATCHER_TAINT && strstr(r->pattern, "@match") == NULL) {
      st = rule_error(r, 0, err, "every query pattern must capture the node to report as @match");
      goto cleanup;
    }
    segment s = {entries[i].rule, (uint32_t)src.len, 0, entries[i].off};
    if (dedup && !ms_query_dedup_append(&src, text, entries[i].len, &pieces)) {
      *declined = true;
      goto cleanup;
    }
    if (!dedup) ms_strbuf_put(&src, text, entries[i].len);
    s.end = (uint32_t)src.len - (dedup && src.len > s.start); /* the pieces end with a newline */
    if (!dedup) ms_strbuf_putc(&src, '\n');
    ms_array_push(&segs, s);
  }
  if (segs.len == 0) goto cleanup;

  uint32_t loop = 0;
  if (ms_pattern_shape_empty_loop(src.ptr, (uint32_t)src.len, &loop)) {
    const segment *s = segment_at(segs.items, segs.len, loop);
    st = rule_error(&rules[s->rule], loop - s->start + s->base, err,
                    "'%c' quantifies a pattern that can already match nothing (it is optional or repeated, or "
                    "every item in it is): tree-sitter's query compiler may never finish on it; keep one "
                    "quantifier: (x)?* matches what (x)* does",
                    src.ptr[loop]);
    goto cleanup;
  }
  qs = ms_xcalloc(1, sizeof *qs);
  qs->rules = rules;
  uint32_t eoff = 0;
  TSQueryError etype = TSQueryErrorNone;
  const TSLanguage *language = ms_lang_get(lang)->ts_language();
  if (engine == MS_QUERY_ENGINE_ANY && !ms_query__tree_sitter_only)
    qs->own = ms_tree_query_new(language, src.ptr, (uint32_t)src.len);
  if (qs->own == NULL) qs->query = ts_query_new(language, src.ptr, (uint32_t)src.len, &eoff, &etype);
  if (qs->own == NULL && qs->query == NULL) {
    const segment *s = segment_at(segs.items, segs.len, eoff);
    /* An unclosed pattern is reported at the end of the input: point at its last character. */
    if (eoff > s->end) eoff = s->end;
    while (eoff > s->start && (src.ptr[eoff - 1] == '\n' || src.ptr[eoff - 1] == ' ')) eoff--;
    if (eoff == s->end && eoff > s->start) eoff--;
    st = rule_error(&rules[s->rule], eoff - s->start + s->base, err, "invalid query for %s: %s", ms_lang_get(lang)->name,
                    error_kind(etype));
    goto cleanup;
  }
  uint32_t npat = pattern_count(qs);
  for (uint32_t p = 0; p < npat && dedup; p++)
    if (npat != pieces.len || pattern_start(qs, p) != pieces.items[p].start) {
      *declined = true;
      goto cleanup;
    }
  qs->patterns = ms_xcalloc(npat ? npat : 1, sizeof(pattern_info));
  for (uint32_t p = 0; p < npat; p++) qs->patterns[p].next_copy = -1;
  for (uint32_t p = 0; p < npat; p++) {
    uint32_t start = pattern_start(qs, p);
    const segment *s = segment_at(segs.items, segs.len, start);
    qs->patterns[p].rule = s->rule;
    /* A predicate written after a pattern instead of inside its parentheses parses as a
     * pattern of its own that matches without captures: reject it with a hint. */
    if (src.ptr[start] == '(' && src.ptr[start + 1 + strspn(src.ptr + start + 1, " \t\r\n")] == '#') {
      st = rule_error(&rules[s->rule], start - s->start + s->base, err,
                      "a predicate must sit inside its pattern's parentheses: ((node) @match (#eq? @match \"x\"))");
      goto cleanup;
    }
    st = compile_predicates(qs, p, &rules[s->rule], s->start - s->base, err);
    if (st < 0) goto cleanup;
    uint32_t end = p + 1 < npat ? pattern_start(qs, p + 1) : s->end;
    const char *ptext = dedup ? pieces.items[p].text : src.ptr + start;
    uint32_t plen = dedup ? pieces.items[p].len : (end < s->end ? end : s->end) - start, type = 0, tlen = 0;
    pattern_info *pi = &qs->patterns[p];
    pi->text_off = dedup ? (uint32_t)(ptext - rules[s->rule].pattern) : start - s->start + s->base;
    pi->nanchors = pick_anchors(&qs->preds.items[pi->first_pred], pi->npred, ptext, plen, pi->anchors);
    for (uint32_t k = 0; k < pi->nanchors; k++) pi->anchors[k] += pi->first_pred;
    if (ms_pattern_shape_root_type(ptext, plen, &type, &tlen))
      qs->patterns[p].root = ts_language_symbol_for_name(ms_lang_get(lang)->ts_language(), ptext + type, tlen, true);
    if (dedup && pieces.items[p].same_as >= 0) { /* a stand-in: matches come from its original */
      if (qs->own) ms_tree_query_disable_pattern(qs->own, p);
      else ts_query_disable_pattern(qs->query, p);
      uint32_t last = (uint32_t)pieces.items[p].same_as;
      while (qs->patterns[last].next_copy >= 0) last = (uint32_t)qs->patterns[last].next_copy;
      qs->patterns[last].next_copy = (int32_t)p;
    }
  }
  qs->anchor_set = ms_anchor_set_new();
  for (uint32_t p = 0; p < npat; p++) {
    for (uint32_t k = 0; k < qs->patterns[p].nanchors; k++) {
      const char *const *strings;
      const uint32_t *lengths;
      bool fold;
      uint32_t ns = anchor_literals(&qs->preds.items[qs->patterns[p].anchors[k]], &strings, &lengths, &fold);
      for (uint32_t i = 0; i < ns; i++) ms_anchor_set_add(qs->anchor_set, strings[i], lengths[i], fold);
    }
  }
  ms_anchor_set_freeze(qs->anchor_set);
  qs->match_capture = -1;
  for (uint32_t c = 0; c < capture_count(qs); c++) {
    uint32_t len = 0;
    const char *name = capture_name(qs, c, &len);
    if (len == 5 && memcmp(name, "match", 5) == 0) qs->match_capture = c;
  }
  *out = qs;
  qs = NULL;

cleanup:
  ms_query_set_free(qs);
  ms_strbuf_dispose(&src);
  ms_array_free(&segs);
  ms_query_pieces_free(&pieces);
  return st;
}

/* build_set_as with the stand-ins; as written when they are declined or the build fails (its
 * error then points into the rule's text as the author wrote it). */
static ms_status build_set(ms_query_set **out, ms_lang_id lang, const ms_rule *rules, const build_entry *entries,
                           uint32_t n, ms_matcher_kind kind, ms_query_engine engine, ms_error *err) {
  bool declined = false;
  ms_error scratch = MS_ERROR_INIT;
  ms_status st = build_set_as(out, lang, rules, entries, n, kind, engine, true, &declined, &scratch);
  ms_error_clear(&scratch);
  if (st >= 0 && !declined) return st;
  return build_set_as(out, lang, rules, entries, n, kind, engine, false, &declined, err);
}

ms_status ms_query_set_build(ms_query_set **out, ms_lang_id lang, const ms_rule *rules, uint32_t n,
                             ms_matcher_kind kind, bool user_only, ms_query_engine engine, ms_error *err) {
  build_entry *entries = ms_xcalloc(n ? n : 1, sizeof *entries);
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &rules[i];
    if (r->matcher != kind || !(r->langs & (1u << lang)) || (user_only && r->builtin)) continue;
    entries[m++] = (build_entry){i, 0, (uint32_t)strlen(r->pattern)};
  }
  ms_status st = build_set(out, lang, rules, entries, m, kind, engine, err);
  ms_free(entries);
  return st;
}

void ms_query_set_free(ms_query_set *self) {
  if (self == NULL) return;
  for (uint32_t i = 0; i < self->preds.len; i++) {
    ms_free(self->preds.items[i].strings);
    ms_free(self->preds.items[i].lengths);
    pcre2_code_free(self->preds.items[i].re);
    ms_regex_factors_dispose(&self->preds.items[i].factors);
  }
  ms_array_free(&self->preds);
  ms_free(self->patterns);
  ms_anchor_set_free(self->anchor_set);
  if (self->query) ts_query_delete(self->query);
  ms_tree_query_free(self->own);
  ms_free(self);
}

bool ms_query__confine = true;
bool ms_query__descend = true;
bool ms_query__tree_sitter_only = false;

static bool text_eq(const char *a, uint32_t alen, const char *b, uint32_t blen) {
  return alen == blen && memcmp(a, b, alen) == 0;
}

static bool eval_one(const predicate *p, const ms_match_scratch *scratch, const char *text, uint32_t len,
                     const char *src, const TSQueryMatch *m) {
  switch (p->op) {
    case PRED_EQ:
      if (p->other_capture >= 0) {
        for (uint16_t i = 0; i < m->capture_count; i++) {
          if (m->captures[i].index != (uint32_t)p->other_capture) continue;
          uint32_t s = ts_node_start_byte(m->captures[i].node), e = ts_node_end_byte(m->captures[i].node);
          return text_eq(text, len, src + s, e - s);
        }
        return false;
      }
      return text_eq(text, len, p->strings[0], p->lengths[0]);
    case PRED_ANY_OF:
      for (uint32_t k = 0; k < p->nstrings; k++)
        if (text_eq(text, len, p->strings[k], p->lengths[k])) return true;
      return false;
    case PRED_MATCH:
      return pcre2_match(p->re, (PCRE2_SPTR)text, len, 0, 0, scratch->md, scratch->mctx) >= 0;
    case PRED_NOT_PRECEDED: /* evaluated on the node by predicates_hold */
    case PRED_NOT_AFTER:
    case PRED_MATCH_FMT:
    case PRED_NOT_IN_FUNCTION:
    case PRED_IMPORT_FROM:
      return false;
  }
  return false;
}

/* #not-preceded-by?: no earlier named sibling of n has one of the texts (an argv element
 * after "--" cannot be an option). */
static bool preceded_by(const predicate *p, TSNode n, const char *src) {
  for (TSNode s = ts_node_prev_named_sibling(n); !ts_node_is_null(s); s = ts_node_prev_named_sibling(s)) {
    uint32_t b = ts_node_start_byte(s), e = ts_node_end_byte(s);
    for (uint32_t k = 0; k < p->nstrings; k++)
      if (text_eq(src + b, e - b, p->strings[k], p->lengths[k])) return true;
  }
  return false;
}

typedef struct capture_lookup {
  const ms_query_set *qs;
  const TSQueryMatch *m;
  const char *src;
} capture_lookup;

static const char *lookup_capture(const char *name, size_t name_len, size_t *out_len, void *payload) {
  capture_lookup *cl = payload;
  for (uint16_t i = 0; i < cl->m->capture_count; i++) {
    uint32_t len = 0;
    const char *cname = capture_name(cl->qs, cl->m->captures[i].index, &len);
    if (len == name_len && memcmp(cname, name, len) == 0) {
      uint32_t s = ts_node_start_byte(cl->m->captures[i].node), e = ts_node_end_byte(cl->m->captures[i].node);
      *out_len = e - s;
      return cl->src + s;
    }
  }
  return NULL;
}

/* #match-fmt?: the regex with this match's captures put in finds a match in text. A regex
 * naming a capture absent from the match never matches. */
static bool match_fmt(const ms_query_set *qs, const predicate *p, const ms_match_scratch *scratch, const char *text,
                      uint32_t len, const char *src, const TSQueryMatch *m) {
  capture_lookup cl = {qs, m, src};
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  bool found = false;
  if (expand_fmt(&b, p->strings[0], p->lengths[0], lookup_capture, &cl)) {
    int ecode = 0;
    PCRE2_SIZE eoff = 0;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.ptr, b.len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode, &eoff, NULL);
    if (re != NULL) found = pcre2_match(re, (PCRE2_SPTR)text, len, 0, 0, scratch->md, scratch->mctx) >= 0;
    pcre2_code_free(re);
  }
  ms_strbuf_dispose(&b);
  return found;
}

/* The innermost function (or lambda, method) around n, or the root when there is none. */
static TSNode enclosing_function(TSNode n) {
  static const char *const kinds[] = {"function_declaration", "function_expression", "function", "arrow_function",
                                      "method_definition", "generator_function_declaration", "generator_function",
                                      "function_definition", "lambda", NULL};
  TSNode last = n;
  for (TSNode up = ts_node_parent(n); !ts_node_is_null(up); up = ts_node_parent(up)) {
    const char *t = ts_node_type(up);
    for (int k = 0; kinds[k]; k++)
      if (strcmp(t, kinds[k]) == 0) return up;
    last = up;
  }
  return last;
}

/* A predicate must hold for every node its capture holds in this match. */
static bool predicates_hold(const ms_query_set *qs, const pattern_info *pi, const ms_match_scratch *scratch,
                            const char *src, const TSQueryMatch *m) {
  for (uint32_t k = 0; k < pi->npred; k++) {
    const predicate *p = &qs->preds.items[pi->first_pred + k];
    bool any = false;
    for (uint16_t i = 0; i < m->capture_count; i++) {
      if (m->captures[i].index != p->capture) continue;
      any = true;
      if (p->op == PRED_NOT_PRECEDED) {
        if (preceded_by(p, m->captures[i].node, src)) return false;
        continue;
      }
      if (p->op == PRED_NOT_AFTER) { /* the named sibling right before must not match */
        TSNode prev = ts_node_prev_named_sibling(m->captures[i].node);
        if (ts_node_is_null(prev)) continue;
        uint32_t b = ts_node_start_byte(prev), e = ts_node_end_byte(prev);
        if (pcre2_match(p->re, (PCRE2_SPTR)(src + b), e - b, 0, 0, scratch->md, scratch->mctx) >= 0) return false;
        continue;
      }
      if (p->op == PRED_NOT_IN_FUNCTION) { /* the function around must not match */
        TSNode fn = enclosing_function(m->captures[i].node);
        uint32_t b = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
        if (pcre2_match(p->re, (PCRE2_SPTR)(src + b), e - b, 0, 0, scratch->md, scratch->mctx) >= 0) return false;
        continue;
      }
      uint32_t s = ts_node_start_byte(m->captures[i].node), e = ts_node_end_byte(m->captures[i].node);
      if (p->op == PRED_IMPORT_FROM) { /* a name the file imports must come from a matching module */
        TSNode root = ts_tree_root_node(m->captures[i].node.tree);
        uint32_t ml = 0;
        const char *mod = ms_imports_module_of(root, src, ts_node_end_byte(root), src + s, e - s, &ml);
        if (mod && pcre2_match(p->re, (PCRE2_SPTR)mod, ml, 0, 0, scratch->md, scratch->mctx) < 0) return false;
        continue;
      }
      bool holds = p->op == PRED_MATCH_FMT ? match_fmt(qs, p, scratch, src + s, e - s, src, m)
                                           : eval_one(p, scratch, src + s, e - s, src, m);
      if (holds == p->negate) return false;
    }
    /* A predicate on a capture absent from the match (an optional node) holds vacuously. */
    (void)any;
  }
  return true;
}

TSNode ms_query_set_capture(const ms_query_set *self, const TSQueryMatch *m, const char *name) {
  size_t nlen = strlen(name);
  TSNode none = {0};
  for (uint16_t i = 0; i < m->capture_count; i++) {
    uint32_t len = 0;
    const char *cname = capture_name(self, m->captures[i].index, &len);
    if (len == nlen && memcmp(cname, name, len) == 0) return m->captures[i].node;
  }
  return none;
}

char *ms_query_set_render(const ms_query_set *self, const TSQueryMatch *m, const char *tmpl, const char *src) {
  capture_lookup cl = {self, m, src};
  return ms_template_render(tmpl, lookup_capture, &cl);
}

/* ---- confined runs -------------------------------------------------------------------------
 * A query walk visits every node of the tree, about half the cost of parsing the file whatever
 * the query holds (docs/performance.md). When every pattern of the active rules is anchored,
 * the query runs only on byte ranges around the places its literals occur: tree-sitter then
 * skips the subtrees that end before a range, stops after it, and still finds every match whose
 * root node intersects the range (with its children outside the range). A file where none of
 * the literals occurs is not walked at all. A match whose root meets two ranges is found twice
 * and reported once. */

/* More occurrences than this: one walk of the whole tree. A run that starts below the root
 * (exec_node) costs about the subtree it starts at, so on the benchmark corpus hundreds of
 * small runs still beat one walk of the whole tree: 48 -> 192 -> 512 took the Python part's
 * instructions from 12.60 G to 12.06 G and 12.03 G. */
#define MAX_RANGES MS_ANCHOR_MAX_HITS
#define MAX_LITERALS 128u
#define RANGE_GAP 64u       /* occurrences this close share a range */
#define FEW_HITS 4u         /* an anchor found this few times is not worth comparing with others */

typedef struct byte_range {
  uint32_t start, end;
} byte_range;

static int cmp_range(const void *a, const void *b) {
  const byte_range *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Occurrences of the anchor predicate's literals (at most MAX_RANGES + 1), and in used[] the
 * cache entries they are. */
static uint32_t anchor_count(const predicate *a, ms_anchor_cache *cache, const ms_match_input *in, uint32_t *used,
                             uint32_t *nused) {
  const char *const *strings;
  const uint32_t *lengths;
  bool fold;
  uint32_t ns = anchor_literals(a, &strings, &lengths, &fold), total = 0;
  *nused = 0;
  for (uint32_t k = 0; k < ns && total <= MAX_RANGES; k++) {
    if (*nused == MAX_LITERALS) return MAX_RANGES + 1;
    uint32_t i = ms_anchor_cache_find(cache, strings[k], lengths[k], fold, in->text, in->len);
    total += ms_anchor_cache_at(cache, i)->n;
    used[(*nused)++] = i;
  }
  return total > MAX_RANGES ? MAX_RANGES + 1 : total;
}

/* Fills out with the merged ranges around the anchors' occurrences and returns their count;
 * 0 when the query must walk the whole tree (an active pattern without anchor, or whose
 * anchors all occur too often). Each active pattern takes the anchor that occurs least in this
 * file. *nothing is set when no chosen anchor occurs: no active pattern can match. */
static uint32_t confined_ranges(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                                byte_range *out, bool *nothing) {
  ms_anchor_cache *cache = scratch->anchors;
  ms_anchor_cache_use(cache, scratch->file);
  uint32_t run = ms_anchor_cache_run(cache), n = 0, npat = pattern_count(self);
  bool scanned = false;
  for (uint32_t p = 0; p < npat && n <= MAX_RANGES; p++) {
    const pattern_info *pi = &self->patterns[p];
    if (!in->active[pi->rule]) continue;
    if (!scanned && pi->nanchors > 0) {
      ms_anchor_cache_scan(cache, self->anchor_set, ms_match_scratch_literals(scratch), in->text, in->len);
      scanned = true;
    }
    uint32_t best = MAX_RANGES + 1, best_used[MAX_LITERALS], nbest = 0;
    /* The anchors come best first: one that occurs a few times is good enough. */
    for (uint32_t k = 0; k < pi->nanchors && best > FEW_HITS; k++) {
      uint32_t used[MAX_LITERALS], nused = 0;
      uint32_t c = anchor_count(&self->preds.items[pi->anchors[k]], cache, in, used, &nused);
      if (c >= best) continue;
      best = c;
      nbest = nused;
      memcpy(best_used, used, nused * sizeof *used);
    }
    if (best > MAX_RANGES) n = MAX_RANGES + 1;
    for (uint32_t k = 0; k < nbest && n <= MAX_RANGES; k++) {
      ms_anchor_hits *h = ms_anchor_cache_at(cache, best_used[k]);
      if (h->taken == run) continue;
      h->taken = run;
      for (uint32_t i = 0; i < h->n && n <= MAX_RANGES; i++, n++) {
        if (n == MAX_RANGES) continue;
        out[n].start = h->at[i];
        out[n].end = h->end[i];
      }
    }
  }
  if (n > MAX_RANGES) return 0;
  *nothing = n == 0;
  qsort(out, n, sizeof *out, cmp_range);
  uint32_t m = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (m > 0 && out[k].start <= out[m - 1].end + RANGE_GAP) {
      if (out[k].end > out[m - 1].end) out[m - 1].end = out[k].end;
    } else {
      out[m++] = out[k];
    }
  }
  return m;
}

/* Matches reported so far (pattern, then each capture's index and node), to report a match
 * found from two ranges once. */
typedef ms_array(uintptr_t) match_log;

static bool seen_before(match_log *log, const TSQueryMatch *m) {
  for (uint32_t k = 0; k < log->len; k += 2 + 2 * (uint32_t)log->items[k + 1]) {
    if (log->items[k] != m->pattern_index || log->items[k + 1] != m->capture_count) continue;
    bool same = true;
    for (uint16_t i = 0; i < m->capture_count && same; i++)
      same = log->items[k + 2 + 2 * i] == m->captures[i].index &&
             log->items[k + 3 + 2 * i] == (uintptr_t)m->captures[i].node.id;
    if (same) return true;
  }
  ms_array_push(log, (uintptr_t)m->pattern_index);
  ms_array_push(log, (uintptr_t)m->capture_count);
  for (uint16_t i = 0; i < m->capture_count; i++) {
    ms_array_push(log, (uintptr_t)m->captures[i].index);
    ms_array_push(log, (uintptr_t)m->captures[i].node.id);
  }
  return false;
}

/* One run of a set over a range: where its matches go. */
typedef struct range_run {
  const ms_query_set *self;
  ms_match_scratch *scratch;
  const ms_match_input *in;
  match_log *log; /* the matches reported so far when the run is one of several, else NULL */
  ms_query_match_fn fn;
  void *payload;
} range_run;

/* A match of the query; false when the scan was cancelled. */
static bool deliver(void *payload, const TSQueryMatch *found) {
  const range_run *rr = payload;
  if (ms_match_cancelled(rr->in)) return false;
  if (found->capture_count == 0) return true;
  TSQueryMatch m = *found;
  /* The match is also one of each pattern that rides on this one (query_dedup.h). */
  for (int32_t v = m.pattern_index; v >= 0; v = rr->self->patterns[v].next_copy) {
    const pattern_info *pi = &rr->self->patterns[v];
    if (!rr->in->active[pi->rule]) continue;
    m.pattern_index = (uint16_t)v;
    if (!predicates_hold(rr->self, pi, rr->scratch, rr->in->text, &m)) continue;
    if (rr->log && seen_before(rr->log, &m)) continue;
    rr->fn(rr->payload, rr->self, pi->rule, &m);
  }
  return true;
}

/* want: per pattern, whether it or one riding on it belongs to an active rule (our engine
 * skips the others). */
static bool run_range(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in, TSNode at,
                      byte_range r, const bool *want, match_log *log, ms_query_match_fn fn, void *payload) {
  range_run rr = {self, scratch, in, log, fn, payload};
  if (self->own) return ms_tree_query_exec(self->own, scratch->tree_cursor, at, r.start, r.end, want, deliver, &rr);
  TSQueryCursor *cur = scratch->cursor;
  ts_query_cursor_set_byte_range(cur, r.start, r.end);
  ts_query_cursor_exec(cur, self->query, at);
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cur, &m))
    if (!deliver(&rr, &m)) return false;
  return !ts_query_cursor_did_exceed_match_limit(cur);
}

/* The patterns worth matching for the file (see run_range); NULL when there are too many to
 * say (all are). */
static bool *wanted_patterns(const ms_query_set *self, const ms_match_input *in, bool *small, uint32_t nsmall) {
  uint32_t npat = pattern_count(self);
  if (self->own == NULL || npat > nsmall) return NULL;
  for (uint32_t p = 0; p < npat; p++) {
    small[p] = false;
    for (int32_t v = (int32_t)p; v >= 0 && !small[p]; v = self->patterns[v].next_copy)
      small[p] = in->active[self->patterns[v].rule];
  }
  return small;
}

/* ---- where a confined run starts ------------------------------------------------------------
 * tree-sitter 0.20.7 runs a query from the node it is given and, with a byte range, does not
 * descend into the subtrees outside it, but it still enters every sibling of every node on the
 * way down to the range and on the way back up (computing each one's field and siblings), to
 * the end of the tree: in a long file most of a confined run's work is those siblings. A match
 * whose root intersects a range lies inside the smallest node holding the whole range, or is
 * rooted at one of that node's ancestors. The run can so start at the highest node on the path
 * down to the range whose type some active pattern has at its root (or, when none does, at the
 * smallest node holding the range): the nodes above it cannot be a match's root. The matches
 * are the same, found in the same order. A pattern whose root is not one node type (a wildcard,
 * an alternation) keeps the run at the tree's root. */

/* The root types of the active patterns (at most MAX_ROOTS); false when some active pattern's
 * root may be of any type, or there are too many types to compare each node with. */
#define MAX_ROOTS 16u

static bool active_roots(const ms_query_set *self, const ms_match_input *in, TSSymbol *roots, uint32_t *nroots) {
  uint32_t npat = pattern_count(self);
  *nroots = 0;
  for (uint32_t p = 0; p < npat; p++) {
    const pattern_info *pi = &self->patterns[p];
    if (!in->active[pi->rule]) continue;
    if (pi->root == 0) return false;
    uint32_t k = 0;
    while (k < *nroots && roots[k] != pi->root) k++;
    if (k < *nroots) continue;
    if (*nroots == MAX_ROOTS) return false;
    roots[(*nroots)++] = pi->root;
  }
  return true;
}

/* The node to run the query from for range r (see above). */
static TSNode exec_node(TSTreeCursor *tc, TSNode root, const TSSymbol *roots, uint32_t nroots, byte_range r) {
  TSNode at = root;
  ts_tree_cursor_reset(tc, root);
  for (;;) {
    TSSymbol sym = ts_node_symbol(at);
    for (uint32_t k = 0; k < nroots; k++)
      if (roots[k] == sym) return at;
    if (ts_tree_cursor_goto_first_child_for_byte(tc, r.start) < 0) return at;
    TSNode child = ts_tree_cursor_current_node(tc);
    if (ts_node_start_byte(child) > r.start || ts_node_end_byte(child) < r.end) return at;
    at = child;
  }
}

bool ms_query_set_each(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                       ms_query_match_fn fn, void *payload) {
  byte_range ranges[MAX_RANGES];
  bool nothing = false;
  uint32_t n = ms_query__confine ? confined_ranges(self, scratch, in, ranges, &nothing) : 0;
  if (nothing) return true;
  bool want_small[256];
  const bool *want = wanted_patterns(self, in, want_small, 256);
  if (n == 0) {
    byte_range all = {0, UINT32_MAX};
    return run_range(self, scratch, in, in->root, all, want, NULL, fn, payload);
  }
  TSSymbol roots[MAX_ROOTS];
  uint32_t nroots = 0;
  bool descend = ms_query__descend && active_roots(self, in, roots, &nroots);
  TSTreeCursor tc = {0};
  if (descend) tc = ts_tree_cursor_new(in->root);
  match_log log = MS_ARRAY_INIT;
  bool complete = true;
  for (uint32_t k = 0; k < n && !ms_match_cancelled(in); k++) {
    TSNode at = descend ? exec_node(&tc, in->root, roots, nroots, ranges[k]) : in->root;
    complete &= run_range(self, scratch, in, at, ranges[k], want, n > 1 ? &log : NULL, fn, payload);
  }
  if (descend) ts_tree_cursor_delete(&tc);
  complete &= !ms_match_cancelled(in);
  ts_query_cursor_set_byte_range(scratch->cursor, 0, UINT32_MAX);
  ms_array_free(&log);
  return complete;
}

typedef struct emit_adapter {
  const char *src;
  ms_emit_fn emit;
  void *payload;
} emit_adapter;

/* Query rules report their @match node with the message rendered from the captures. */
static void emit_match(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m) {
  emit_adapter *ea = payload;
  TSNode node = m->captures[0].node;
  for (uint16_t i = 0; i < m->capture_count; i++)
    if ((int64_t)m->captures[i].index == qs->match_capture) node = m->captures[i].node;
  char *msg = ms_query_set_render(qs, m, qs->rules[rule].message, ea->src);
  ms_match_report rep = {rule, ts_node_start_byte(node), ts_node_end_byte(node), msg, NULL, NULL, 0, false, MS_SEV_INFO, 0, NULL, 0, 0};
  ea->emit(ea->payload, &rep);
}

bool ms_query_set_run(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                      ms_emit_fn emit, void *payload) {
  emit_adapter ea = {in->text, emit, payload};
  return ms_query_set_each(self, scratch, in, emit_match, &ea);
}

/* ---- the matcher: queries grouped by first need, compiled lazily ---------------------------
 * tree-sitter's query analysis (ts_query_new) is almost all of a small scan's time, and its
 * cost is about the sum of the patterns' costs; running a query costs a walk of the tree. So
 * freeze only validates: user rules are compiled alone (errors still stop the run with exit 2
 * before any scanning), built-in rules are proven by the test suite. What is compiled lazily is
 * a unit: one top-level pattern of a rule. A file wants the units of its active rules (enabled
 * and past their prefilter literals, in->active); for a grammar's first group, only those it
 * can match: whose anchors' literals all occur in it (one literal of each anchor), read from the
 * pattern's text before it is compiled (pattern_unit). Per grammar, a file whose wanted units all have a query already runs
 * those queries; otherwise it compiles one new group: its wanted units that have no query yet,
 * combined. A one-file scan so compiles exactly the patterns its file can match, in one query
 * (the pre-commit case: 2 of the 15 patterns of the rules past their prefilters); a big scan
 * ends with a handful of groups (the first file's patterns, then what later files add), so a
 * file is still walked only a few times. A worker claims the units it compiles under the
 * grammar's mutex and compiles them without it, so two workers compile different units at
 * once; a worker that needs units another one is compiling waits for them (compiling units
 * nobody asked for meanwhile cost more CPU than the wait saved). Groups are immutable once
 * published. Which group holds a pattern may differ between runs; findings do not, since each
 * pattern matches on its own. docs/internals/query-compilation.md has the numbers. */

enum { UNCOMPILED = -1, CLAIMED = -2 }; /* group_of values that are not a group */

/* One top-level pattern of a rule, the unit of lazy compilation. Its anchors are read from its
 * text (query_preds.h) when a file first asks whether it can match it (reading them all when
 * the sets are made cost 45 M instructions, 60 % more start-up), the way build_set_as finds
 * them in the compiled pattern; a file in which some anchor has none of its literals cannot match
 * the pattern, and does not compile it. A unit is wanted by every file that activates its rule
 * when there is nothing to read (no anchor, a text the readers do not follow, a rule the splitter
 * declines) or the reading is not trusted. The built-in rules' is proven by the test suite
 * (ms_query__check_units); a user rule's is checked against its validation build when the sets
 * are made (verify_user_units). */
typedef struct pattern_unit {
  uint32_t rule;
  uint32_t off, len;             /* the pattern's bytes in the rule's text */
  predicate *preds;              /* the predicates anchors come from, read from the text (owned) */
  uint32_t npred;
  uint32_t anchors[MAX_ANCHORS]; /* indices into preds */
  uint32_t nanchors;
  bool read;                     /* the fields above are filled (atomic; under read_lock) */
  bool trusted;                  /* the anchors read may decide whether a file compiles it */
} pattern_unit;

typedef ms_array(pattern_unit) unit_array;

typedef struct lang_groups {
  pthread_mutex_t lock;          /* guards claims and publication; never held while compiling */
  pthread_cond_t published;      /* broadcast when a group is published */
  uint32_t *units;               /* the kind's units whose rule applies to the grammar (indices) */
  uint32_t nunits;
  int32_t *group_of;             /* per entry of units: its group, UNCOMPILED or CLAIMED (atomic) */
  ms_query_set **groups;         /* at most nunits groups; published before group_of */
  uint32_t ngroups;              /* written under lock (atomic: unit_wanted reads it without) */
} lang_groups;

struct ms_query_sets {
  ms_matcher_kind kind;
  const ms_rule *rules;
  uint32_t n;
  pattern_unit *units;           /* the units of the kind's rules, rule by rule */
  uint32_t nunits;
  pthread_mutex_t read_lock;     /* guards the reading of a unit's anchors */
  lang_groups langs[MS_LANG_PARSED_COUNT];
  size_t compiles; /* queries compiled so far (atomic; for tests) */
  size_t patterns; /* patterns in them (atomic; for tests) */
  struct ms_query_sets *next_live; /* the list of live sets (under live_lock) */
  struct ms_query_sets *prefetch;  /* a query set's taint sink set over the same rules, or NULL */
  struct ms_query_sets *then;      /* a taint sink set's sources set (ms_query_sets_then), or NULL */
};
typedef struct ms_query_sets query_sets;

/* ---- units and their anchors, read from the rules' texts ---------------------------------- */

static void unit_dispose(pattern_unit *u) {
  for (uint32_t k = 0; k < u->npred; k++) {
    predicate *p = &u->preds[k];
    for (uint32_t i = 0; i < p->nstrings; i++) ms_free((char *)p->strings[i]);
    ms_free(p->strings);
    ms_free(p->lengths);
    ms_free((char *)p->cname);
    ms_regex_factors_dispose(&p->factors);
  }
  ms_free(u->preds);
}

/* The text predicate t as ours when anchors can come from it (a positive #eq?, #any-of? or
 * #match? of a capture against strings), taking its strings; false otherwise. */
static bool anchor_predicate(ms_text_pred *t, predicate *p) {
  memset(p, 0, sizeof *p);
  p->other_capture = -1;
  if (!pred_op_of(t->name, &p->op, &p->negate) || p->negate) return false;
  if (p->op != PRED_EQ && p->op != PRED_ANY_OF && p->op != PRED_MATCH) return false;
  if (t->args.len < 2 || !t->args.items[0].capture || (p->op != PRED_ANY_OF && t->args.len != 2)) return false;
  for (uint32_t k = 1; k < t->args.len; k++)
    if (t->args.items[k].capture) return false;
  p->cname = t->args.items[0].text;
  p->cname_len = t->args.items[0].len;
  t->args.items[0].text = NULL;
  p->nstrings = t->args.len - 1;
  p->strings = ms_xcalloc(p->nstrings, sizeof(char *));
  p->lengths = ms_xcalloc(p->nstrings, sizeof(uint32_t));
  for (uint32_t k = 0; k < p->nstrings; k++) {
    p->strings[k] = t->args.items[k + 1].text;
    p->lengths[k] = t->args.items[k + 1].len;
    t->args.items[k + 1].text = NULL;
  }
  if (p->op == PRED_MATCH) ms_regex_factors_of(p->strings[0], p->lengths[0], &p->factors);
  return true;
}

/* Reads the anchors of unit u, once. */
static void read_unit(query_sets *qs, pattern_unit *u) {
  if (__atomic_load_n(&u->read, __ATOMIC_ACQUIRE)) return;
  pthread_mutex_lock(&qs->read_lock);
  if (u->read) {
    pthread_mutex_unlock(&qs->read_lock);
    return;
  }
  const char *text = qs->rules[u->rule].pattern;
  ms_text_preds tp = MS_ARRAY_INIT;
  if (ms_query_text_predicates(text + u->off, u->len, &tp)) {
    u->preds = ms_xcalloc(tp.len ? tp.len : 1, sizeof(predicate));
    for (uint32_t k = 0; k < tp.len; k++)
      if (anchor_predicate(&tp.items[k], &u->preds[u->npred])) u->npred++;
    u->nanchors = pick_anchors(u->preds, u->npred, text + u->off, u->len, u->anchors);
  }
  ms_text_preds_free(&tp);
  __atomic_store_n(&u->read, true, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&qs->read_lock);
}

/* Appends the units of rule r to out: one per top-level pattern, or the whole text (read, not
 * trusted) when the splitter declines it. */
static void add_units(const ms_rule *rules, uint32_t r, unit_array *out) {
  const char *text = rules[r].pattern;
  uint32_t n = (uint32_t)strlen(text);
  ms_query_pieces pieces = MS_ARRAY_INIT;
  if (!ms_query_dedup_split(text, n, &pieces) || pieces.len == 0) {
    pattern_unit u = {.rule = r, .off = 0, .len = n, .read = true};
    ms_array_push(out, u);
  }
  for (uint32_t k = 0; k < pieces.len; k++) {
    pattern_unit u = {.rule = r, .off = (uint32_t)(pieces.items[k].text - text), .len = pieces.items[k].len,
                      .trusted = true};
    ms_array_push(out, u);
  }
  ms_query_pieces_free(&pieces);
}

/* Whether the file can match unit u: its rule is active, and each of its anchors has a literal
 * written in the file, counted as confined_ranges counts them (through the worker's anchor
 * cache, which the runs then reuse). */
static bool unit_wanted(query_sets *qs, const lang_groups *lg, pattern_unit *u, ms_match_scratch *scratch,
                        const ms_match_input *in) {
  if (!in->active[u->rule]) return false;
  if (!ms_query__confine || __atomic_load_n(&lg->ngroups, __ATOMIC_RELAXED) > 0) return true;
  if (!u->trusted) return true;
  read_unit(qs, u);
  if (u->nanchors == 0) return true;
  ms_anchor_cache_use(scratch->anchors, scratch->file);
  uint32_t used[MAX_LITERALS], nused = 0;
  for (uint32_t k = 0; k < u->nanchors; k++)
    if (anchor_count(&u->preds[u->anchors[k]], scratch->anchors, in, used, &nused) == 0) return false;
  return true;
}

/* Whether the file wants some unit that has no group yet; want (per entry of lg->units, cleared
 * by the caller) then marks every such unit it wants. Without want it stops at the first. */
static bool wants_group(query_sets *qs, const lang_groups *lg, ms_match_scratch *scratch, const ms_match_input *in,
                        bool *want) {
  bool some = false;
  for (uint32_t k = 0; k < lg->nunits; k++) {
    if (__atomic_load_n(&lg->group_of[k], __ATOMIC_ACQUIRE) >= 0) continue;
    if (!unit_wanted(qs, lg, &qs->units[lg->units[k]], scratch, in)) continue;
    if (want == NULL) return true;
    want[k] = some = true;
  }
  return some;
}

/* The units the file wants that have no group yet (per entry of the grammar's units; the caller
 * frees), or NULL when there are none. */
static bool *wanted_units(query_sets *qs, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in) {
  const lang_groups *lg = &qs->langs[lang];
  bool *want = ms_xcalloc(lg->nunits ? lg->nunits : 1, sizeof(bool));
  if (wants_group(qs, lg, scratch, in, want)) return want;
  ms_free(want);
  return NULL;
}

/* ---- the sets ------------------------------------------------------------------------------ */

/* Live sets, so that a query set finds the taint sink set of its ruleset (the two matchers
 * build their sets separately, before any scanning). */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static query_sets *live;

static void link_live(query_sets *qs) {
  pthread_mutex_lock(&live_lock);
  for (query_sets *o = live; o; o = o->next_live) {
    if (o->rules != qs->rules) continue;
    if (qs->kind == MS_MATCHER_QUERY && o->kind == MS_MATCHER_TAINT) qs->prefetch = o;
    if (qs->kind == MS_MATCHER_TAINT && o->kind == MS_MATCHER_QUERY) o->prefetch = qs;
  }
  qs->next_live = live;
  live = qs;
  pthread_mutex_unlock(&live_lock);
}

static void unlink_live(query_sets *qs) {
  pthread_mutex_lock(&live_lock);
  for (query_sets **p = &live; *p;) {
    if ((*p)->prefetch == qs) (*p)->prefetch = NULL;
    if (*p == qs) *p = qs->next_live;
    else p = &(*p)->next_live;
  }
  pthread_mutex_unlock(&live_lock);
}

void ms_query_sets_free(ms_query_sets *qs) {
  if (qs == NULL) return;
  unlink_live(qs);
  for (int l = 0; l < MS_LANG_PARSED_COUNT; l++) {
    lang_groups *lg = &qs->langs[l];
    for (uint32_t g = 0; g < lg->ngroups; g++) ms_query_set_free(lg->groups[g]);
    ms_free(lg->groups);
    ms_free(lg->group_of);
    ms_free(lg->units);
    pthread_cond_destroy(&lg->published);
    pthread_mutex_destroy(&lg->lock);
  }
  for (uint32_t u = 0; u < qs->nunits; u++) unit_dispose(&qs->units[u]);
  ms_free(qs->units);
  pthread_mutex_destroy(&qs->read_lock);
  ms_free(qs);
}

/* The anchors of compiled pattern pi of set and those read for unit u have the same literals. */
static bool same_anchors(const ms_query_set *set, const pattern_info *pi, const pattern_unit *u) {
  if (pi->nanchors != u->nanchors) return false;
  for (uint32_t k = 0; k < u->nanchors; k++) {
    const char *const *as = NULL, *const *bs = NULL;
    const uint32_t *al = NULL, *bl = NULL;
    bool af = false, bf = false;
    uint32_t an = anchor_literals(&set->preds.items[pi->anchors[k]], &as, &al, &af);
    uint32_t bn = anchor_literals(&u->preds[u->anchors[k]], &bs, &bl, &bf);
    if (an != bn || af != bf) return false;
    for (uint32_t i = 0; i < an; i++)
      if (al[i] != bl[i] || memcmp(as[i], bs[i], al[i]) != 0) return false;
  }
  return true;
}

/* Whether the captures the predicates of pattern text[0..len) name (`{{name}}` in a
 * #match-fmt? included) are its own: a pattern compiled alone fails on a capture only another
 * pattern of its rule defines. */
static bool self_contained(const char *text, uint32_t len) {
  ms_text_preds tp = MS_ARRAY_INIT;
  bool ok = ms_query_text_predicates(text, len, &tp);
  for (uint32_t k = 0; k < tp.len && ok; k++) {
    const ms_text_pred *p = &tp.items[k];
    pred_op op;
    bool negate, fmt = pred_op_of(p->name, &op, &negate) && op == PRED_MATCH_FMT;
    for (uint32_t a = 0; a < p->args.len && ok; a++) {
      const ms_text_arg *arg = &p->args.items[a];
      if (arg->capture) {
        ok = ms_query_text_defines_capture(text, len, arg->text, arg->len);
        continue;
      }
      for (const char *open = fmt ? strstr(arg->text, "{{") : NULL; open && ok; open = strstr(open + 2, "{{")) {
        const char *close = strstr(open + 2, "}}");
        if (close == NULL) break;
        ok = ms_query_text_defines_capture(text, len, open + 2, (uint32_t)(close - open - 2));
      }
    }
  }
  ms_text_preds_free(&tp);
  return ok;
}

/* User rules: a unit stays trusted only when check, the validation build of the grammar's user
 * rules, has it as one pattern whose anchors are those read from its text. When one of a rule's
 * patterns would not compile alone, none of its units is trusted: all are then wanted whenever
 * the rule is, and compiled together. Called for each grammar, so a unit is trusted when it is
 * so in all of its rule's. */
static void verify_user_units(query_sets *qs, const lang_groups *lg, const ms_query_set *check) {
  uint32_t npat = check ? pattern_count(check) : 0;
  for (uint32_t k = 0; k < lg->nunits; k++) {
    pattern_unit *u = &qs->units[lg->units[k]];
    if (qs->rules[u->rule].builtin || !u->trusted) continue;
    if (!self_contained(qs->rules[u->rule].pattern + u->off, u->len)) {
      for (uint32_t i = 0; i < qs->nunits; i++)
        if (qs->units[i].rule == u->rule) qs->units[i].trusted = false;
      continue;
    }
    read_unit(qs, u);
    const pattern_info *pi = NULL;
    for (uint32_t p = 0; p < npat && pi == NULL; p++)
      if (check->patterns[p].rule == u->rule && check->patterns[p].text_off == u->off) pi = &check->patterns[p];
    u->trusted = pi != NULL && same_anchors(check, pi, u);
  }
}

ms_status ms_query_sets_new(ms_query_sets **out, ms_matcher_kind kind, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL;
  /* MCP_SENTINEL_NO_CONFINE=1: every query walks the whole tree (and every pattern of an active
   * rule is compiled); MCP_SENTINEL_NO_DESCEND=1: confined runs start at the tree's root (tests
   * compare them with the default). */
  ms_query__confine = !ms_match_env_flag("MCP_SENTINEL_NO_CONFINE");
  ms_query__descend = !ms_match_env_flag("MCP_SENTINEL_NO_DESCEND");
  ms_query__tree_sitter_only = ms_match_env_flag("MCP_SENTINEL_TS_QUERY");
  bool any = false;
  query_sets *qs = ms_xcalloc(1, sizeof *qs);
  qs->kind = kind;
  qs->rules = rules;
  qs->n = n;
  unit_array units = MS_ARRAY_INIT;
  for (uint32_t i = 0; i < n; i++)
    if (rules[i].matcher == kind && (rules[i].langs & ((1u << MS_LANG_PARSED_COUNT) - 1))) add_units(rules, i, &units);
  qs->units = units.items;
  qs->nunits = units.len;
  pthread_mutex_init(&qs->read_lock, NULL);
  for (int l = 0; l < MS_LANG_PARSED_COUNT; l++) {
    lang_groups *lg = &qs->langs[l];
    pthread_mutex_init(&lg->lock, NULL);
    pthread_cond_init(&lg->published, NULL);
    lg->units = ms_xcalloc(qs->nunits ? qs->nunits : 1, sizeof(uint32_t));
    for (uint32_t u = 0; u < qs->nunits; u++)
      if (rules[qs->units[u].rule].langs & (1u << l)) lg->units[lg->nunits++] = u;
    lg->group_of = ms_xcalloc(lg->nunits ? lg->nunits : 1, sizeof(int32_t));
    for (uint32_t k = 0; k < lg->nunits; k++) lg->group_of[k] = UNCOMPILED;
    lg->groups = ms_xcalloc(lg->nunits ? lg->nunits : 1, sizeof(ms_query_set *));
    any |= lg->nunits > 0;
    ms_query_set *check = NULL;
    ms_status st = ms_query_set_build(&check, (ms_lang_id)l, rules, n, qs->kind, true, MS_QUERY_ENGINE_TREE_SITTER, err);
    if (st >= 0) verify_user_units(qs, lg, check);
    ms_query_set_free(check);
    if (st < 0) {
      ms_query_sets_free(qs);
      return st;
    }
  }
  if (any) {
    link_live(qs);
    *out = qs;
  } else {
    ms_query_sets_free(qs);
  }
  return MS_OK;
}

/* ---- groups ---------------------------------------------------------------------------------- */

/* Compiles the units in mask (per entry of the grammar's units, claimed by the caller) into one
 * new group without the lock, then publishes it under the lock; called and returns with
 * lg->lock held. */
static ms_status compile_group(query_sets *qs, ms_lang_id lang, const bool *mask, ms_error *err) {
  lang_groups *lg = &qs->langs[lang];
  build_entry *entries = ms_xcalloc(lg->nunits ? lg->nunits : 1, sizeof *entries);
  uint32_t m = 0;
  for (uint32_t k = 0; k < lg->nunits; k++) {
    const pattern_unit *u = &qs->units[lg->units[k]];
    if (mask[k]) entries[m++] = (build_entry){u->rule, u->off, u->len};
  }
  ms_query_set *set = NULL;
  pthread_mutex_unlock(&lg->lock);
  ms_status st = build_set(&set, lang, qs->rules, entries, m, qs->kind, MS_QUERY_ENGINE_ANY, err);
  ms_free(entries);
  __atomic_add_fetch(&qs->compiles, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&qs->patterns, set ? pattern_count(set) : 0, __ATOMIC_RELAXED);
  if (st < 0 && err == NULL) { /* rules validated (or proven by the tests) that do not compile */
    fprintf(stderr, "mcp-sentinel: internal error: a group of %s query patterns does not compile\n",
            ms_lang_get(lang)->name);
    abort();
  }
  pthread_mutex_lock(&lg->lock);
  int32_t g = (int32_t)__atomic_fetch_add(&lg->ngroups, 1, __ATOMIC_RELAXED);
  lg->groups[g] = set;
  for (uint32_t k = 0; k < lg->nunits; k++)
    if (mask[k]) __atomic_store_n(&lg->group_of[k], g, __ATOMIC_RELEASE);
  pthread_cond_broadcast(&lg->published);
  return st;
}

/* Taint rules with `sources:` run on every file that passes their prefilters, the others only
 * on files with tool handlers (most files of a big tree have none): the two never share a
 * group, so that a file without handlers does not walk the tool-input sinks' patterns. */
static int rule_class(const query_sets *qs, uint32_t r) {
  return qs->kind == MS_MATCHER_TAINT && qs->rules[r].sources != NULL;
}

/* Claims, in mask (per entry of lg->units, cleared first), the wanted units (all when wanted is
 * NULL) of class cls that nobody has compiled or claimed. Under lg->lock. Returns whether it
 * claimed any. */
static bool claim(query_sets *qs, lang_groups *lg, const bool *wanted, int cls, bool *mask) {
  bool some = false;
  memset(mask, 0, (lg->nunits ? lg->nunits : 1) * sizeof *mask);
  for (uint32_t k = 0; k < lg->nunits; k++) {
    if (lg->group_of[k] != UNCOMPILED || (wanted != NULL && !wanted[k])) continue;
    if (rule_class(qs, qs->units[lg->units[k]].rule) != cls) continue;
    mask[k] = some = true;
    __atomic_store_n(&lg->group_of[k], CLAIMED, __ATOMIC_RELAXED);
  }
  return some;
}

/* Some wanted unit is being compiled by another thread. Under lg->lock. */
static bool claimed_elsewhere(const lang_groups *lg, const bool *wanted) {
  for (uint32_t k = 0; k < lg->nunits; k++)
    if (lg->group_of[k] == CLAIMED && (wanted == NULL || wanted[k])) return true;
  return false;
}

/* Compiles the groups (one per rule class) of the wanted units (per entry of the grammar's
 * units; all when NULL) that have none and nobody else is compiling, then waits until the
 * others' are published too. It compiles nothing ahead while it waits: a unit no file has asked
 * for may never be needed (on the bench corpus, working ahead compiled 0.6 G instructions more
 * on the Python part at -j 2 than -j 1 did). */
static ms_status add_group(query_sets *qs, ms_lang_id lang, const bool *wanted, ms_error *err) {
  lang_groups *lg = &qs->langs[lang];
  ms_status st = MS_OK;
  bool *mask = ms_xcalloc(lg->nunits ? lg->nunits : 1, sizeof(bool));
  pthread_mutex_lock(&lg->lock);
  for (;;) {
    for (int cls = 0; cls < 2 && st >= 0; cls++)
      if (claim(qs, lg, wanted, cls, mask)) st = compile_group(qs, lang, mask, err);
    if (st < 0 || !claimed_elsewhere(lg, wanted)) break;
    pthread_cond_wait(&lg->published, &lg->lock);
  }
  pthread_mutex_unlock(&lg->lock);
  ms_free(mask);
  return st;
}

typedef struct prefetch_job {
  query_sets *sinks;   /* the taint sinks to compile first, or NULL */
  query_sets *sources; /* then the taint sources, or NULL */
  ms_lang_id lang;
  bool *sinks_want, *sources_want; /* the units of each the file wants */
} prefetch_job;

static void *run_prefetch(void *arg) {
  prefetch_job *j = arg;
  if (j->sinks) add_group(j->sinks, j->lang, j->sinks_want, NULL);
  if (j->sources) add_group(j->sources, j->lang, j->sources_want, NULL);
  return NULL;
}

/* Compiles the file's new group, and on a helper thread meanwhile the taint groups the file
 * will need next: the sink units it wants when it has tool handlers, and the `sources:` units
 * of its active rules it wants (a file without handlers always runs them; one with handlers
 * when a sink of theirs matched, which logging sinks nearly always do). The taint matcher,
 * which runs next, then finds them ready; whichever thread is free first compiles the sources.
 * A one-file scan's compile time so about halves on two cores, without a group more (and a
 * walk more per file in big scans) than compiling them in turn. A `-j 1` scan asked for one
 * thread and compiles them in turn. What the file wants is found here, on the worker (the
 * anchor cache is the worker's). */
static void compile_for(query_sets *qs, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in) {
  query_sets *sinks = qs->prefetch, *sources = sinks ? sinks->then : NULL;
  bool handlers = in->facts != NULL && in->facts->handlers.len > 0;
  prefetch_job job = {NULL, NULL, lang, NULL, NULL};
  if (handlers && sinks && (job.sinks_want = wanted_units(sinks, lang, scratch, in)) != NULL) job.sinks = sinks;
  if (sources && (job.sources_want = wanted_units(sources, lang, scratch, in)) != NULL) job.sources = sources;
  bool *want = wanted_units(qs, lang, scratch, in);
  pthread_t helper;
  bool ahead = (job.sinks || job.sources) && !in->one_thread && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
               pthread_create(&helper, NULL, run_prefetch, &job) == 0;
  if (want) add_group(qs, lang, want, NULL);
  if (ahead) {
    if (job.sources) add_group(job.sources, lang, job.sources_want, NULL);
    pthread_join(helper, NULL);
  }
  ms_free(want);
  ms_free(job.sinks_want);
  ms_free(job.sources_want);
}

void ms_query_sets_then(ms_query_sets *sinks, ms_query_sets *sources) {
  if (sinks) sinks->then = sources;
}

bool ms_query_sets_each(const ms_query_sets *cqs, ms_lang_id lang, ms_match_scratch *scratch,
                        const ms_match_input *in, ms_query_match_fn fn, void *payload) {
  if (cqs == NULL || (unsigned)lang >= MS_LANG_PARSED_COUNT) return true;
  query_sets *qs = (query_sets *)cqs; /* the lazily filled groups are the one mutable part */
  lang_groups *lg = &qs->langs[lang];
  if (wants_group(qs, lg, scratch, in, NULL)) compile_for(qs, lang, scratch, in);
  /* Each group that holds a unit of an active rule runs once, in the order of its first such
   * unit (a unit the file cannot match finds no place to run: confined_ranges). */
  uint64_t seen_small[8], *seen = seen_small;
  size_t words = (lg->nunits + 63) / 64;
  if (words > 8) seen = ms_xcalloc(words, sizeof *seen);
  else memset(seen_small, 0, sizeof seen_small);
  bool complete = true;
  for (uint32_t k = 0; k < lg->nunits; k++) {
    if (!in->active[qs->units[lg->units[k]].rule]) continue;
    int32_t g = __atomic_load_n(&lg->group_of[k], __ATOMIC_ACQUIRE);
    if (g < 0 || (seen[g / 64] >> (g % 64) & 1)) continue;
    seen[g / 64] |= (uint64_t)1 << (g % 64);
    if (ms_match_cancelled(in)) {
      complete = false;
      break;
    }
    /* A group cut short (the cursor's match limit) does not keep the others from running. */
    if (lg->groups[g] != NULL) complete &= ms_query_set_each(lg->groups[g], scratch, in, fn, payload);
  }
  if (seen != seen_small) ms_free(seen);
  return complete;
}

size_t ms_query__compiled(const ms_query_sets *qs) {
  return qs ? __atomic_load_n(&qs->compiles, __ATOMIC_RELAXED) : 0;
}

size_t ms_query__compiled_patterns(const ms_query_sets *qs) {
  return qs ? __atomic_load_n(&qs->patterns, __ATOMIC_RELAXED) : 0;
}

void ms_query__hold(const ms_query_sets *cqs, ms_lang_id lang, uint32_t rule, bool hold) {
  query_sets *qs = (query_sets *)cqs;
  lang_groups *lg = &qs->langs[lang];
  pthread_mutex_lock(&lg->lock);
  for (uint32_t k = 0; k < lg->nunits; k++)
    if (qs->units[lg->units[k]].rule == rule && lg->group_of[k] == (hold ? UNCOMPILED : CLAIMED))
      __atomic_store_n(&lg->group_of[k], hold ? CLAIMED : UNCOMPILED, __ATOMIC_RELAXED);
  pthread_cond_broadcast(&lg->published);
  pthread_mutex_unlock(&lg->lock);
}

ms_status ms_query__compile_all(const ms_query_sets *cqs, ms_error *err) {
  for (int l = 0; l < MS_LANG_PARSED_COUNT && cqs; l++) {
    ms_status st = add_group((query_sets *)cqs, (ms_lang_id)l, NULL, err);
    if (st < 0) return st;
  }
  return MS_OK;
}

bool ms_query__check_units(const ms_query_sets *qs, char **what) {
  *what = NULL;
  for (int l = 0; l < MS_LANG_PARSED_COUNT && qs && *what == NULL; l++) {
    const lang_groups *lg = &qs->langs[l];
    for (uint32_t k = 0; k < lg->nunits && *what == NULL; k++) {
      pattern_unit *u = &qs->units[lg->units[k]];
      read_unit((query_sets *)qs, u);
      build_entry e = {u->rule, u->off, u->len};
      ms_query_set *set = NULL, *own = NULL;
      ms_error err = MS_ERROR_INIT;
      const char *problem = NULL;
      if (build_set(&set, (ms_lang_id)l, qs->rules, &e, 1, qs->kind, MS_QUERY_ENGINE_TREE_SITTER, &err) < 0)
        problem = "does not compile alone";
      else if (pattern_count(set) != 1) problem = "is not one pattern";
      else if (!same_anchors(set, &set->patterns[0], u)) problem = "has other anchors than its text reads";
      else if (build_set(&own, (ms_lang_id)l, qs->rules, &e, 1, qs->kind, MS_QUERY_ENGINE_ANY, &err) < 0 ||
               own->own == NULL)
        problem = "is not read by our matcher (tree_query.h), so scans would run it on tree-sitter's";
      else if (pattern_count(own) != 1 || !same_anchors(own, &own->patterns[0], u))
        problem = "reads otherwise in our matcher";
      ms_query_set_free(own);
      if (problem != NULL) {
        ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
        ms_strbuf_printf(&b, "%s (%s), pattern at byte %u: %s %s", qs->rules[u->rule].id, ms_lang_get((ms_lang_id)l)->name,
                         u->off, problem, err.message ? err.message : "");
        *what = ms_strbuf_detach(&b);
      }
      ms_error_clear(&err);
      ms_query_set_free(set);
    }
  }
  return *what == NULL;
}

static ms_status build_sets(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  return ms_query_sets_new((ms_query_sets **)out, MS_MATCHER_QUERY, rules, n, err);
}

static void free_sets(void *set) { ms_query_sets_free(set); }

static bool run_sets(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in,
                     ms_emit_fn emit, void *payload) {
  if (ts_node_is_null(in->root)) return true;
  emit_adapter ea = {in->text, emit, payload};
  return ms_query_sets_each(set, lang, scratch, in, emit_match, &ea);
}

const ms_matcher ms_matcher_query = {"query", true, build_sets, run_sets, free_sets};
