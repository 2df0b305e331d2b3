/* Whether a regular expression can only match on a line that holds one of its keywords.
 *
 * A secret rule runs only on files that contain one of its keywords, and then over the whole
 * file. When every match of its regex, starting at s, has one of the keywords written on the
 * line of s (in text the match consumes or looks ahead at, before any newline), the regex
 * needs to run only on the lines that hold a keyword: the matches it finds there are exactly
 * the matches of a search of the whole text (src/match/secrets.c). This is a conservative
 * reading of PCRE2's syntax: whatever it does not follow (extended mode, \Q...\E, \x, \p,
 * backtracking verbs, conditionals, recursion, non-ASCII pattern bytes) gives "no". */
#ifndef MS_UTIL_LINE_WITNESS_H
#define MS_UTIL_LINE_WITNESS_H

#include <stdbool.h>
#include <stdint.h>

/** Whether every match of the PCRE2 pattern re (NUL-terminated, compiled without PCRE2_EXTENDED)
 * that starts at byte s contains, between s and the first newline after s, a text that equals
 * one of keywords[0..n) in ASCII case folding, or that a caseless match in UTF mode equates to
 * one (U+017F for s, U+212A for k: those lines hold a byte of 0x80 or more). Keywords must be
 * non-empty and hold no newline; otherwise the answer is false. */
bool ms_line_witness(const char *re, const char *const *keywords, uint32_t n);

#endif
