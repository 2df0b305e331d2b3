/* Literals a regular expression cannot match without: `\A(?:sp\.)?(?:run|Popen)\z` matches
 * only texts that contain "run" or "Popen".
 *
 * A query pattern whose `(#match? @c "re")` tests a capture every match holds can only match
 * where one of these literals is written (query.c runs it only around them). The reading is
 * conservative: whatever it does not understand (a case-insensitive group, backreferences,
 * recursion, \Q...\E) either counts as "any text" or gives up, never as a literal the match
 * would not contain. It is the approach of RE2's prefilter, on PCRE2's syntax. */
#ifndef MS_MATCH_REGEX_FACTORS_H
#define MS_MATCH_REGEX_FACTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_REGEX_FACTORS_MAX 64u

typedef struct ms_regex_factors {
  uint32_t n;                           /* 0: a match may consist of anything */
  char *strings[MS_REGEX_FACTORS_MAX];  /* owned, NUL-terminated, none contains another */
  uint32_t lengths[MS_REGEX_FACTORS_MAX];
  bool fold_case;                       /* a (?i) somewhere: lower-cased ASCII, to compare in any
                                           case, s and k also as U+017F and U+212A (PCRE2's
                                           caseless matching in UTF mode) */
} ms_regex_factors;

/** Fills out with literals one of which every match of re[0..len) contains; out->n is 0 when
 * it cannot tell. */
void ms_regex_factors_of(const char *re, uint32_t len, ms_regex_factors *out);
void ms_regex_factors_dispose(ms_regex_factors *self);
/** The first occurrence of lit[0..len) in hay[0..n), its length in *olen: as written, or with
 * fold (lit in lower case, as fold_case factors are) in any ASCII case, U+017F standing for s
 * and U+212A for k. NULL when there is none. */
/** text[0..n) with ASCII letters in lower case (caller frees), in which a fold_case literal is
 * found with a plain search (ms_find); NULL when the text holds U+017F or U+212A, which only
 * ms_regex_factors_find counts as s and k. */
char *ms_regex_factors_fold_text(const char *text, size_t n);
const char *ms_regex_factors_find(const char *hay, size_t n, const char *lit, uint32_t len, bool fold, size_t *olen);

#endif
