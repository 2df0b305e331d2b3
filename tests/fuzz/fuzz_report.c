/* libFuzzer harness: a JSON report or SARIF log read back, as a --baseline file and as a
 * merge-results input (then merged against the built-in rules). Reports come from other CI
 * jobs or a pull request's artifacts: any input must be accepted or refused with an error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model/baseline.h"
#include "report/baseline_file.h"
#include "report/ingest.h"
#include "rules/ruleset.h"
#include "util/xalloc.h"

static ms_ruleset *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  ms_error err = MS_ERROR_INIT;
  rules = ms_ruleset_new();
  if (ms_ruleset_add_builtin(rules, &err) < 0 || ms_ruleset_freeze(rules, &err) < 0) abort();
  return 0;
}

static void drop(ms_error *err) {
  if (err->message == NULL) return;
  char *msg = ms_error_format(err);
  ms_free(msg);
  ms_error_clear(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The readers take paths: hand them an in-memory file. */
  int fd = memfd_create("report", 0);
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < size) {
    ssize_t w = write(fd, data + off, size - off);
    if (w <= 0) break;
    off += (size_t)w;
  }
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  ms_error err = MS_ERROR_INIT;
  ms_baseline_entries base = MS_ARRAY_INIT;
  (void)ms_baseline_file_load(path, &base, &err);
  ms_baseline_entries_dispose(&base);
  drop(&err);
  ms_ingest *in = ms_ingest_new();
  if (ms_ingest_add_file(in, path, &err) == MS_OK) {
    const ms_ingest_run *runs = NULL;
    uint32_t nruns = 0;
    ms_ingest_build(in, rules, true, "mcp-sentinel", &runs, &nruns);
  }
  drop(&err);
  ms_ingest_free(in);
  close(fd);
  return 0;
}
