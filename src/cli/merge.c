/* `mcp-sentinel merge-results FILE... --output FORMAT --output-file FILE`: combines the SARIF
 * logs and JSON reports of several scans (shards, per-directory jobs) into one report in any
 * format. Findings are rebuilt from the inputs (report/ingest.c), deduplicated by file, rule
 * and fingerprint, and the counts recomputed; SARIF output keeps one run per category. The
 * exit code follows --severity-threshold and --exit-code-on-* as for a scan. */
#include <errno.h>
#include <stdint.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/exit.h"
#include "report/ingest.h"
#include "report/jsonutil.h"
#include "report/sarif.h"
#include "util/xalloc.h"

static const char merge_help[] =
    "usage: mcp-sentinel merge-results FILE... [--output FORMAT [--output-file FILE]]...\n"
    "\n"
    "Merges the SARIF logs and JSON reports of several scans (shards, per-directory jobs)\n"
    "into one report: findings are deduplicated by file, rule and fingerprint, counts are\n"
    "recomputed, SARIF keeps one run per category (automationDetails.id).\n"
    "\n"
    "options:\n"
    "  --output FORMAT              terminal (default), json, sarif, html, gitlab, junit,\n"
    "                               markdown or compact; repeatable. A value with an extension\n"
    "                               is the output file, its format from the extension\n"
    "                               (--output combined.sarif)\n"
    "  --output-file FILE           where the preceding --output goes (no file: stdout)\n"
    "  --severity-threshold SEV     report and fail on CRITICAL|HIGH|MEDIUM|LOW|INFO and above\n"
    "                               (default LOW)\n"
    "  --exit-code-on-critical N ... --exit-code-on-low N   as for scan\n"
    "  --sarif-category NAME        the category of JSON inputs in SARIF output (default\n"
    "                               mcp-sentinel)\n"
    "  --rules DIR                  rule metadata for user rules the inputs name\n"
    "  -q, --quiet  --color auto|always|never   as for scan\n"
    "\n"
    "exit codes: 0 nothing at or above the threshold, 3-6 the most severe finding (as for\n"
    "scan), 2 bad option or an input that is not a report, 8 an input that cannot be read or\n"
    "an output that cannot be written.\n";

/* The guide's short form: `--output combined.sarif` names the file. */
static void resolve_short_form(ms_cli_options *o) {
  for (uint32_t i = 0; i < o->outputs.len; i++) {
    ms_output_spec *spec = &o->outputs.items[i];
    if (spec->file || ms_report_find(spec->format) || strchr(spec->format, '.') == NULL) continue;
    spec->file = spec->format;
    spec->format = ms_xstrdup(ms_options_format_for_file(spec->file));
  }
}

/* True when path is (the same file as) one of the outputs: a previous merge's result matched
 * by the input glob (`*.sarif`) must not be merged into its own replacement. */
static bool is_an_output(const ms_cli_options *o, const char *path) {
  char *real = realpath(path, NULL);
  bool same = false;
  for (uint32_t i = 0; i < o->outputs.len && real && !same; i++) {
    const char *file = o->outputs.items[i].file;
    char *out = file ? realpath(file, NULL) : NULL;
    same = out && strcmp(out, real) == 0;
    free(out); /* from libc's realpath */
  }
  free(real); /* from libc's realpath */
  return same;
}

/* The ruleset: built-in and --rules rules, plus the rules the inputs name that neither has,
 * rebuilt from the inputs' metadata. NULL (message printed) on a rule error. */
static ms_ruleset *merged_rules(const ms_cli_options *o, const ms_ingest *ing) {
  ms_ruleset *known = ms_cli_load_rules(&o->rule_dirs, true);
  if (known == NULL) return NULL;
  ms_rule_array foreign = MS_ARRAY_INIT;
  ms_ingest_foreign_rules(ing, known, &foreign);
  if (foreign.len == 0) {
    ms_array_free(&foreign);
    return known;
  }
  ms_ruleset_free(known);
  ms_error err = MS_ERROR_INIT;
  ms_ruleset *rs = ms_ruleset_new();
  ms_status st = ms_ruleset_add_builtin(rs, &err);
  for (uint32_t i = 0; i < o->rule_dirs.len && st == MS_OK; i++) st = ms_ruleset_add_dir(rs, o->rule_dirs.items[i], &err);
  for (uint32_t i = 0; i < foreign.len; i++) {
    if (st == MS_OK) st = ms_ruleset_add_rule(rs, &foreign.items[i], &err);
    else ms_rule_dispose(&foreign.items[i]);
  }
  ms_array_free(&foreign);
  if (st == MS_OK) st = ms_ruleset_freeze(rs, &err);
  if (st < 0) {
    char *msg = ms_error_format(&err);
    fprintf(stderr, "mcp-sentinel: %s\n", msg);
    ms_free(msg);
    ms_error_clear(&err);
    ms_ruleset_free(rs);
    return NULL;
  }
  return rs;
}

