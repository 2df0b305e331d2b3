/* The regex matcher: PCRE2 patterns over a file's text, JIT-compiled once at load, run with
 * match and depth limits so no input can make them run away. A built set is immutable. */
#ifndef MS_MATCH_REGEX_H
#define MS_MATCH_REGEX_H

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_regex_set ms_regex_set;

/** Compiles rule->pattern (UTF, MULTILINE; not JIT-compiled: the caller does that when it
 * first needs the regex, ms_match_jit) into *out and checks that each {{name}} of its message
 * is a named group. Errors point into the rule file. */
ms_status ms_regex_compile(pcre2_code **out, const ms_rule *rule, ms_error *err);
/** The text of the named group name[0..name_len) in the last match of re in md over text, or
 * NULL when there is no such group or it did not take part. */
const char *ms_regex_group(const pcre2_code *re, pcre2_match_data *md, const char *text, const char *name,
                           size_t name_len, size_t *out_len);
/** Called for each match; the match is in the scratch's match data. */
typedef void (*ms_regex_match_fn)(void *payload);
/** Calls fn for each non-overlapping match of re over in->text, with the scratch's limits.
 * Returns false when a limit or cancellation cut the search short. */
bool ms_regex_each(const pcre2_code *re, ms_match_scratch *scratch, const ms_match_input *in, ms_regex_match_fn fn,
                   void *payload);
/** ms_regex_each for a regex compiled with PCRE2_USE_OFFSET_LIMIT, searching only for matches
 * that start in the byte ranges [ranges[2k], ranges[2k + 1]) (k < nranges, sorted, disjoint;
 * an end of in->len + 1 admits a match at the end of the text). When no match of re starts
 * outside them, it calls fn for exactly the matches ms_regex_each finds. */
bool ms_regex_each_in(const pcre2_code *re, ms_match_scratch *scratch, const ms_match_input *in, const uint32_t *ranges,
                      uint32_t nranges, ms_regex_match_fn fn, void *payload);
/** Compiles the regex rules among rules[0..n); *out is NULL when there are none. */
ms_status ms_regex_set_build(ms_regex_set **out, const ms_rule *rules, uint32_t n, ms_error *err);
void ms_regex_set_free(ms_regex_set *self);
/** Runs every active regex rule that applies to lang. Returns false when a match or depth
 * limit was hit (that rule's results for this file may be incomplete). */
bool ms_regex_set_run(const ms_regex_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                      const ms_match_input *in, ms_emit_fn emit, void *payload);

#endif
