/* The ruleset: rules loaded from YAML (embedded built-ins and user directories), validated,
 * then frozen into an immutable object that every worker shares read-only.
 *
 * Life cycle (main thread only): ms_ruleset_new → ms_ruleset_add_* → ms_ruleset_freeze →
 * (share `const ms_ruleset *` with workers) → ms_ruleset_free. */
#ifndef MS_RULES_RULESET_H
#define MS_RULES_RULESET_H

#include <stddef.h>
#include <stdint.h>

#include "lang/lang.h"
#include "model/finding.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_ruleset ms_ruleset;
struct ms_literal_pass;

ms_ruleset *ms_ruleset_new(void);
void ms_ruleset_free(ms_ruleset *self);

/** Parses one YAML rule file's text; `path` names it in errors. Errors are MS_EPARSE with a
 * position. The text is not retained. */
ms_status ms_ruleset_add_yaml(ms_ruleset *self, const char *path, const char *text, size_t len, ms_error *err);
/** Loads every *.yaml / *.yml under dir (recursively, in name order). */
ms_status ms_ruleset_add_dir(ms_ruleset *self, const char *dir, ms_error *err);
/** Loads the rules embedded in the binary at build time. */
ms_status ms_ruleset_add_builtin(ms_ruleset *self, ms_error *err);
/** Adds a rule built in memory (merge-results rebuilds rules from reports); takes ownership
 * of *rule's contents and zeroes it. */
ms_status ms_ruleset_add_rule(ms_ruleset *self, ms_rule *rule, ms_error *err);
/** Sorts rules by id, rejects duplicates, compiles all queries and regexes. After this the
 * ruleset is immutable and safe to share between threads. */
ms_status ms_ruleset_freeze(ms_ruleset *self, ms_error *err);

/** Replaces a rule's severity (the configuration's severity_overrides): its findings and its
 * reported metadata take the new one. Main thread only, before the ruleset is shared with
 * workers (the only change allowed after freeze: matchers never read severities). */
void ms_ruleset_set_severity(ms_ruleset *self, uint32_t index, ms_severity severity);

uint32_t ms_ruleset_count(const ms_ruleset *self);
/** Borrowed; valid until ms_ruleset_free. */
const ms_rule *ms_ruleset_get(const ms_ruleset *self, uint32_t index);
/** The rules' pre-filters (frozen rulesets): how many literals all rules have together (the
 * size of a found array), which of them occur in text (with pass, begun on text: from the file's
 * shared literal pass, literals.h; else one pass of their own), and whether rule index passes
 * (it has no literal, or one of its literals was found). */
uint32_t ms_ruleset_prefilter_count(const ms_ruleset *self);
void ms_ruleset_prefilter_scan(const ms_ruleset *self, struct ms_literal_pass *pass, const char *text, uint32_t len,
                               bool *found);
bool ms_ruleset_prefilter_passes(const ms_ruleset *self, uint32_t index, const bool *found);
/** Index of the rule with this id, or -1. */
int64_t ms_ruleset_find(const ms_ruleset *self, const char *id);
/** qsort_r comparator for the findings of one file (ms_finding, payload: the ruleset): by line,
 * column, rule id, then end; the report order within a file. */
int ms_ruleset_finding_cmp(const void *a, const void *b, void *ruleset);
/** SHA-256 over the text of every loaded rule file (built-in and user), independent of the
 * loading order; set by ms_ruleset_freeze. The result cache keys entries by it. */
void ms_ruleset_digest(const ms_ruleset *self, uint8_t out[32]);
/** The compiled set of a matcher kind (see match/matcher.h), or NULL when no rule uses it. */
const void *ms_ruleset_matcher_set(const ms_ruleset *self, ms_matcher_kind kind);

#endif
