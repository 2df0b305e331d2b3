/* Finding one literal in a text, fast: the query matcher looks for each anchor literal of a
 * query in every file it runs on (src/match/query.c), many times per file. glibc's memmem (a
 * two-way search, one byte at a time) took 8% of a whole scan's CPU there. */
#ifndef MS_UTIL_FIND_H
#define MS_UTIL_FIND_H

#include <stddef.h>

/** The first occurrence of needle[0..len) in hay[0..n), or NULL; what memmem returns. With
 * SSE2 it tests 16 positions at a time for the needle's first and last bytes, and compares the
 * rest only where both agree. */
const char *ms_find(const char *hay, size_t n, const char *needle, size_t len);

#endif
