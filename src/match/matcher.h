/* The matcher table: each matcher kind is an engine that compiles all rules of its kind once
 * (into an immutable set shared by every worker) and runs them on a file. Adding a kind (taint,
 * secrets, project checks) means one new file and one row in registry.c. */
#ifndef MS_MATCH_MATCHER_H
#define MS_MATCH_MATCHER_H

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_matcher {
  const char *key;  /* the YAML key whose value is this kind's pattern: "query", "regex" */
  bool needs_tree;  /* runs only on files that have a syntax tree */
  /** Called once by ms_ruleset_freeze on the main thread with all rules (of every kind): compiles
   * those of this kind into *out (NULL when there are none). Errors name the rule file. */
  ms_status (*build)(void **out, const ms_rule *rules, uint32_t n, ms_error *err);
  /** Called by workers for each file (concurrently, on the shared set). Emits matches of
   * active rules; returns false when a limit cut the results short. */
  bool (*run)(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in, ms_emit_fn emit,
              void *payload);
  void (*free)(void *set);
} ms_matcher;

/** The engine of a kind (never NULL for a valid kind). */
const ms_matcher *ms_matcher_get(ms_matcher_kind kind);
/** The kind selected by a YAML key, or MS_MATCHER_COUNT when the key names none. */
ms_matcher_kind ms_matcher_by_key(const char *key);

/** How many sink queries the taint matcher's set has compiled (for tests of what runs). */
size_t ms_taint__compiled_sinks(const void *set);
/** The taint matcher's query sets: its sinks and its `sources:` queries (NULL when none). */
struct ms_query_sets;
void ms_taint__sets(const void *set, const struct ms_query_sets **sinks, const struct ms_query_sets **sources);

extern const ms_matcher ms_matcher_query;
extern const ms_matcher ms_matcher_regex;
extern const ms_matcher ms_matcher_taint;
extern const ms_matcher ms_matcher_metadata;
extern const ms_matcher ms_matcher_project;
extern const ms_matcher ms_matcher_secrets;

#endif
