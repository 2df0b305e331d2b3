/* libFuzzer harness: a repository's .mcp-sentinel.yml through the configuration loader (YAML,
 * every key type, nested keys, outputs, severity maps, suppressions). A scanned repository
 * controls this file: any input must load or fail with an error, never crash or leak. */
#include <stddef.h>
#include <stdint.h>

#include "cli/config.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ms_cli_options o;
  ms_options_init(&o);
  ms_error err = MS_ERROR_INIT;
  if (ms_config__load_text(&o, "fuzz/.mcp-sentinel.yml", "fuzz", (const char *)data, size, &err) == MS_OK)
    (void)ms_options_finish(&o);
  if (err.message) {
    char *msg = ms_error_format(&err);
    ms_free(msg);
    ms_error_clear(&err);
  }
  ms_options_dispose(&o);
  return 0;
}
