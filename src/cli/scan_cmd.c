/* `mcp-sentinel scan`: options → ruleset → scan → reports → exit code. Output files are
 * written to a temporary name and renamed, so a reader never sees a half-written report. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit.h"
#include "cli/progress.h"
#include "cli/incremental.h"
#include "core/scan.h"
#include "report/report.h"
#include "util/path.h"
#include "util/xalloc.h"

static const char scan_help[] =
    "usage: mcp-sentinel scan [options] [PATH|FILE ...]\n"
    "\n"
    "options:\n"
    "  --output FORMAT              terminal (default), json, sarif, html, gitlab, junit,\n"
    "                               markdown or compact; repeatable, each pairs with the next\n"
    "                               --output-file (no file: standard output)\n"
    "  --output-file FILE           where the preceding --output goes (alone: the format\n"
    "                               follows the extension: .json .sarif .html .xml (junit)\n"
    "                               .md (markdown); anything else terminal)\n"
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
    "  --inventory                  terminal: also list the MCP tools, resources, prompts,\n"
    "                               transports, auth, host checks, binds and CORS policies found\n"
    "                               in each file (JSON always has them)\n"
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
    "  --no-redact                  show hardcoded secrets whole in every output (by default\n"
    "                               only their first characters and length); local triage only\n"
    "  --color auto|always|never    colours in terminal output (default auto: on a TTY, unless\n"
    "                               NO_COLOR is set); --no-color = --color never\n"
    "  -q, --quiet                  terminal: the summary line only; no progress bar (the bar\n"
    "                               shows on a TTY for scans over a second, never when CI is set)\n"
    "  -v, --verbose                terminal: also list the files ignore files skipped\n"
    "\n"
    "configuration (docs/configuration.md):\n"
    "  --config FILE                read FILE (default: $MCP_SENTINEL_CONFIG, else .mcp-sentinel.yml\n"
    "                               in the scanned directory or a parent up to the repository root)\n"
    "  --no-repo-config             ignore the discovered .mcp-sentinel.yml and the ignore files\n"
    "                               (.gitignore, .git/info/exclude, .mcp-sentinelignore)\n"
    "  --no-ignore                  do not honour ignore files\n"
    "  --disable-rule ID[,ID]       never run these rules (ids, globs, CWE-N; repeatable)\n"
    "\n"
    "suppressions (docs/suppressions.md):\n"
    "  --no-inline-suppressions     ignore mcp-sentinel: ignore[...] comments (and # nosec)\n"
    "  --honor-nosec                Python '# nosec' suppresses the findings on its line\n"
    "  --report-unused-suppressions report suppressions that suppress nothing\n"
    "  --include-suppressed         SARIF: include suppressed results with 'suppressions'\n"
    "  Suppressed findings never count towards the exit code; every report counts them.\n"
    "\n"
    "incremental scans (git; see docs/baseline.md):\n"
    "  --baseline FILE|REF          compare with a previous JSON or SARIF report, or with the\n"
    "                               same files at git revision REF: findings already there are\n"
    "                               'unchanged' and do not set the exit code; the summary\n"
    "                               counts new, unchanged and fixed\n"
    "  --include-baselined          SARIF and terminal: also list unchanged findings (SARIF\n"
    "                               baselineState 'unchanged'); JSON always lists them\n"
    "  --diff-base REF              report only findings on lines changed since REF (working\n"
    "                               tree and untracked files; renames followed)\n"
    "  --all-lines                  with --diff-base: every line of a changed file\n"
    "  --staged                     scan what is staged for commit (the index, not the working\n"
    "                               tree): the staged files, or with PATHs the index files\n"
    "                               under them (the pre-commit mode)\n"
    "\n"
    "exit codes:\n"
    "  0 nothing at or above the threshold   1 general error   2 configuration error\n"
    "  3 critical   4 high   5 medium   6 low (the most severe finding decides)\n"
    "  7 scan timeout   8 file system error (missing/unreadable path, unwritable output)\n";

int ms_cli_exit_code(const ms_cli_options *o, const ms_scan_result *s) {
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

/* Writes a report straight to an open stream (standard output, a device, a FIFO). */
static int write_stream(ms_cli_writer write, void *payload, FILE *f, bool color, const char *what) {
  ms_status st = write(f, color, payload);
  if (fflush(f) != 0 || st < 0) {
    fprintf(stderr, "mcp-sentinel: cannot write the report to %s: %s\n", what, strerror(errno));
    return MS_EXIT_FS;
  }
  return MS_EXIT_OK;
}

/* Writes one report; to a regular file through a temporary name and rename(2), so a reader
 * (or a scan killed half-way) never sees a truncated report. A target that exists and is not
 * a regular file (/dev/stdout, a FIFO, a terminal) is written in place: renaming over it would
 * replace the device node. A symbolic link to a regular file is followed, not replaced. */
