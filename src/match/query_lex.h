/* The tokens of tree-sitter's query syntax that the small readers of query text share
 * (pattern_shape.c, query_dedup.c, query_preds.c): blanks, comments, strings, identifiers and balanced groups,
 * as tree-sitter 0.20.7 reads them (lib/src/query.c).
 *
 * Positions are byte offsets into t[0..n). A function that starts on a token returns the
 * offset just past it, or MS_QUERY_LEX_NONE when the text ends before the token does. This is
 * a lexer for readers that give up on what they do not follow, not a validator: a text that
 * tree-sitter rejects (a string broken by a newline, a `]` closing a `(`) may be read some
 * way, since such a query never compiles. Bytes outside ASCII are never blanks or identifier
 * characters (tree-sitter asks iswalnum in the C locale). */
#ifndef MS_MATCH_QUERY_LEX_H
#define MS_MATCH_QUERY_LEX_H

#include <stdbool.h>
#include <stdint.h>

#define MS_QUERY_LEX_NONE UINT32_MAX

/** Whitespace between tokens (tree-sitter's iswspace). A `;` comment also separates tokens;
 * ms_query_lex_past_space skips both. */
static inline bool ms_query_lex_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/** A character of an identifier: a node type, a field, a capture or predicate name, a bare
 * predicate argument (tree-sitter's stream_scan_identifier). `/` is not one: in a node type
 * `(expression/identifier)` it separates two identifiers (see ms_query_lex_past_node_type),
 * and after a capture name `@x/` it is a syntax error. */
static inline bool ms_query_lex_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '?' || c == '!';
}

/** From anywhere: past the identifier characters there (i itself when there are none). */
uint32_t ms_query_lex_past_ident(const char *t, uint32_t i, uint32_t n);

/** From the start of a node type after `(`: past `name` or a supertype path `name/subtype`
 * (blanks and comments may come before the `/`, none after it, as in tree-sitter). A `/`
 * not followed by an identifier is left unread. */
uint32_t ms_query_lex_past_node_type(const char *t, uint32_t i, uint32_t n);

/** From an opening `"`: past the closing one, `\` escaping the next character; NONE when the
 * string is unclosed. */
uint32_t ms_query_lex_past_string(const char *t, uint32_t i, uint32_t n);

/** From a `;`: to the end of its line (the `\n` itself, or n), not past it. */
uint32_t ms_query_lex_past_comment(const char *t, uint32_t i, uint32_t n);

/** From anywhere: past the blanks and comments there. */
uint32_t ms_query_lex_past_space(const char *t, uint32_t i, uint32_t n);

/** From an opening `(` or `[`: past the bracket that closes it, brackets in strings and
 * comments not counting; NONE when it is unclosed (or holds an unclosed string). Either kind
 * of closing bracket closes either kind of opening one. */
uint32_t ms_query_lex_past_group(const char *t, uint32_t i, uint32_t n);

#endif
