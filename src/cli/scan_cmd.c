/* `mcp-sentinel scan`: options → ruleset → scan → reports → exit code. Output files are
 * written to a temporary name and renamed, so a reader never sees a half-written report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/exit.h"
#include "core/scan.h"
#include "report/report.h"
#include "util/path.h"
#include "util/xalloc.h"

static const char scan_help[] =
    "usage: mcp-sentinel scan [options] [PATH|FILE ...]\n"
    "\n"
    "options:\n"
    "  --output FORMAT              terminal (default), json or sarif; repeatable, each pairs\n"
    "                               with the next --output-file (no file: standard output)\n"
    "  --output-file FILE           where the preceding --output goes (alone: the format\n"
    "                               follows the extension, .json .sarif)\n"
    "  --sarif-category NAME        SARIF: the run's category (automationDetails.id NAME/;\n"
    "                               default mcp-sentinel/), one per analysis uploaded to GitHub\n"
    "  --severity-threshold SEV     report and fail on CRITICAL|HIGH|MEDIUM|LOW|INFO and above\n"
    "                               (default LOW)\n"
    "  --exit-code-on-critical N    exit code when the most severe finding is CRITICAL (default 3)\n"
    "  --exit-code-on-high N        ... HIGH (default 4)\n"
    "  --exit-code-on-medium N      ... MEDIUM (default 5)\n"
    "  --exit-code-on-low N         ... LOW (default 6)\n"
    "  -j, --max-concurrent-files N worker threads (default: number of CPUs)\n"
    "  --exclude-dir a,b            directory names to skip, added to the defaults\n"
    "                               (.git node_modules __pycache__ .venv venv dist build ...)\n"
    "  --exclude-pattern 'g1,g2'    file-name globs to skip, added to *.min.js,*.bundle.js\n"
    "  --max-file-size SIZE         skip larger files (default 2MiB)\n"
    "  --inventory                  terminal: also list the MCP tools, resources, prompts and\n"
    "                               transports found in each file (JSON always has them)\n"
    "  --timeout SECONDS            stop the scan after this long: partial report, exit code 7\n"
    "  --file-timeout SECONDS       per-file time budget (default 60; 0 = none): a file that\n"
    "                               takes longer is reported as skipped (timeout)\n"
    "  --memory-limit SIZE          bound the memory the scan uses (e.g. 512MB, 1GiB): files are\n"
    "                               analysed together only as far as it allows, and a file that\n"
    "                               cannot fit is skipped (memory-limit)\n"
    "  --cache-dir DIR              result cache directory (default .mcp-sentinel-cache)\n"
    "  --no-cache                   neither read nor write the result cache\n"
    "  --cache-max-size SIZE        evict the oldest cache entries beyond this (default 256MiB)\n"
    "  --shard K/N                  analyse only part K of N of the files (by path hash), for\n"
    "                               parallel CI jobs; join the reports with merge-results\n"
    "  --rules DIR                  add the YAML rules under DIR (repeatable)\n"
    "  --rule ID[,ID]               run only these rules (repeatable)\n"
    "  --color auto|always|never    colours in terminal output (default auto: on a TTY, unless\n"
    "                               NO_COLOR is set); --no-color = --color never\n"
    "\n"
    "exit codes:\n"
    "  0 nothing at or above the threshold   1 general error   2 configuration error\n"
    "  3 critical   4 high   5 medium   6 low (the most severe finding decides)\n"
    "  7 scan timeout   8 file system error (missing/unreadable path, unwritable output)\n";

static int exit_code_for(const ms_cli_options *o, const ms_scan_result *s) {
  static const int defaults[MS_SEV_COUNT] = {MS_EXIT_OK, MS_EXIT_LOW, MS_EXIT_MEDIUM, MS_EXIT_HIGH, MS_EXIT_CRITICAL};
  for (int sev = MS_SEV_CRITICAL; sev >= (int)o->threshold && sev > MS_SEV_INFO; sev--) {
    if (s->findings_by_severity[sev] == 0) continue;
    return o->exit_code_on[sev] >= 0 ? o->exit_code_on[sev] : defaults[sev];
  }
  return MS_EXIT_OK;
}

static bool use_color(const ms_cli_options *o, FILE *f) {
  if (o->color == MS_COLOR_ALWAYS) return true;
  if (o->color == MS_COLOR_NEVER) return false;
  const char *nc = getenv("NO_COLOR");
  if (nc && nc[0]) return false;
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(f));
}

/* Writes one report; to a file through a temporary name and rename(2). */
static int write_output(const ms_output_spec *spec, const ms_reporter *rep, const ms_report_input *in,
                        const ms_cli_options *o) {
  if (spec->file == NULL) {
    ms_status st = rep->write(in, stdout, use_color(o, stdout));
    if (fflush(stdout) != 0 || st < 0) {
      fprintf(stderr, "mcp-sentinel: cannot write the %s report to standard output: %s\n", spec->format, strerror(errno));
      return MS_EXIT_FS;
    }
    return MS_EXIT_OK;
  }
  char *tmp = ms_xasprintf("%s.tmp.%ld", spec->file, (long)getpid());
  int rc = MS_EXIT_OK;
  FILE *f = fopen(tmp, "wb");
  if (f == NULL) {
    fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(errno));
    ms_free(tmp);
    return MS_EXIT_FS;
  }
  ms_status st = rep->write(in, f, o->color == MS_COLOR_ALWAYS);
  int saved = errno;
  bool ok = st == MS_OK && fflush(f) == 0 && fsync(fileno(f)) == 0;
  if (!ok) saved = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(tmp, spec->file) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(saved));
    unlink(tmp);
    rc = MS_EXIT_FS;
  }
  ms_free(tmp);
  return rc;
}

