/* GitHub code scanning's `primaryLocationLineHash`: the per-line rolling hash that the
 * upload action (github/codeql-action, src/fingerprints.ts) adds to SARIF results that lack
 * one. Computing it ourselves, identically, means GitHub keeps our value and alerts stay
 * matched across commits whichever way the SARIF is uploaded. Pure functions, thread-safe. */
#ifndef MS_REPORT_FINGERPRINT_H
#define MS_REPORT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

/** The hash of one line and how many lines up to and including it share that hash. */
typedef struct ms_line_hash {
  uint64_t hash;
  uint32_t occurrence; /* 1 for the first line with this hash, 2 for the second, ... */
} ms_line_hash;

/** Room for "<16 hex digits>:<10 digits>" and the NUL. */
#define MS_LINE_HASH_MAX 32

/** Hashes the lines of a file's text (its raw bytes), all of them or (upto > 0) the first upto
 * only, which reads the text no further than their hashes need. The text is decoded as UTF-8 the way
 * Node does it (each maximal invalid subsequence becomes U+FFFD; a BOM is kept) and hashed
 * over UTF-16 code units with spaces and tabs removed and CR / CRLF read as LF; a 100-unit
 * window, base 37 modulo 2^64. Lines are numbered as the action numbers them: LF, CRLF and a
 * lone CR each end a line, and the text after the last line break (even when empty) is one
 * more line. *out (caller frees with ms_free) gets *nlines entries; entry i is line i + 1. */
void ms_fingerprint_line_hashes(const char *text, size_t len, uint32_t upto, ms_line_hash **out, uint32_t *nlines);

/** Formats a line hash as the action does: lower-case hex without leading zeros, ':', the
 * occurrence ("53b5d4aabe50d64:1"). buf holds at least MS_LINE_HASH_MAX bytes. */
void ms_fingerprint_format_line_hash(const ms_line_hash *h, char *buf, size_t size);

#endif
