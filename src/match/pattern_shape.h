/* The shape of one tree-sitter query pattern, read from its text: which of its captures every
 * match holds.
 *
 * A query run confined to byte ranges (ts_query_cursor_set_byte_range) still finds every match
 * whose root node intersects a range. A pattern whose predicate `(#eq? @c "exec")` tests a
 * capture that every match has can only match where "exec" is written inside the root node:
 * the query needs to run only around the places the literal occurs, not over the whole tree
 * (query.c). A capture every match holds is one on a node that is neither quantified (`?`, `*`)
 * nor inside a branch of an alternation (`[...]`), nor under such a node. */
#ifndef MS_MATCH_PATTERN_SHAPE_H
#define MS_MATCH_PATTERN_SHAPE_H

#include <stdbool.h>
#include <stdint.h>

/** Whether every match of the pattern pat[0..len) (one top-level pattern, comments and
 * predicates included) captures a node as @name[0..nlen). False when it does not, and when the
 * text is not a pattern with a single root node that this reading understands (a top-level
 * sequence of siblings, unbalanced brackets, nesting past 256): the caller then runs the
 * query unconfined, which is always correct. */
bool ms_pattern_shape_capture_always(const char *pat, uint32_t len, const char *name, uint32_t nlen);
/** The node type every match of the pattern pat[0..len) has at its root: `call` for
 * `((call function: (_) @f) @match (#eq? @f "eval"))`, as pat[*type..*type + *tlen) (a supertype
 * path `expression/identifier` is returned whole). False when the root is not one named node
 * type: a wildcard `(_ ...)`, an alternation, an anonymous "token", a quantified root, several
 * roots, or text this reading does not understand. */
bool ms_pattern_shape_root_type(const char *pat, uint32_t len, uint32_t *type, uint32_t *tlen);
/** Whether the query t[0..n) (any number of patterns) puts a quantifier (`?`, `*`, `+`) on an
 * item that can already match nothing: one quantified by `?` or `*`, a grouping whose items all
 * can, an alternation one of whose branches can (`(a)**`, `(a)?*`, `(a)*?`, `((a)* (b)?)*`,
 * `[(a)? (b)]+`). tree-sitter 0.20.7's ts_query_new never returns on many of these, in the
 * parse or in the analysis, and at any nesting depth, so such a text must never reach it: *at
 * is then the offset of the first such quantifier. The reading stops there, and at text that
 * tree-sitter rejects before it gets that far (a stray `)`, an unclosed string). */
bool ms_pattern_shape_empty_loop(const char *t, uint32_t n, uint32_t *at);

#endif
