/* What all matchers share: the per-worker scratch they may use and the callback through which
 * they report a match. Matchers never build findings themselves: they report a rule, a byte
 * span and a rendered message, and the worker turns that into a finding. */
#ifndef MS_MATCH_MATCH_H
#define MS_MATCH_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <tree_sitter/api.h>

/** Mutable state a matcher needs while running; one per worker thread, never shared. */
typedef struct ms_match_scratch {
  TSQueryCursor *cursor;
  pcre2_match_data *md;
  pcre2_match_context *mctx; /* carries the match and depth limits */
} ms_match_scratch;

void ms_match_scratch_init(ms_match_scratch *self);
void ms_match_scratch_dispose(ms_match_scratch *self);

/** Reports one match: rule index, byte span in the file, message (ownership passes to the callee). */
typedef void (*ms_emit_fn)(void *payload, uint32_t rule, uint32_t start_byte, uint32_t end_byte, char *message);

/** The file a matcher runs on. */
typedef struct ms_match_input {
  const char *text;
  uint32_t len;
  TSNode root;        /* null node for text-only languages */
  const bool *active; /* per rule index: passed the enabled-set and prefilter checks */
  const size_t *cancel; /* non-zero (read atomically) asks matchers to stop early; may be NULL */
} ms_match_input;

/** True when in->cancel is set. */
static inline bool ms_match_cancelled(const ms_match_input *in) {
  return in->cancel && __atomic_load_n(in->cancel, __ATOMIC_RELAXED) != 0;
}

/** PCRE2 limits, shared by the regex matcher and #match? predicates. */
#define MS_PCRE2_MATCH_LIMIT 1000000u
#define MS_PCRE2_DEPTH_LIMIT 10000u

#endif
