/* The predicates of one query pattern, read from its text before it is compiled.
 *
 * A rule's patterns are compiled lazily, each when a file first can match it (query.c): a
 * pattern whose predicate `(#eq? @fn "system")` tests a capture every match holds cannot match
 * a file where "system" is written nowhere, so the pattern's anchors, which come from its
 * predicates, must be known before tree-sitter has read the pattern. This reading follows
 * tree-sitter 0.20.7's (ts_query__parse_predicate): a predicate is a group `(#name args)`, at
 * any depth of the pattern (blanks and `;` comments may come between `(` and `#`); an argument
 * is a capture `@name`, a string `"..."` (with `\n`, `\r`, `\t` and `\0` escapes, any other
 * escaped character standing for itself) or a bare identifier, which counts as a string.
 * query.c trusts what it reads only where it agrees with the compiled pattern: the built-in
 * rules by a test, user rules when they are validated at load. */
#ifndef MS_MATCH_QUERY_PREDS_H
#define MS_MATCH_QUERY_PREDS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/array.h"
#include "util/strbuf.h"

typedef struct ms_text_arg {
  bool capture; /* @name (text is the name), else a string (text is its value) */
  char *text;   /* owned, NUL-terminated at len */
  uint32_t len;
} ms_text_arg;

typedef struct ms_text_pred {
  char *name; /* owned: "eq?", "not-match?"... (without the `#`) */
  uint32_t name_len;
  ms_array(ms_text_arg) args;
} ms_text_pred;

typedef ms_array(ms_text_pred) ms_text_preds;

/** Appends the predicates of the pattern pat[0..len) to out, in the order they are written.
 * False when the text holds a predicate this reading does not follow (out is then left as it
 * was): the caller must not rely on the pattern's predicates. */
bool ms_query_text_predicates(const char *pat, uint32_t len, ms_text_preds *out);
void ms_text_preds_free(ms_text_preds *preds);

/** tree-sitter's ts_query__parse_string_literal: from the opening `"` at t[i], appends the
 * string's value (escapes read as above) to b; returns the offset past the closing `"`, or
 * MS_QUERY_LEX_NONE when the string is unclosed or broken by a newline (a syntax error). */
uint32_t ms_query_text_string(const char *t, uint32_t i, uint32_t n, ms_strbuf *b);

/** Whether the pattern pat[0..len) itself captures a node as @name[0..nlen) (outside its
 * predicates, strings and comments). A predicate may name any capture of the query, so a pattern
 * compiled alone fails when one of its predicates names a capture only another pattern has. */
bool ms_query_text_defines_capture(const char *pat, uint32_t len, const char *name, uint32_t nlen);

#endif