typedef struct sarif_runs {
  const ms_ingest_run *runs;
  uint32_t nruns;
  const ms_report_input *base; /* everything but the scan and the category */
} sarif_runs;

/* Run i of the merged log, written by the SARIF reporter within max_gzip bytes gzipped; NULL
 * (*st set) on error. *gz is its size once gzipped. */
static json_t *sarif_run_doc(const sarif_runs *sr, uint32_t i, size_t max_gzip, size_t *gz, ms_status *st) {
  ms_report_input in = *sr->base;
  in.scan = &sr->runs[i].scan;
  in.sarif_category = sr->runs[i].category;
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  if (mem == NULL) {
    *st = MS_EIO;
    return NULL;
  }
  *st = ms_sarif_write_within(&in, mem, max_gzip);
  fclose(mem);
  json_t *doc = *st == MS_OK ? json_loadb(buf, len, 0, NULL) : NULL;
  *gz = buf ? ms_sarif_gzipped_size(buf, len) : 0;
  free(buf); /* from libc's open_memstream */
  if (doc == NULL && *st == MS_OK) *st = MS_EIO;
  return doc;
}

/* The runs put into one log, each within its share of the gzipped size (NULL = the whole
 * limit). *gz is the log's size once gzipped. */
static json_t *sarif_log(const sarif_runs *sr, const size_t *share, size_t *gz, size_t *run_gz, ms_status *st) {
  json_t *log = NULL;
  *st = MS_OK;
  for (uint32_t i = 0; i < sr->nruns && *st == MS_OK; i++) {
    json_t *doc = sarif_run_doc(sr, i, share ? share[i] : SIZE_MAX, &run_gz[i], st);
    if (doc == NULL) break;
    if (log == NULL) {
      log = doc;
    } else {
      json_array_extend(json_object_get(log, "runs"), json_object_get(doc, "runs"));
      json_decref(doc);
    }
  }
  char *text = *st == MS_OK && log ? ms_jsonutil_dumps(log) : NULL;
  if (*st == MS_OK && text == NULL) *st = MS_ERR;
  *gz = text ? ms_sarif_gzipped_size(text, strlen(text) + 1) : 0;
  ms_free(text);
  if (*st != MS_OK) {
    json_decref(log);
    return NULL;
  }
  return log;
}

/* SARIF with one run per category: each run is written by the SARIF reporter, then the runs
 * are put into one log. GitHub's size limit is per upload: when the runs together are over it,
 * each is written again within a share of it in proportion to its size, the shares shrinking
 * until the whole log fits. */
static ms_status write_sarif_runs(FILE *out, bool color, void *payload) {
  (void)color;
  const sarif_runs *sr = payload;
  if (sr->nruns > MS_SARIF_MAX_RUNS) /* no run can go without losing a category's results */
    fprintf(stderr,
            "mcp-sentinel: warning: the merged SARIF log has %u runs, one per category; GitHub code scanning "
            "accepts at most %u in one file: upload some categories separately\n",
            sr->nruns, MS_SARIF_MAX_RUNS);
  ms_sarif_limits lim;
  ms_sarif_limits_get(&lim);
  size_t *run_gz = ms_xcalloc(sr->nruns, sizeof *run_gz), *share = ms_xcalloc(sr->nruns, sizeof *share);
  size_t gz;
  ms_status st;
  json_t *log = sarif_log(sr, NULL, &gz, run_gz, &st);
  for (double f = 0.95; log != NULL && gz > lim.gzip_bytes && sr->nruns > 1 && f > 0.01; f *= 0.8) {
    size_t total = 0;
    for (uint32_t i = 0; i < sr->nruns; i++) total += run_gz[i];
    for (uint32_t i = 0; i < sr->nruns; i++)
      share[i] = (size_t)((double)lim.gzip_bytes * f * (double)run_gz[i] / (double)(total ? total : 1));
    json_decref(log);
    log = sarif_log(sr, share, &gz, run_gz, &st);
  }
  char *text = st == MS_OK && log ? ms_jsonutil_dumps(log) : NULL;
  if (st == MS_OK && (text == NULL || fputs(text, out) == EOF || fputc('\n', out) == EOF)) st = MS_EIO;
  ms_free(text);
  json_decref(log);
  ms_free(run_gz);
  ms_free(share);
  return st;
}

