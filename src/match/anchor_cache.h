/* Where the anchor literals of the queries occur in the file being matched, searched once per
 * literal and file and shared by every query set run on it (query rules, taint sources and
 * sinks, every group): see confined_ranges in query.c. One cache per worker (in its
 * ms_match_scratch); ms_match_scratch_begin_file forgets the previous file. */
#ifndef MS_MATCH_ANCHOR_CACHE_H
#define MS_MATCH_ANCHOR_CACHE_H

#include <stdbool.h>
#include <stdint.h>

/** Occurrences kept per literal; one more means "more than that". */
#define MS_ANCHOR_MAX_HITS 48u

/** A literal and where it occurs in the file (at most MS_ANCHOR_MAX_HITS + 1 places). */
typedef struct ms_anchor_hits {
  const char *s; /* borrowed from a query's string table, alive while the file is matched */
  uint32_t len, hash;
  bool fold;     /* found in any ASCII case (a fold_case regex factor) */
  uint32_t n;    /* occurrences, MS_ANCHOR_MAX_HITS + 1 meaning more */
  uint32_t at[MS_ANCHOR_MAX_HITS + 1], end[MS_ANCHOR_MAX_HITS + 1];
  uint32_t taken; /* the last ms_anchor_cache_run that took these as ranges */
} ms_anchor_hits;

typedef struct ms_anchor_cache ms_anchor_cache;

ms_anchor_cache *ms_anchor_cache_new(void);
void ms_anchor_cache_free(ms_anchor_cache *self);
/** Forgets the entries when file differs from the one they were found in (0: never keep
 * them, for callers that do not number their files). */
void ms_anchor_cache_use(ms_anchor_cache *self, uint64_t file);
/** A new number for one query set's run (ms_anchor_hits.taken compares with it). */
uint32_t ms_anchor_cache_run(ms_anchor_cache *self);
/** The index of the entry of s[0..len) in text[0..n) (searched on first need). */
uint32_t ms_anchor_cache_find(ms_anchor_cache *self, const char *s, uint32_t len, bool fold, const char *text,
                              uint32_t n);
/** The entry at index i (valid until the next ms_anchor_cache_find). */
ms_anchor_hits *ms_anchor_cache_at(ms_anchor_cache *self, uint32_t i);

#endif
