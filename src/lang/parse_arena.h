/* Syntax trees in a per-thread arena. A tree-sitter parse allocates and frees millions of
 * small blocks (subtrees, stack nodes, child arrays), and deleting the tree walks every node
 * again to drop its reference. Parsing into an arena makes each allocation a pointer bump (or
 * a pop from a size-class free list) and frees the whole tree at once.
 *
 * tree-sitter takes one process-wide allocator (ts_set_allocator), so parse_arena.c installs
 * one, before main, that serves blocks from the calling thread's arena while it parses
 * (ms_parse_arena_parse) and from malloc otherwise; every block carries a header saying which,
 * so free and realloc work on either kind from any thread. A tree parsed into an arena lives
 * until the arena is reset: never ts_tree_delete it, never keep it past the reset. Queries,
 * cursors and every other tree-sitter object come from malloc as before. */
#ifndef MS_LANG_PARSE_ARENA_H
#define MS_LANG_PARSE_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include <tree_sitter/api.h>

typedef struct ms_parse_arena ms_parse_arena;

/** keep: the bytes of chunks a reset keeps mapped for the next parse (at least one 1 MiB
 * chunk). Each chunk a parse needs past them is mapped anew, and the kernel faults in and
 * zeroes every page of it on first touch: on the benchmark corpus, keeping 1 MiB cost 46,000
 * page faults per scan, keeping 8 MiB 14,000 (docs/performance.md, session 12). */
ms_parse_arena *ms_parse_arena_new(size_t keep);
/** Frees the arena and every tree parsed into it. */
void ms_parse_arena_delete(ms_parse_arena *self);
/** Parses text with a parser of language made for this parse (the parser's memory is in the
 * arena too, so no state outlives the reset). cancel is tree-sitter's cancellation flag (may
 * be NULL). Returns NULL when the parse was cancelled. The tree is valid until the reset. */
TSTree *ms_parse_arena_parse(ms_parse_arena *self, const TSLanguage *language, const char *text, uint32_t len,
                             const size_t *cancel);
/** Frees every tree parsed since the last reset, keeping some memory for the next parse. */
void ms_parse_arena_reset(ms_parse_arena *self);
/** Bytes of chunks the arena holds now (in use or kept for reuse; large blocks not counted). */
size_t ms_parse_arena_size(const ms_parse_arena *self);

#endif
