/* Patterns of a combined query that differ only in their predicates are compiled once.
 *
 * tree-sitter 0.20.7 analyses every pattern of a query against the grammar's parse table
 * (ts_query_new), at a cost that grows with the pattern's parent nodes, and does not notice
 * that two patterns have the same structure. Rules often repeat a shape with other predicates
 * (`(call function: (attribute ...) arguments: ...)` with other module and function names). So
 * the combined source keeps the first copy of each shape and writes a later copy as a cheap
 * stand-in, `((comment) PREDICATES)`: the same predicates (captures are named query-wide) on a
 * pattern with no parent step, which query.c disables and lets ride on the first copy's
 * matches. Each copy keeps its own rule, predicates and anchors, so the matches reported are
 * those of the patterns written out. */
#ifndef MS_MATCH_QUERY_DEDUP_H
#define MS_MATCH_QUERY_DEDUP_H

#include <stdbool.h>
#include <stdint.h>

#include "util/array.h"
#include "util/strbuf.h"

typedef struct ms_query_piece {
  uint32_t start;   /* where the pattern (or its stand-in) starts in the combined source */
  const char *text; /* the pattern as written (borrowed from the rule) */
  uint32_t len;
  int32_t same_as;  /* index of the earlier piece whose structure it shares, else -1 */
  char *key;        /* its structure: no comments, no predicates, blanks collapsed (appended
                       pieces only) */
} ms_query_piece;

typedef ms_array(ms_query_piece) ms_query_pieces;

/** Splits text[0..n) into its top-level patterns, appended to pieces (start 0, same_as -1, no
 * key).
 * False (nothing appended) when the text holds something this reading does not follow (a
 * top-level string or bare word, an unclosed bracket or string), or is empty. */
bool ms_query_dedup_split(const char *text, uint32_t n, ms_query_pieces *pieces);

/** Appends one rule's query text[0..n) to src, pattern by pattern, each later copy of a
 * structure already in pieces written as its stand-in, and records the pieces. False (nothing
 * appended) when ms_query_dedup_split declines the text: the caller then compiles the query as
 * written. */
bool ms_query_dedup_append(ms_strbuf *src, const char *text, uint32_t n, ms_query_pieces *pieces);

/** Frees the pieces' keys and the array. */
void ms_query_pieces_free(ms_query_pieces *pieces);

#endif
