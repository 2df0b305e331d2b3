/* Where the anchor literals of the queries occur in the file being matched, searched once per
 * literal and file and shared by every query set run on it (query rules, taint sources and
 * sinks, every group): see confined_ranges in query.c. One cache per worker (in its
 * ms_match_scratch); ms_match_scratch_begin_file forgets the previous file. */
#ifndef MS_MATCH_ANCHOR_CACHE_H
#define MS_MATCH_ANCHOR_CACHE_H

#include <stdbool.h>
#include <stdint.h>

/** Occurrences kept per literal; one more means "more than that". */
#define MS_ANCHOR_MAX_HITS 256u

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
struct ms_literal_pass;

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
/** The entry at index i (valid until the next ms_anchor_cache_find or _scan). */
ms_anchor_hits *ms_anchor_cache_at(ms_anchor_cache *self, uint32_t i);

/* The anchor literals of one query set, found in a file in one pass (ms_literal_set) rather
 * than one search each: most literals occur nowhere, so each search would read the whole file.
 * Built with the set, immutable after ms_anchor_set_freeze (shared by the workers). */
typedef struct ms_anchor_set ms_anchor_set;

ms_anchor_set *ms_anchor_set_new(void);
void ms_anchor_set_free(ms_anchor_set *self);
/** Adds s[0..len) (borrowed, NUL-terminated at len; fold as for ms_anchor_cache_find). Literals
 * shorter than four bytes, or with a NUL inside, are left out (found one by one, when needed:
 * the short ones occur often enough to make the pass slower); a literal
 * added twice is kept once. */
void ms_anchor_set_add(ms_anchor_set *self, const char *s, uint32_t len, bool fold);
/** Builds the matcher; nothing can be added after. */
void ms_anchor_set_freeze(ms_anchor_set *self);
/** Enters in the cache the places in text[0..n) of those literals of set it lacks, all in one
 * pass (nothing when it has them all): ms_anchor_cache_find then finds them there, with the
 * same places a search of its own would give. With pass (begun on the same text), the
 * occurrences come from the file's shared literal pass. */
void ms_anchor_cache_scan(ms_anchor_cache *self, const ms_anchor_set *set, struct ms_literal_pass *pass,
                          const char *text, uint32_t n);

#endif
