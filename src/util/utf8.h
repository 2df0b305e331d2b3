/* UTF-8 helpers: validation/sanitising for output (JSON needs valid UTF-8 even when the
 * scanned file or its name is not) and code-point columns. */
#ifndef MS_UTIL_UTF8_H
#define MS_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/** Length of the valid UTF-8 sequence at s (1..4), or 0 if it is invalid/truncated. */
size_t ms_utf8_seqlen(const unsigned char *s, size_t avail);
/** Copy of s[0..len) with invalid sequences replaced by U+FFFD and NULs by U+2400; caller frees. */
char *ms_utf8_sanitize(const char *s, size_t len);
/** Number of code points in s[0..len) (invalid bytes count one each). */
uint32_t ms_utf8_count(const char *s, size_t len);

#endif
