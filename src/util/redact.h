/* Redaction of secrets in report text: a secret is shown as its first few characters and its
 * length ("ghp_…(40 chars)"), never whole. Plain string work, no project knowledge. */
#ifndef MS_UTIL_REDACT_H
#define MS_UTIL_REDACT_H

#include <stdbool.h>
#include <stddef.h>

/** How to show secret[0..len): its first 4 code points (a quarter of them, rounded down, when
 * the secret is shorter than 16), "…" and the length in code points. Caller frees. */
char *ms_redact_format(const char *secret, size_t len);
/** Replaces in *s (owned, NUL-terminated) every occurrence of secret[0..len), and every
 * fragment of it that starts like it (its first 8 bytes, or all of it when shorter) as left
 * by a cut message, with shown. Returns true when *s changed (then it was reallocated). */
bool ms_redact_replace(char **s, const char *secret, size_t len, const char *shown);

#endif