int ms_cli_write_with(const ms_output_spec *spec, ms_cli_writer write, void *payload, const ms_cli_options *o) {
  if (spec->file == NULL) return write_stream(write, payload, stdout, use_color(o, stdout), "standard output");
  struct stat sb;
  if (stat(spec->file, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    if (S_ISDIR(sb.st_mode)) {
      fprintf(stderr, "mcp-sentinel: cannot write %s: it is a directory\n", spec->file);
      return MS_EXIT_FS;
    }
    FILE *dev = fopen(spec->file, "wb");
    if (dev == NULL) {
      fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(errno));
      return MS_EXIT_FS;
    }
    int rc = write_stream(write, payload, dev, o->color == MS_COLOR_ALWAYS, spec->file);
    if (fclose(dev) != 0 && rc == MS_EXIT_OK) {
      fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(errno));
      rc = MS_EXIT_FS;
    }
    return rc;
  }
  char *target = NULL; /* the link's destination when spec->file is a symbolic link */
  struct stat lsb;
  if (lstat(spec->file, &lsb) == 0 && S_ISLNK(lsb.st_mode)) target = realpath(spec->file, NULL);
  const char *dest = target ? target : spec->file;
  char *tmp = ms_xasprintf("%s.tmp.%ld", dest, (long)getpid());
  int rc = MS_EXIT_OK;
  FILE *f = fopen(tmp, "wb");
  if (f == NULL) {
    fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(errno));
    ms_free(tmp);
    free(target); /* allocated by libc's realpath */
    return MS_EXIT_FS;
  }
  ms_status st = write(f, o->color == MS_COLOR_ALWAYS, payload);
  int saved = errno;
  bool ok = st == MS_OK && fflush(f) == 0 && fsync(fileno(f)) == 0;
  if (!ok) saved = errno;
  if (fclose(f) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (ok && rename(tmp, dest) != 0) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", spec->file, strerror(saved));
    unlink(tmp);
    rc = MS_EXIT_FS;
  }
  ms_free(tmp);
  free(target); /* allocated by libc's realpath */
  return rc;
}

typedef struct report_job {
  const ms_reporter *rep;
  const ms_report_input *in;
} report_job;

static ms_status run_reporter(FILE *out, bool color, void *payload) {
  const report_job *j = payload;
  return j->rep->write(j->in, out, color);
}

int ms_cli_write_output(const ms_output_spec *spec, const ms_reporter *rep, const ms_report_input *in,
                        const ms_cli_options *o) {
  report_job job = {rep, in};
  return ms_cli_write_with(spec, run_reporter, &job, o);
}

int ms_cmd_scan(int argc, char **argv) {
  ms_cli_options o;
  ms_ruleset *rs = NULL;
  bool *enabled = NULL;
  ms_scan_result result = {0};
  bool have_result = false;
  ms_incremental *inc = NULL;
  int rc = MS_EXIT_OK;
  if (ms_config_parse_scan(&o, argc, argv) < 0) {
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
  if (ms_config_apply_rules(&o, rs, &enabled) < 0) {
    rc = MS_EXIT_CONFIG;
    goto cleanup;
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
  so.ignore_files = !o.no_ignore && !o.no_repo_config;
  so.inline_suppressions = !o.no_inline_suppressions;
  so.honor_nosec = o.honor_nosec;
  so.require_rule_id = o.require_rule_id;
  so.config_suppressions = o.config_suppressions.items;
  so.nconfig_suppressions = o.config_suppressions.len;
  so.no_redact = o.no_redact;
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
  if (ms_incremental_wanted(&o) && (rc = ms_incremental_prepare(&inc, &o, &so)) != MS_EXIT_OK) {
    ms_string_list_dispose(&own);
    goto cleanup;
  }
  ms_progress bar;
  ms_progress_init(&bar, stderr);
  if (!o.quiet && ms_progress_wanted(stderr)) {
    so.progress = ms_progress_update;
    so.progress_payload = &bar;
  }
  ms_error err = MS_ERROR_INIT;
  ms_status scan_st = ms_scan_run(rs, &so, &result, &err);
  ms_progress_finish(&bar);
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
                        .sarif_category = o.sarif_category,
                        .quiet = o.quiet,
                        .verbose = o.verbose,
                        .include_suppressed = o.include_suppressed,
                        .report_unused = o.report_unused_suppressions,
                        .config_suppressions = o.config_suppressions.items,
                        .nconfig_suppressions = o.config_suppressions.len,
                        .include_baselined = o.include_baselined};
  if (inc && (rc = ms_incremental_finish(inc, rs, &so, &result, &in)) != MS_EXIT_OK) goto cleanup;
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    const ms_output_spec *spec = &o.outputs.items[i];
    int wrc = ms_cli_write_output(spec, ms_report_find(spec->format), &in, &o);
    if (wrc != MS_EXIT_OK) rc = wrc;
  }
  if (result.timed_out) {
    fprintf(stderr, "mcp-sentinel: the scan timed out after %.0f s; the report is partial (%u files or directories not reached)\n",
            o.timeout, result.paths_not_scanned);
    if (rc == MS_EXIT_OK) rc = MS_EXIT_TIMEOUT;
  }
  if (rc == MS_EXIT_OK) rc = ms_cli_exit_code(&o, &result);

cleanup:
  if (have_result) ms_scan_result_dispose(&result);
  ms_incremental_free(inc);
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
