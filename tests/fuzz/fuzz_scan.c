/* libFuzzer harness: one in-memory file through the whole per-file pipeline (parse, facts,
 * every built-in rule: queries, regexes, taint). The first input byte picks the language, the
 * rest is the file's text. Crashes, leaks, UB and hangs (libFuzzer's -timeout) are failures. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/worker.h"
#include "rules/ruleset.h"

static ms_ruleset *rules;
static ms_scan_options opts;
static ms_worker worker;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  ms_error err = MS_ERROR_INIT;
  rules = ms_ruleset_new();
  if (ms_ruleset_add_builtin(rules, &err) < 0 || ms_ruleset_freeze(rules, &err) < 0) {
    char *msg = ms_error_format(&err);
    fprintf(stderr, "fuzz_scan: cannot load the built-in rules: %s\n", msg);
    abort();
  }
  ms_scan_options_init(&opts);
  ms_worker_init(&worker, rules, &opts, 0);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  /* Every language the scanner reads, including the text-only ones. */
  ms_lang_id lang = (ms_lang_id)(data[0] % MS_LANG_COUNT);
  ms_file_result r = {0};
  ms_worker_scan_buffer(&worker, "fuzz/input", lang, (const char *)data + 1, (uint32_t)(size - 1), &r);
  ms_file_result_dispose(&r);
  return 0;
}
