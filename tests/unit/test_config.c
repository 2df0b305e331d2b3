/* cli/config: the key table, layering onto ms_cli_options, error positions, and the template
 * of `mcp-sentinel init` loading back. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/config.h"
#include "harness.h"
#include "util/xalloc.h"

static ms_status load(ms_cli_options *o, const char *text, ms_error *err) {
  return ms_config__load_text(o, "c.yml", "/tmp", text, strlen(text), err);
}

void test_config__values_land_in_options(void) {
  ms_cli_options o;
  ms_options_init(&o);
  ms_error err = MS_ERROR_INIT;
  const char *text = "severity_threshold: high\n"
                     "exit_codes: {critical: 30, low: 0}\n"
                     "max_concurrent_files: 3\n"
                     "timeout: 9\n"
                     "max_file_size: 1KiB\n"
                     "ignore_files: false\n"
                     "rules:\n  dirs: [r, /abs]\n  enable: py-*\n"
                     "severity_overrides: {py-eval-exec: low}\n"
                     "suppressions:\n  - {rule: x, path: tests/, reason: why}\n"
                     "output:\n  - format: json\n    file: out/r.json\n"
                     "sarif: {category: cat, include_suppressed: true}\n";
  MS_CHECK_INT(load(&o, text, &err), MS_OK);
  MS_CHECK_INT(o.threshold, MS_SEV_HIGH);
  MS_CHECK_INT(o.exit_code_on[MS_SEV_CRITICAL], 30);
  MS_CHECK_INT(o.exit_code_on[MS_SEV_LOW], 0);
  MS_CHECK_INT(o.exit_code_on[MS_SEV_HIGH], -1);
  MS_CHECK_INT(o.jobs, 3);
  MS_CHECK_INT((int)o.timeout, 9);
  MS_CHECK_INT(o.max_file_size, 1024);
  MS_CHECK(o.no_ignore);
  MS_CHECK_INT(o.rule_dirs.len, 2);
  MS_CHECK_STR(o.rule_dirs.items[0], "/tmp/r"); /* relative to the file's directory */
  MS_CHECK_STR(o.rule_dirs.items[1], "/abs");
  MS_CHECK_STR(o.only_rules.items[0], "py-*");
  MS_CHECK_STR(o.severity_overrides.items[0], "py-eval-exec=LOW");
  MS_CHECK_INT(o.config_suppressions.len, 1);
  MS_CHECK_STR(o.config_suppressions.items[0].reason, "why");
  MS_CHECK_INT(o.config_suppressions.items[0].line, 12);
  MS_CHECK_STR(o.outputs.items[0].file, "/tmp/out/r.json");
  MS_CHECK(o.outputs_from_config);
  MS_CHECK_STR(o.sarif_category, "cat");
  MS_CHECK(o.include_suppressed);
  ms_options_dispose(&o);
}

void test_config__command_line_wins(void) {
  ms_cli_options o;
  ms_options_init(&o);
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(load(&o, "severity_threshold: HIGH\nexclude_dirs: [a]\nrules: {enable: [x]}\n", &err), MS_OK);
  char *argv[] = {"scan", "--severity-threshold", "INFO", "--exclude-dir", "b", "--rule", "y", NULL};
  MS_CHECK_INT(ms_options_parse_args(&o, 7, argv), MS_OK);
  MS_CHECK_INT(ms_options_finish(&o), MS_OK);
  MS_CHECK_INT(o.threshold, MS_SEV_INFO);
  MS_CHECK_INT(o.exclude_dirs.len, 2); /* added */
  MS_CHECK_INT(o.only_rules.len, 1);   /* replaced */
  MS_CHECK_STR(o.only_rules.items[0], "y");
  ms_options_dispose(&o);
}

void test_config__errors_have_positions(void) {
  static const struct { const char *text; uint32_t line, col; const char *needle; } cases[] = {
      {"a: 1\n", 1, 1, "unknown key 'a'"},
      {"rules:\n  enabled: [x]\n", 2, 3, "unknown key 'rules.enabled'"},
      {"timeout: 1\ntimeout: 2\n", 2, 1, "duplicate key 'timeout'"},
      {"jobs: 1\n", 1, 1, "unknown key 'jobs'"},
      {"max_concurrent_files: 257\n", 1, 23, "expected 1 to 256"},
      {"suppressions: [{rule: x, path: y}]\n", 1, 16, "needs 'reason'"},
      {"output: json\n", 1, 9, "must be a list"},
      {"color: [a]\n", 1, 8, "needs a value"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ms_cli_options o;
    ms_options_init(&o);
    ms_error err = MS_ERROR_INIT;
    ms_status st = load(&o, cases[i].text, &err);
    ms_options_dispose(&o);
    bool ok = st == MS_EPARSE && err.line == cases[i].line && err.col == cases[i].col && err.message &&
              strstr(err.message, cases[i].needle) != NULL;
    if (!ok) {
      char d[256];
      snprintf(d, sizeof d, "case %zu: %u:%u %s", i, err.line, err.col, err.message ? err.message : "(none)");
      ms_error_clear(&err);
      ms_test__fail(__FILE__, __LINE__, "config error position", d);
      return;
    }
    ms_error_clear(&err);
  }
}

void test_config__environment(void) {
  ms_cli_options o;
  ms_options_init(&o);
  ms_error err = MS_ERROR_INIT;
  setenv("MCP_SENTINEL_EXCLUDE_PATTERNS", "*.a, *.b", 1);
  setenv("MCP_SENTINEL_HONOR_NOSEC", "yes", 1);
  MS_CHECK_INT(ms_config_apply_env(&o, &err), MS_OK);
  MS_CHECK_INT(o.exclude_patterns.len, 2);
  MS_CHECK_STR(o.exclude_patterns.items[1], "*.b");
  MS_CHECK(o.honor_nosec);
  setenv("MCP_SENTINEL_TIMEOUT", "soon", 1);
  MS_CHECK_INT(ms_config_apply_env(&o, &err), MS_EPARSE);
  MS_CHECK(strstr(err.message, "MCP_SENTINEL_TIMEOUT") != NULL);
  unsetenv("MCP_SENTINEL_EXCLUDE_PATTERNS");
  unsetenv("MCP_SENTINEL_HONOR_NOSEC");
  unsetenv("MCP_SENTINEL_TIMEOUT");
  ms_error_clear(&err);
  ms_options_dispose(&o);
}

/* The template, with "# " removed from its setting lines, is a valid configuration. */
void test_config__template_loads_back(void) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  ms_config_write_template(f);
  fclose(f);
  char *text = ms_xcalloc(size + 1, 1);
  size_t n = 0;
  for (const char *p = buf; *p;) {
    if (p[0] == '#' && p[1] == ' ') p += 2;
    while (*p && *p != '\n') text[n++] = *p++;
    if (*p) text[n++] = *p++;
  }
  free(buf); /* from libc's open_memstream */
  ms_cli_options o;
  ms_options_init(&o);
  ms_error err = MS_ERROR_INIT;
  ms_status st = ms_config__load_text(&o, "t.yml", ".", text, n, &err);
  if (st != MS_OK) ms_test__fail(__FILE__, __LINE__, "template", err.message);
  MS_CHECK(o.config_suppressions.len == 1 && o.severity_overrides.len == 1 && o.outputs.len == 2);
  MS_CHECK_INT(o.threshold, MS_SEV_MEDIUM);
  ms_error_clear(&err);
  ms_options_dispose(&o);
  ms_free(text);
}
