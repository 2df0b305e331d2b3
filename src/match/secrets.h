/* The secrets matcher (rules with a `secret:` regex): hardcoded credentials, with entropy,
 * placeholder and allow-list filters, a one-pass keyword prefilter per file, and redaction of
 * the secret in everything a finding shows. A built set is immutable and shared. */
#ifndef MS_MATCH_SECRETS_H
#define MS_MATCH_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/lang.h"
#include "match/match.h"
#include "model/rule.h"
#include "util/error.h"

typedef struct ms_secret_set ms_secret_set;

/** Compiles the secret rules among rules[0..n); *out is NULL when there are none. */
ms_status ms_secret_set_build(ms_secret_set **out, const ms_rule *rules, uint32_t n, ms_error *err);
void ms_secret_set_free(ms_secret_set *self);
/** Runs every active secret rule for lang whose keywords occur in the file. */
bool ms_secret_set_run(const ms_secret_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                       const ms_match_input *in, ms_emit_fn emit, void *payload);

/** ms_secret_set_run; with ranged false, every rule's regex runs over the whole text (the
 * reference its line-confined runs are tested against). */
bool ms_secret_set__run(const ms_secret_set *self, ms_lang_id lang, ms_match_scratch *scratch,
                        const ms_match_input *in, ms_emit_fn emit, void *payload, bool ranged);
/** Shannon entropy of s[0..len) in bits per byte. */
double ms_secrets__entropy(const char *s, size_t len);
/** True for values that stand for a secret rather than being one: ${VAR}, {{ x }}, <token>,
 * %s, $VAR, changeme, your_..., xxxx, ... */
bool ms_secrets__is_placeholder(const char *s, size_t len);
/** True for tests, fixtures, examples and docs (their findings get low confidence). */
bool ms_secrets__is_test_path(const char *path);

#endif
