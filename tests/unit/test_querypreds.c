/* match/query_preds: a pattern's predicates read from its text, before tree-sitter compiles it.
 * A file skips compiling a built-in pattern whose anchors' literals it lacks, so a string read
 * differently from tree-sitter (an escape, a bare word) would skip a pattern that matches. Each
 * case is held to what tree-sitter 0.20.7 itself reads from the same text. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "lang/lang.h"
#include "match/query_preds.h"
#include "util/strbuf.h"

/* The predicates as "name(arg,arg) " with @capture names and "string" values, from tree-sitter's
 * steps for the query's every pattern (escapes shown as \xNN). */
static void show_arg(ms_strbuf *b, bool capture, const char *s, uint32_t len) {
  ms_strbuf_putc(b, capture ? '@' : '"');
  for (uint32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == '\\' || c == '"') ms_strbuf_printf(b, "\\x%02X", c);
    else ms_strbuf_putc(b, (char)c);
  }
  if (!capture) ms_strbuf_putc(b, '"');
}

static char *tree_sitters(const char *text) {
  uint32_t eoff = 0;
  TSQueryError e = TSQueryErrorNone;
  TSQuery *q = ts_query_new(ms_lang_get(MS_LANG_JAVASCRIPT)->ts_language(), text, (uint32_t)strlen(text), &eoff, &e);
  if (q == NULL) return NULL;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t p = 0; p < ts_query_pattern_count(q); p++) {
    uint32_t n = 0, len = 0;
    const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(q, p, &n);
    bool head = true;
    for (uint32_t i = 0; i < n; i++) {
      if (steps[i].type == TSQueryPredicateStepTypeDone) {
        ms_strbuf_puts(&b, ") ");
        head = true;
        continue;
      }
      bool capture = steps[i].type == TSQueryPredicateStepTypeCapture;
      const char *s = capture ? ts_query_capture_name_for_id(q, steps[i].value_id, &len)
                              : ts_query_string_value_for_id(q, steps[i].value_id, &len);
      if (head) {
        ms_strbuf_put(&b, s, len);
        ms_strbuf_putc(&b, '(');
      } else {
        show_arg(&b, capture, s, len);
        ms_strbuf_putc(&b, ',');
      }
      head = false;
    }
  }
  ts_query_delete(q);
  char *out = ms_xstrdup(b.len ? ms_strbuf_cstr(&b) : "");
  ms_strbuf_dispose(&b);
  return out;
}

/* The same from our reading of each top-level pattern (split by the caller: one pattern). */
static char *ours(const char *text) {
  ms_text_preds preds = MS_ARRAY_INIT;
  if (!ms_query_text_predicates(text, (uint32_t)strlen(text), &preds)) return NULL;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t k = 0; k < preds.len; k++) {
    ms_strbuf_put(&b, preds.items[k].name, preds.items[k].name_len);
    ms_strbuf_putc(&b, '(');
    for (uint32_t a = 0; a < preds.items[k].args.len; a++) {
      const ms_text_arg *arg = &preds.items[k].args.items[a];
      show_arg(&b, arg->capture, arg->text, arg->len);
      ms_strbuf_putc(&b, ',');
    }
    ms_strbuf_puts(&b, ") ");
  }
  ms_text_preds_free(&preds);
  char *out = ms_xstrdup(b.len ? ms_strbuf_cstr(&b) : "");
  ms_strbuf_dispose(&b);
  return out;
}

static bool same_as_tree_sitter(const char *text) {
  char *a = tree_sitters(text), *b = ours(text);
  bool same = a != NULL && b != NULL && strcmp(a, b) == 0;
  if (!same) fprintf(stderr, "    %s\n    tree-sitter: %s\n    ours:        %s\n", text, a ? a : "(error)", b ? b : "(declined)");
  ms_free(a);
  ms_free(b);
  return same;
}

#define CALL "(call_expression function: (identifier) @f) @match"

void test_querypreds__predicates_read_as_tree_sitter_reads_them(void) {
  static const char *const cases[] = {
      "(" CALL " (#eq? @f \"system\"))",
      "(" CALL " (#any-of? @f \"exec\" \"execSync\" \"spawn\"))",
      "(" CALL " (#match? @f \"^(?i)ev+al$\") (#not-eq? @f \"x\"))",
      /* escapes: \" \\ \n \r \t, and any other character standing for itself */
      "(" CALL " (#eq? @f \"a\\\"b\\\\c\\nd\\re\\tf\\qg\\(h\\0i\"))",
      "(" CALL " (#match? @f \"\\\\b(x|y)\\\\.z\"))",
      /* bare words are strings; blanks and comments between the parts */
      "(" CALL " (#eq? @f system))",
      "(" CALL " ( ; why\n #any-of?\n\t@f ; which\n  \"a\"\n b-c.d?) )",
      /* a predicate on a child node, strings holding brackets and `(#`, comments with `(#` */
      "((call_expression function: ((identifier) @f (#eq? @f \"(#eq? @f x)\")) ; (#eq? @f \"no\")\n"
      "   arguments: (arguments (string) @s)) @match (#match? @s \"[)(]\"))",
      /* a capture compared with a capture; an empty string; text outside ASCII */
      "(" CALL " (#eq? @f @match) (#eq? @f \"\") (#eq? @f \"caf\xC3\xA9\"))",
      /* inside an alternation's branches */
      "[((identifier) @match (#eq? @match \"a\")) ((number) @match (#eq? @match \"1\"))]",
      "(" CALL ")",
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) MS_CHECK(same_as_tree_sitter(cases[k]));
}

/* What tree-sitter rejects as a predicate, the reading declines too, leaving nothing behind. */
void test_querypreds__a_predicate_it_does_not_follow_declines_the_pattern(void) {
  static const char *const bad[] = {
      "(" CALL " (#eq? @f (identifier)))", /* a node as an argument */
      "(" CALL " (#eq? @f \"unclosed))",
      "(" CALL " (#eq? @f \"broken\nline\"))",
      "(" CALL " (#eq? @ \"x\"))",
      "(" CALL " (# \"x\"))",
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    ms_text_preds preds = MS_ARRAY_INIT;
    MS_CHECK(tree_sitters(bad[k]) == NULL);
    MS_CHECK(!ms_query_text_predicates(bad[k], (uint32_t)strlen(bad[k]), &preds));
    MS_CHECK_INT(preds.len, 0);
    ms_text_preds_free(&preds);
  }
}

/* A capture a pattern defines is one written on its nodes: not one its predicates, strings or
 * comments name. */
void test_querypreds__the_captures_a_pattern_defines(void) {
  static const char *pat = "((call_expression function: (identifier) @fn ; @commented\n"
                           "   arguments: (arguments (string) @s)) @match (#eq? @other \"@str\") (#eq? @fn @s))";
  uint32_t n = (uint32_t)strlen(pat);
  MS_CHECK(ms_query_text_defines_capture(pat, n, "fn", 2));
  MS_CHECK(ms_query_text_defines_capture(pat, n, "s", 1));
  MS_CHECK(ms_query_text_defines_capture(pat, n, "match", 5));
  MS_CHECK(!ms_query_text_defines_capture(pat, n, "f", 1)); /* a prefix of @fn */
  MS_CHECK(!ms_query_text_defines_capture(pat, n, "commented", 9));
  MS_CHECK(!ms_query_text_defines_capture(pat, n, "other", 5));
  MS_CHECK(!ms_query_text_defines_capture(pat, n, "str", 3));
}
