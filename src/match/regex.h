/* The regex matcher: PCRE2 patterns over a file's text, JIT-compiled once at load, run with
 * match and depth limits so no input can make them run away. A built set is immutable. */
#ifndef MS_MATCH_REGEX_H
#define MS_MATCH_REGEX_H

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_regex_set ms_regex_set;

/** Compiles the regex rules among rules[0..n); *out is NULL when there are none. */
ms_status ms_regex_set_build(ms_regex_set **out, const ms_rule *rules, uint32_t n, ms_error *err);
void ms_regex_set_free(ms_regex_set *self);
/** Runs every active regex rule that applies to lang. Returns false when a match or depth
 * limit was hit (that rule's results for this file may be incomplete). */
bool ms_regex_set_run(const ms_regex_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                      const ms_match_input *in, ms_emit_fn emit, void *payload);

#endif
