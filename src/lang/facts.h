/* Per-language extraction of the MCP model (model/facts.h) from a syntax tree. */
#ifndef MS_LANG_FACTS_H
#define MS_LANG_FACTS_H

#include "lang/lang.h"
#include "model/facts.h"

/** Appends to out the handlers and transports declared in the file. text[0..len) is the
 * source the tree was parsed from. Bounded: never recurses on tree depth. */
void ms_facts_extract_python(TSNode root, const char *text, uint32_t len, ms_facts *out);
/** The same for JavaScript, TypeScript and TSX (one extractor: the node types are shared). */
void ms_facts_extract_javascript(TSNode root, const char *text, uint32_t len, ms_facts *out);
/** The metadata texts of the tool, prompt and resource lists in a JSON (or JSONC) file
 * (json_facts.c); no tree: JSON has no grammar here. Bounded nesting. */
void ms_facts_extract_json(const char *text, uint32_t len, ms_facts *out);
/** For a low-level handler h (one function serving every tool), the tool whose branch
 * (`if name == "x"`, `case "x":`) contains [start, end), or NULL. Caller frees. */
char *ms_facts_dispatch_name(TSNode root, uint32_t start, uint32_t end, const ms_handler *h, const char *text,
                             uint32_t len);
/** Dispatches on lang; does nothing for languages without an extractor. root is a null node
 * for JSON. */
void ms_facts_extract(ms_lang_id lang, TSNode root, const char *text, uint32_t len, ms_facts *out);

#endif
