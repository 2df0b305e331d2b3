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

/* One pass over a text for several literal sets. A file meets several readers of literals (the
 * rules' prefilters, the secrets keywords, the anchor literals of each query group it runs),
 * and each pass reads every byte of it. A pass object remembers, per kind of text (the
 * language), the sets it has been asked for; the first request in a new text searches the union
 * of those sets once and keeps the occurrences, which every later request of the text replays.
 * A set not seen before under that kind is searched alone this time and joins the union from
 * the next text on. The results are exactly those of ms_literal_set_each / _scan on the set.
 * One pass object per thread; the sets must outlive it. */
typedef struct ms_literal_pass ms_literal_pass;

ms_literal_pass *ms_literal_pass_new(void);
void ms_literal_pass_free(ms_literal_pass *self);
/** Starts on text[0..len) (borrowed until the next _begin): requests are about it from now on. */
void ms_literal_pass_begin(ms_literal_pass *self, uint32_t kind, const char *text, uint32_t len);
/** As ms_literal_set_each(set, text, len, fn, payload). With self NULL that is what it does;
 * otherwise self must have begun on text, and the occurrences come from its shared pass. */
void ms_literal_pass_each(ms_literal_pass *self, const ms_literal_set *set, const char *text, uint32_t len,
                          ms_literal_fn fn, void *payload);
/** As ms_literal_set_scan(set, text, len, found), the same way. */
void ms_literal_pass_scan(ms_literal_pass *self, const ms_literal_set *set, const char *text, uint32_t len, bool *found);

#endif
