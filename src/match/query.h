/* The tree-sitter query matcher. A query set combines the patterns of one or more rules of one
 * language into one tree-sitter query; each pattern maps back to its rule. The matchers keep a few
 * sets per language, each compiled when a file first needs one of its rules (ms_query_sets). Predicates (#eq?, #not-eq?,
 * #match?, #not-match?, #any-of?) are compiled here and evaluated by us, since the runtime only
 * parses them.
 * A built set is immutable: share it freely between threads. */
#ifndef MS_MATCH_QUERY_H
#define MS_MATCH_QUERY_H

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_query_set ms_query_set;

/** Which matcher runs a set's query: ours where it reads every pattern (tree_query.h), else
 * tree-sitter's (ANY); or tree-sitter's, which also validates the patterns (a user rule's
 * validation build, the tests' proof of the built-in rules). */
typedef enum ms_query_engine { MS_QUERY_ENGINE_ANY, MS_QUERY_ENGINE_TREE_SITTER } ms_query_engine;

/** Combines the query rules among rules[0..n) that apply to lang (only the non-built-in ones
 * when user_only), for engine. *out is NULL (and MS_OK returned) when there are none. Errors
 * name the rule file, line and column. */
ms_status ms_query_set_build(ms_query_set **out, ms_lang_id lang, const ms_rule *rules, uint32_t n,
                             ms_matcher_kind kind, bool user_only, ms_query_engine engine, ms_error *err);

/** The queries of one matcher kind per grammar, compiled lazily in groups: the first file whose
 * active rules have patterns without a query compiles those patterns as one new group
 * (thread-safe; each pattern is compiled once). A grammar's first group holds only the patterns
 * its file can match (their anchors' literals occur in it; built-in rules' as the tests prove
 * their reading, user rules' as their validation build does); later ones the rules' every
 * pattern. ms_query_sets_new validates the user rules of that kind at once; *out
 * is NULL when no rule of the kind exists. */
typedef struct ms_query_sets ms_query_sets;
ms_status ms_query_sets_new(ms_query_sets **out, ms_matcher_kind kind, const ms_rule *rules, uint32_t n, ms_error *err);
void ms_query_sets_free(ms_query_sets *self);
/** Pairs a taint sink set with the set of the same rules' `sources:` queries, so that a query
 * set compiling a file's first group also prepares both for that file on a helper thread (the
 * query and taint sink sets over the same rules pair by themselves). Call before scanning. */
void ms_query_sets_then(ms_query_sets *sinks, ms_query_sets *sources);
/** Tests: marks rule (an index of the set's rules) as being compiled by another thread (hold),
 * or as not compiled again (!hold), as a worker's claim would. */
void ms_query__hold(const ms_query_sets *self, ms_lang_id lang, uint32_t rule, bool hold);
/** Compiles the queries of every rule for every grammar now (the ones not compiled yet). For tests: proves the built-in rules
 * compile everywhere. */
ms_status ms_query__compile_all(const ms_query_sets *self, ms_error *err);
/** Tests: compiles each unit of lazy compilation (a rule's top-level pattern) alone for every
 * grammar its rule applies to, and checks that it is one pattern and that the anchors read from
 * its text, which decide whether a file compiles it, are those of the compiled pattern. False
 * with *what (caller frees) naming the first unit that differs. */
bool ms_query__check_units(const ms_query_sets *self, char **what);
/** Whether queries whose patterns are all anchored run only around their literals (the
 * default; MCP_SENTINEL_NO_CONFINE=1 turns it off when the matchers are built, for tests). */
extern bool ms_query__confine;
/** Whether such a run starts below the tree's root, at the highest node an active pattern can
 * be rooted at (the default; MCP_SENTINEL_NO_DESCEND=1 starts it at the root, for tests). */
extern bool ms_query__descend;
/** Whether every set runs on tree-sitter's matcher (MCP_SENTINEL_TS_QUERY=1 when the matchers
 * are built, for tests that compare the two; default false: ours wherever it reads the
 * patterns). */
extern bool ms_query__tree_sitter_only;
/** How many queries have been compiled so far (for tests of the laziness). */
size_t ms_query__compiled(const ms_query_sets *self);
/** How many patterns those queries hold (stand-ins of shared shapes included). */
size_t ms_query__compiled_patterns(const ms_query_sets *self);

/** Called for each match of an active rule whose predicates hold; m is valid during the call. */
typedef void (*ms_query_match_fn)(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m);
/** Runs the query and calls fn per match (for matchers built on queries, like taint). Returns
 * false when a limit or cancellation cut the results short. */
bool ms_query_set_each(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                       ms_query_match_fn fn, void *payload);
/** Runs the groups that hold a rule for lang active for the file (in->active), compiling its
 * active rules that no earlier file needed as one new group first, and calls fn per match of an
 * active rule (group by group). self may be NULL.
 * Returns false when a limit or cancellation cut the results short. */
bool ms_query_sets_each(const ms_query_sets *self, ms_lang_id lang, ms_match_scratch *scratch,
                        const ms_match_input *in, ms_query_match_fn fn, void *payload);
/** The first node captured as name in m, or a null node. */
TSNode ms_query_set_capture(const ms_query_set *self, const TSQueryMatch *m, const char *name);
/** Renders a message template with m's captures (unknown names are left as written). */
char *ms_query_set_render(const ms_query_set *self, const TSQueryMatch *m, const char *tmpl, const char *src);
void ms_query_set_free(ms_query_set *self);
/** Runs the set's query on in->root and emits each match of an active rule.
 * Returns false when the cursor's match limit was hit (results may be incomplete). */
bool ms_query_set_run(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                      ms_emit_fn emit, void *payload);

#endif
