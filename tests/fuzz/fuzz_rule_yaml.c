/* libFuzzer harness: a user rule file (YAML) through the loader and the ruleset freeze, which
 * compiles and validates its tree-sitter query, regex or taint specification. Any input must
 * either load or fail with an error message: never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "rules/ruleset.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ms_error err = MS_ERROR_INIT;
  ms_ruleset *rs = ms_ruleset_new();
  if (ms_ruleset_add_yaml(rs, "fuzz.yaml", (const char *)data, size, &err) == MS_OK)
    (void)ms_ruleset_freeze(rs, &err);
  if (err.message) {
    char *msg = ms_error_format(&err); /* formatting must work for every error */
    ms_free(msg);
    ms_error_clear(&err);
  }
  ms_ruleset_free(rs);
  return 0;
}