int ms_cmd_scan(int argc, char **argv) {
  ms_cli_options o;
  ms_ruleset *rs = NULL;
  bool *enabled = NULL;
  ms_scan_result result = {0};
  bool have_result = false;
  int rc = MS_EXIT_OK;
  if (ms_options_parse_scan(&o, argc, argv) < 0) {
    rc = MS_EXIT_CONFIG;
    goto cleanup;
  }
  if (o.help) {
    fputs(scan_help, stdout);
    goto cleanup;
  }
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    if (ms_report_find(o.outputs.items[i].format) == NULL) {
      fprintf(stderr, "mcp-sentinel: unknown output format '%s' (supported: %s)\n", o.outputs.items[i].format,
              ms_report_names());
      rc = MS_EXIT_CONFIG;
      goto cleanup;
    }
  }
  rs = ms_cli_load_rules(&o.rule_dirs, true);
  if (rs == NULL) {
    rc = MS_EXIT_CONFIG;
    goto cleanup;
  }
  if (o.only_rules.len) {
    enabled = ms_xcalloc(ms_ruleset_count(rs) + 1, sizeof(bool));
    for (uint32_t i = 0; i < o.only_rules.len; i++) {
      int64_t idx = ms_ruleset_find(rs, o.only_rules.items[i]);
      if (idx < 0) {
        fprintf(stderr, "mcp-sentinel: unknown rule id '%s' in --rule (see 'mcp-sentinel list-rules')\n",
                o.only_rules.items[i]);
        rc = MS_EXIT_CONFIG;
        goto cleanup;
      }
      enabled[idx] = true;
    }
  }

  ms_scan_options so;
  ms_scan_options_init(&so);
  so.paths = (const char *const *)o.paths.items;
  so.npaths = o.paths.len;
  so.jobs = o.jobs;
  so.max_file_size = o.max_file_size;
  so.exclude_dirs = (const char *const *)o.exclude_dirs.items;
  so.nexclude_dirs = o.exclude_dirs.len;
  so.exclude_patterns = (const char *const *)o.exclude_patterns.items;
  so.nexclude_patterns = o.exclude_patterns.len;
  so.enabled = enabled;
  so.timeout = o.timeout;
  so.cache_dir = o.no_cache ? NULL : o.cache_dir ? o.cache_dir : MS_CACHE_DEFAULT_DIR;
  so.cache_max_size = o.cache_max_size;
  so.shard_index = o.shard_index;
  so.shard_count = o.shard_count;
  so.file_timeout = o.file_timeout;
  so.memory_limit = o.memory_limit;
  ms_string_list own = MS_ARRAY_INIT;
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    const char *file = o.outputs.items[i].file;
    if (file == NULL) continue;
    char *dir = ms_xstrdup(file);
    char *slash = strrchr(dir, '/');
    if (slash) *(slash == dir ? slash + 1 : slash) = '\0';
    char *real_dir = realpath(slash ? dir : ".", NULL);
    if (real_dir) ms_array_push(&own, ms_path_join(real_dir, ms_path_basename(file)));
    free(real_dir); /* allocated by libc's realpath */
    ms_free(dir);
  }
  so.own_outputs = (const char *const *)own.items;
  so.nown_outputs = own.len;
  ms_error err = MS_ERROR_INIT;
  ms_status scan_st = ms_scan_run(rs, &so, &result, &err);
  ms_string_list_dispose(&own);
  if (scan_st < 0) {
    char *msg = ms_error_format(&err);
    fprintf(stderr, "mcp-sentinel: %s\n", msg);
    ms_free(msg);
    ms_error_clear(&err);
    rc = scan_st == MS_EPARSE ? MS_EXIT_CONFIG : MS_EXIT_FS;
    goto cleanup;
  }
  have_result = true;
  if (result.cache_warning) fprintf(stderr, "mcp-sentinel: warning: %s\n", result.cache_warning);

  ms_report_input in = {.rules = rs,
                        .scan = &result,
                        .threshold = o.threshold,
                        .roots = (const char *const *)o.paths.items,
                        .nroots = o.paths.len,
                        .tool_version = MS_VERSION,
                        .inventory = o.inventory,
                        .sarif_category = o.sarif_category};
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    const ms_output_spec *spec = &o.outputs.items[i];
    int wrc = write_output(spec, ms_report_find(spec->format), &in, &o);
    if (wrc != MS_EXIT_OK) rc = wrc;
  }
  if (result.timed_out) {
    fprintf(stderr, "mcp-sentinel: the scan timed out after %.0f s; the report is partial (%u files or directories not reached)\n",
            o.timeout, result.paths_not_scanned);
    if (rc == MS_EXIT_OK) rc = MS_EXIT_TIMEOUT;
  }
  if (rc == MS_EXIT_OK) rc = exit_code_for(&o, &result);

cleanup:
  if (have_result) ms_scan_result_dispose(&result);
  ms_free(enabled);
  ms_ruleset_free(rs);
  ms_options_dispose(&o);
  return rc;
}

int ms_cmd_list_rules(int argc, char **argv) {
  ms_cli_options o;
  int rc = MS_EXIT_OK;
  if (ms_options_parse_scan(&o, argc, argv) < 0) {
    ms_options_dispose(&o);
    return MS_EXIT_CONFIG;
  }
  ms_ruleset *rs = ms_cli_load_rules(&o.rule_dirs, true);
  if (rs == NULL) {
    rc = MS_EXIT_CONFIG;
  } else {
    for (uint32_t i = 0; i < ms_ruleset_count(rs); i++) {
      const ms_rule *r = ms_ruleset_get(rs, i);
      printf("%-40s %-8s CWE-%-5u %s\n", r->id, ms_severity_name(r->severity), r->cwe, r->title);
    }
  }
  ms_ruleset_free(rs);
  ms_options_dispose(&o);
  return rc;
}
