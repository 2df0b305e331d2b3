/* The metadata matcher: tool poisoning. Every text a server hands the model as metadata (the
 * facts' `texts`: descriptions, titles, parameter descriptions) is tested against a rule's
 * weighted signals: PCRE2 regexes from the YAML, and detectors written here for characters a
 * reader cannot see. One finding per text, at the text's expression, names the signals that
 * fired; its severity comes from their total weight (the rule's `levels`). A built set is
 * immutable. */
#ifndef MS_MATCH_METADATA_H
#define MS_MATCH_METADATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* The detectors `builtin:` can name. */
typedef enum ms_metadata_builtin {
  MS_HIDDEN_ZERO_WIDTH = 0,    /* zero-width spaces/joiners, word joiner, BOM, soft hyphen, fillers */
  MS_HIDDEN_BIDI = 1,          /* bidirectional marks, embeddings, overrides and isolates */
  MS_HIDDEN_TAGS = 2,          /* Unicode tag characters U+E0000-E007F (ASCII written invisibly) */
  MS_HIDDEN_VARIATION = 3,     /* variation selectors U+E0100-E01EF (bytes smuggled after a glyph) */
  MS_HIDDEN_COUNT,
} ms_metadata_builtin;

/** "zero-width, bidi, unicode-tags or variation-selectors", for messages. */
extern const char ms_metadata_builtin_names[];
/** True when name is a detector `builtin:` may name. */
bool ms_metadata_builtin_known(const char *name);

/** Reads the UTF-8 text s[0..len): counts the hidden characters of each kind into
 * counts[MS_HIDDEN_COUNT] and appends to visible what the signals' regexes see: the text
 * without them, and with tag characters turned back into the ASCII they encode. A
 * zero-width joiner inside an emoji sequence is not hidden. */
void ms_metadata__reveal(const char *s, size_t len, ms_strbuf *visible, uint32_t counts[MS_HIDDEN_COUNT]);

#endif
