/* The languages the scanner knows: which files belong to them and, for source languages,
 * the tree-sitter grammar that parses them. One table in registry.c lists them all. */
#ifndef MS_LANG_LANG_H
#define MS_LANG_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include <tree_sitter/api.h>

#include "util/error.h"

typedef enum ms_lang_id {
  MS_LANG_PYTHON = 0,
  MS_LANG_JAVASCRIPT,
  MS_LANG_TYPESCRIPT,
  MS_LANG_TSX,
  MS_LANG_JSON,
  MS_LANG_YAML,
  MS_LANG_DOTENV,
  MS_LANG_COUNT,
  MS_LANG_NONE = -1,
} ms_lang_id;

/** Languages with a grammar come first: ids below this are parsed with tree-sitter. */
#define MS_LANG_PARSED_COUNT 4

typedef struct ms_language {
  ms_lang_id id;
  const char *name;                 /* "python" */
  const char *const *extensions;    /* without the dot, NULL-terminated */
  const TSLanguage *(*ts_language)(void); /* NULL for text-only languages */
} ms_language;

/** The descriptor of a language id (never NULL for a valid id). */
const ms_language *ms_lang_get(ms_lang_id id);
/** Looks up a language by name ("python", "typescript", ...); MS_LANG_NONE when unknown. */
ms_lang_id ms_lang_by_name(const char *name);
/** The language of a file from its name, or, for names without an extension, from the
 * first line (a python/node shebang) when head is given. MS_LANG_NONE if not scanned. */
ms_lang_id ms_lang_detect(const char *path, const char *head, size_t head_len);
/** True for files that hold only declarations and never run: TypeScript declaration files
 * (`x.d.ts`, `x.d.mts`, `x.d.cts`, and `x.d.css.ts` for arbitrary extensions) and Python stub
 * files (`x.pyi`). */
bool ms_lang_is_declaration_file(const char *path);
/** True when files without an extension need their first bytes read to decide. */
bool ms_lang_needs_head(const char *path);
/** Checks that every grammar's ABI is one this tree-sitter runtime accepts. */
ms_status ms_lang_check_abi(ms_error *err);

#endif
