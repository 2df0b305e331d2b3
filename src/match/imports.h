/* Which module a file imports a name from (for the #import-from? query predicate). */
#ifndef MS_MATCH_IMPORTS_H
#define MS_MATCH_IMPORTS_H

#include <stdint.h>
#include <tree_sitter/api.h>

/** The module specifier a top-level import of the file binds `name` from: ESM `import { name }
 * from "m"` (or `{ x as name }`, a default or namespace import), CommonJS `const { name } =
 * require("m")` / `const name = require("m")` / `const name = require("m").x`, Python `from m
 * import name` / `import m as name` / `import name`. Returns a pointer into src (quotes
 * stripped) and sets *out_len, or returns NULL when no top-level import binds it. */
const char *ms_imports_module_of(TSNode root, const char *src, uint32_t src_len, const char *name, uint32_t len,
                                 uint32_t *out_len);

#endif
