/* A set of literal strings searched for in one pass over a text: which of them occur.
 *
 * The rules' pre-filters ask, per file, whether any of a rule's literals occurs in it, and the
 * secrets matcher which of its keywords occur (in any case). One memmem per literal walks the
 * file once per literal (about 300 of them); this walks it once. At each position a hash of
 * the next four bytes indexes one bitmap (8 KiB, in L1) for the literals of four bytes or more,
 * a hash of the next three another for those of three bytes, and the next two bytes a third
 * for those of two; only the positions that hit compare the literals of that key, found
 * through a rank table (no search). A key whose literals are all found is dropped for the
 * rest of the text. */
#ifndef MS_UTIL_LITERALS_H
#define MS_UTIL_LITERALS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ms_literal_set ms_literal_set;

/** Builds the set of the n strings (borrowed; they must outlive the set). Duplicates are fine:
 * each index is reported on its own. Empty strings always count as found. With fold_case,
 * ASCII letters match in any case. */
ms_literal_set *ms_literal_set_new(const char *const *strings, uint32_t n, bool fold_case);
void ms_literal_set_free(ms_literal_set *self);
/** Sets found[i] (n entries, as given to _new) to whether strings[i] occurs in text. */
void ms_literal_set_scan(const ms_literal_set *self, const char *text, uint32_t len, bool *found);
/** Called for each occurrence of strings[index] at text + pos. */
typedef void (*ms_literal_fn)(void *payload, uint32_t index, uint32_t pos);
/** Calls fn for every occurrence in text of each string of two bytes or more (shorter ones are
 * not reported), in the order of pos; at one pos, in no particular order of index. */
void ms_literal_set_each(const ms_literal_set *self, const char *text, uint32_t len, ms_literal_fn fn, void *payload);

#endif
