/* The tree-sitter query matcher. All query rules of one language are compiled into a single
 * combined query, so a file's tree is walked once however many rules there are; each pattern
 * maps back to its rule. Predicates (#eq?, #not-eq?, #match?, #not-match?, #any-of?) are
 * compiled here and evaluated by us, since the runtime only parses them.
 * A built set is immutable: share it freely between threads. */
#ifndef MS_MATCH_QUERY_H
#define MS_MATCH_QUERY_H

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_query_set ms_query_set;

/** Combines the query rules among rules[0..n) that apply to lang (only the non-built-in ones
 * when user_only). *out is NULL (and MS_OK returned) when there are none. Errors name the rule
 * file, line and column. */
ms_status ms_query_set_build(ms_query_set **out, ms_lang_id lang, const ms_rule *rules, uint32_t n, bool user_only,
                             ms_error *err);
/** Compiles every language's combined query now (they are otherwise compiled on first use);
 * set is the query matcher's set. For tests: proves the built-in rules compile everywhere. */
ms_status ms_query__compile_all(const void *set, ms_error *err);
void ms_query_set_free(ms_query_set *self);
/** Runs the combined query on in->root and emits each match of an active rule.
 * Returns false when the cursor's match limit was hit (results may be incomplete). */
bool ms_query_set_run(const ms_query_set *self, ms_match_scratch *scratch, const ms_match_input *in,
                      ms_emit_fn emit, void *payload);

#endif