static int load_inputs(const ms_cli_options *o, ms_ingest *ing) {
  uint32_t used = 0;
  for (uint32_t i = 0; i < o->paths.len; i++) {
    const char *path = o->paths.items[i];
    if (is_an_output(o, path)) {
      fprintf(stderr, "mcp-sentinel: %s is an output of this merge: not read as an input\n", path);
      continue;
    }
    ms_error err = MS_ERROR_INIT;
    ms_status st = ms_ingest_add_file(ing, path, &err);
    if (st < 0) {
      char *msg = ms_error_format(&err);
      fprintf(stderr, "mcp-sentinel: %s\n", msg);
      ms_free(msg);
      ms_error_clear(&err);
      return st == MS_EPARSE ? MS_EXIT_CONFIG : MS_EXIT_FS;
    }
    used++;
  }
  if (used == 0) {
    fprintf(stderr, "mcp-sentinel: merge-results: no report to merge\n");
    return MS_EXIT_CONFIG;
  }
  return MS_EXIT_OK;
}

int ms_cmd_merge_results(int argc, char **argv) {
  ms_cli_options o;
  ms_ingest *ing = ms_ingest_new();
  ms_ruleset *rs = NULL;
  int rc = MS_EXIT_OK;
  if (ms_options_parse_scan(&o, argc, argv) < 0) {
    rc = MS_EXIT_CONFIG;
    goto cleanup;
  }
  if (o.help) {
    fputs(merge_help, stdout);
    goto cleanup;
  }
  if (o.paths_defaulted) {
    fprintf(stderr, "mcp-sentinel: merge-results needs the report files to merge\n(see 'mcp-sentinel merge-results --help')\n");
    rc = MS_EXIT_CONFIG;
    goto cleanup;
  }
  resolve_short_form(&o);
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    if (ms_report_find(o.outputs.items[i].format) == NULL) {
      fprintf(stderr, "mcp-sentinel: unknown output format '%s' (supported: %s)\n", o.outputs.items[i].format,
              ms_report_names());
      rc = MS_EXIT_CONFIG;
      goto cleanup;
    }
  }
  rc = load_inputs(&o, ing);
  if (rc != MS_EXIT_OK) goto cleanup;
  rs = merged_rules(&o, ing);
  if (rs == NULL) {
    rc = MS_EXIT_CONFIG;
    goto cleanup;
  }

  uint32_t nroots;
  const char *const *roots = ms_ingest_roots(ing, &nroots);
  const char *category = o.sarif_category ? o.sarif_category : MS_SARIF_DEFAULT_CATEGORY;
  ms_report_input base = {.rules = rs,
                          .threshold = o.threshold,
                          .roots = roots,
                          .nroots = nroots,
                          .tool_version = MS_VERSION,
                          .inventory = o.inventory,
                          .quiet = o.quiet};
  const ms_ingest_run *runs;
  uint32_t nruns;
  for (uint32_t i = 0; i < o.outputs.len; i++) {
    const ms_output_spec *spec = &o.outputs.items[i];
    bool sarif = strcmp(spec->format, "sarif") == 0;
    ms_ingest_build(ing, rs, sarif, category, &runs, &nruns);
    int wrc;
    if (sarif) {
      sarif_runs sr = {runs, nruns, &base};
      wrc = ms_cli_write_with(spec, write_sarif_runs, &sr, &o);
    } else {
      ms_report_input in = base;
      in.scan = &runs[0].scan;
      in.sarif_category = runs[0].category;
      wrc = ms_cli_write_output(spec, ms_report_find(spec->format), &in, &o);
    }
    if (wrc != MS_EXIT_OK) rc = wrc;
  }
  ms_ingest_build(ing, rs, false, category, &runs, &nruns);
  if (runs[0].scan.timed_out)
    fprintf(stderr, "mcp-sentinel: warning: at least one merged scan timed out; the results are partial\n");
  if (rc == MS_EXIT_OK) rc = ms_cli_exit_code(&o, &runs[0].scan);

cleanup:
  ms_ingest_free(ing);
  ms_ruleset_free(rs);
  ms_options_dispose(&o);
  return rc;
}
