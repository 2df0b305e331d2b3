/* Our own matcher for tree-sitter's query language: the patterns of a combined query read into
 * a small tree of items, matched by backtracking from each node of a run's range. It stands in
 * for TSQuery at scan time because tree-sitter 0.20.7 analyses every pattern against the
 * grammar's parse table when a query is made (ts_query_new): on the benchmark corpus that took
 * a sixth of a cold scan's instructions, for checks a query already validated does not need.
 *
 * It reads the subset of the syntax the rules use and declines the rest (NULL from
 * ms_tree_query_new): nodes, `(_)` and `_`, anonymous "strings", fields and `!negated` fields,
 * captures, `?` `*` `+`, alternations of nodes, the `.` anchor, predicates (read by
 * query_preds.h, evaluated by query.c), and at the top level a pattern or a group of one
 * pattern and its predicates. Groups of siblings, supertypes, legacy `(eq? ...)` predicates and
 * anything malformed are declined: query.c then builds the query with tree-sitter, which also
 * reports the errors. It never validates: a query it reads must also compile with ts_query_new
 * (the built-in rules by the test suite, user rules by their validation build).
 *
 * The matches are tree-sitter's (docs/internals/tree-query.md): a child pattern matches a
 * direct child, in order, with gaps unless anchored (`.` skips anonymous nodes, not named ones);
 * repetitions after the first are immediate; `(_)` never matches an ERROR node; of the matches
 * of one pattern at one root node, one whose captures are a strict subset of another's is not
 * reported (tree-sitter's longest match), nor a repeated one. A query is immutable once made:
 * share it between threads; a cursor is one thread's. */
#ifndef MS_MATCH_TREE_QUERY_H
#define MS_MATCH_TREE_QUERY_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

typedef struct ms_tree_query ms_tree_query;
typedef struct ms_tree_query_cursor ms_tree_query_cursor;

/** Reads the query src[0..len) for lang; NULL when it holds something this matcher does not
 * read (see above). Caller frees with ms_tree_query_free. */
ms_tree_query *ms_tree_query_new(const TSLanguage *lang, const char *src, uint32_t len);
void ms_tree_query_free(ms_tree_query *self);

/* The accessors of ts_query_*, with the same meanings (names and strings are borrowed from the
 * query; a pattern's predicates are TSQueryPredicateStep lists ending each predicate with a
 * Done step, the predicate's name first, without its `#`). */
uint32_t ms_tree_query_pattern_count(const ms_tree_query *self);
uint32_t ms_tree_query_start_byte_for_pattern(const ms_tree_query *self, uint32_t pattern);
uint32_t ms_tree_query_capture_count(const ms_tree_query *self);
const char *ms_tree_query_capture_name_for_id(const ms_tree_query *self, uint32_t id, uint32_t *len);
const TSQueryPredicateStep *ms_tree_query_predicates_for_pattern(const ms_tree_query *self, uint32_t pattern,
                                                                 uint32_t *nsteps);
const char *ms_tree_query_string_value_for_id(const ms_tree_query *self, uint32_t id, uint32_t *len);
/** The pattern never matches again (before any run: not thread-safe). */
void ms_tree_query_disable_pattern(ms_tree_query *self, uint32_t pattern);

ms_tree_query_cursor *ms_tree_query_cursor_new(void);
void ms_tree_query_cursor_free(ms_tree_query_cursor *self);

/** Called per match; m and its captures are valid during the call. Return false to stop. */
typedef bool (*ms_tree_query_match_fn)(void *payload, const TSQueryMatch *m);

/** Finds the matches of the enabled patterns p with want[p] (every enabled one when want is
 * NULL) whose root node lies in the subtree of at and intersects the bytes [start, end), node
 * by node in document order, and calls fn for each (at one node, pattern by pattern). Returns
 * false when fn stopped the run or a match was given up as too costly (more than a bounded
 * number of steps or matches at one node: a hostile tree), so the results may be incomplete. */
bool ms_tree_query_exec(const ms_tree_query *self, ms_tree_query_cursor *cursor, TSNode at, uint32_t start,
                        uint32_t end, const bool *want, ms_tree_query_match_fn fn, void *payload);

#endif
