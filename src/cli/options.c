/* Parsing of scan options with getopt_long. Values are validated here, so that every bad
 * flag or value is a configuration error (exit 2) with a message that names it. */
#include "cli/options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "util/status.h"
#include "util/xalloc.h"

enum {
  OPT_OUTPUT = 256, OPT_OUTPUT_FILE, OPT_THRESHOLD, OPT_EXIT_CRIT, OPT_EXIT_HIGH, OPT_EXIT_MED, OPT_EXIT_LOW,
  OPT_EXCLUDE_DIR, OPT_EXCLUDE_PATTERN, OPT_RULES, OPT_RULE, OPT_MAX_FILE_SIZE, OPT_COLOR, OPT_NO_COLOR, OPT_TIMEOUT, OPT_INVENTORY,
  OPT_SARIF_CATEGORY, OPT_QUIET, OPT_CONFIG, OPT_NO_REPO_CONFIG, OPT_NO_IGNORE, OPT_NO_INLINE, OPT_HONOR_NOSEC,
  OPT_REPORT_UNUSED, OPT_INCLUDE_SUPPRESSED, OPT_DISABLE_RULE,
  OPT_BASELINE, OPT_DIFF_BASE, OPT_STAGED, OPT_ALL_LINES, OPT_INCLUDE_BASELINED, OPT_NO_REDACT,
  OPT_CACHE_DIR, OPT_NO_CACHE, OPT_CACHE_MAX_SIZE, OPT_SHARD, OPT_FILE_TIMEOUT, OPT_MEMORY_LIMIT,
};

static const struct option long_opts[] = {
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"output-file", required_argument, NULL, OPT_OUTPUT_FILE},
    {"severity-threshold", required_argument, NULL, OPT_THRESHOLD},
    {"exit-code-on-critical", required_argument, NULL, OPT_EXIT_CRIT},
    {"exit-code-on-high", required_argument, NULL, OPT_EXIT_HIGH},
    {"exit-code-on-medium", required_argument, NULL, OPT_EXIT_MED},
    {"exit-code-on-low", required_argument, NULL, OPT_EXIT_LOW},
    {"max-concurrent-files", required_argument, NULL, 'j'},
    {"exclude-dir", required_argument, NULL, OPT_EXCLUDE_DIR},
    {"exclude-pattern", required_argument, NULL, OPT_EXCLUDE_PATTERN},
    {"rules", required_argument, NULL, OPT_RULES},
    {"rule", required_argument, NULL, OPT_RULE},
    {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
    {"color", required_argument, NULL, OPT_COLOR},
    {"no-color", no_argument, NULL, OPT_NO_COLOR},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"inventory", no_argument, NULL, OPT_INVENTORY},
    {"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-repo-config", no_argument, NULL, OPT_NO_REPO_CONFIG},
    {"no-ignore", no_argument, NULL, OPT_NO_IGNORE},
    {"no-inline-suppressions", no_argument, NULL, OPT_NO_INLINE},
    {"honor-nosec", no_argument, NULL, OPT_HONOR_NOSEC},
    {"report-unused-suppressions", no_argument, NULL, OPT_REPORT_UNUSED},
    {"include-suppressed", no_argument, NULL, OPT_INCLUDE_SUPPRESSED},
    {"disable-rule", required_argument, NULL, OPT_DISABLE_RULE},
    {"verbose", no_argument, NULL, 'v'},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"diff-base", required_argument, NULL, OPT_DIFF_BASE},
    {"staged", no_argument, NULL, OPT_STAGED},
    {"all-lines", no_argument, NULL, OPT_ALL_LINES},
    {"include-baselined", no_argument, NULL, OPT_INCLUDE_BASELINED},
    {"no-redact", no_argument, NULL, OPT_NO_REDACT},
    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},
    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
    {"cache-max-size", required_argument, NULL, OPT_CACHE_MAX_SIZE},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"file-timeout", required_argument, NULL, OPT_FILE_TIMEOUT},
    {"memory-limit", required_argument, NULL, OPT_MEMORY_LIMIT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("mcp-sentinel: ", stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\n(see 'mcp-sentinel scan --help')\n", stderr);
  return MS_EPARSE;
}

bool ms_options_parse_uint(const char *s, unsigned long max, unsigned long *out) {
  if (!isdigit((unsigned char)s[0])) return false;
  char *end = NULL;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno != 0 || *end != '\0' || v > max) return false;
  *out = v;
  return true;
}

bool ms_options_parse_size(const char *s, uint64_t *out) {
  if (!isdigit((unsigned char)s[0])) return false;
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno != 0) return false;
  static const struct { const char *suffix; uint64_t mult; } units[] = {
      {"", 1}, {"B", 1}, {"K", 1000}, {"KB", 1000}, {"KiB", 1024}, {"M", 1000000}, {"MB", 1000000},
      {"MiB", 1048576}, {"G", 1000000000}, {"GB", 1000000000}, {"GiB", 1073741824}, {"k", 1000}, {"kB", 1000},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    if (strcmp(end, units[i].suffix) == 0) {
      if (v > UINT64_MAX / units[i].mult) return false;
      *out = v * units[i].mult;
      return *out > 0;
    }
  }
  return false;
}

bool ms_options_parse_shard(const char *s, uint32_t *index, uint32_t *count) {
  const char *slash = strchr(s, '/');
  if (slash == NULL || slash - s > 10) return false;
  char k[12];
  memcpy(k, s, (size_t)(slash - s));
  k[slash - s] = '\0';
  unsigned long kv, nv;
  if (!ms_options_parse_uint(k, 1024, &kv) || !ms_options_parse_uint(slash + 1, 1024, &nv) || kv == 0 || kv > nv) return false;
  *index = (uint32_t)kv;
  *count = (uint32_t)nv;
  return true;
}

/* Seconds as a decimal number ("30", "0.5"); 0 allowed when zero_ok. */
static bool parse_seconds(const char *s, double max, bool zero_ok, double *out) {
  if (!isdigit((unsigned char)s[0])) return false;
  char *end = NULL;
  errno = 0;
  double v = strtod(s, &end);
  if (errno != 0 || *end != '\0' || v > max || (v <= 0 && !zero_ok)) return false;
  *out = v;
  return true;
}

void ms_options_split(const char *list, ms_string_list *arr) {
  const char *p = list;
  while (*p) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    while (n > 0 && isspace((unsigned char)*p)) p++, n--;
    while (n > 0 && isspace((unsigned char)p[n - 1])) n--;
    if (n > 0) ms_array_push(arr, ms_xstrndup(p, n));
    if (!comma) break;
    p = comma + 1;
  }
}

/* A SARIF category becomes automationDetails.id: printable, no white space. */
bool ms_options_valid_category(const char *s) {
  if (s[0] == '\0') return false;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p <= 0x20 || *p == 0x7f) return false;
  return true;
}

const char *ms_options_format_for_file(const char *file) {
  const char *dot = strrchr(file, '.');
  if (dot && strcmp(dot, ".json") == 0) return "json";
  if (dot && strcmp(dot, ".sarif") == 0) return "sarif";
  if (dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)) return "html";
  if (dot && strcmp(dot, ".xml") == 0) return "junit";
  if (dot && strcmp(dot, ".md") == 0) return "markdown";
  return "terminal";
}

bool ms_options_parse_color(const char *s, ms_color_mode *out) {
  if (strcmp(s, "auto") == 0) *out = MS_COLOR_AUTO;
  else if (strcmp(s, "always") == 0) *out = MS_COLOR_ALWAYS;
  else if (strcmp(s, "never") == 0) *out = MS_COLOR_NEVER;
  else return false;
  return true;
}

void ms_options_init(ms_cli_options *o) {
  memset(o, 0, sizeof *o);
  o->threshold = MS_SEV_LOW;
  for (int i = 0; i < MS_SEV_COUNT; i++) o->exit_code_on[i] = -1;
  o->max_file_size = MS_DEFAULT_MAX_FILE_SIZE;
  o->file_timeout = MS_DEFAULT_FILE_TIMEOUT;
  o->require_rule_id = true;
}

/* Outputs or --rule values from the config are replaced, not extended, by the command line. */
static void take_over_outputs(ms_cli_options *o) {
  if (!o->outputs_from_config) return;
  for (uint32_t i = 0; i < o->outputs.len; i++) {
    ms_free(o->outputs.items[i].format);
    ms_free(o->outputs.items[i].file);
  }
  ms_array_clear(&o->outputs);
  o->outputs_from_config = false;
}

int ms_options_parse_scan(ms_cli_options *o, int argc, char **argv) {
  ms_options_init(o);
  int rc = ms_options_parse_args(o, argc, argv);
  return rc < 0 ? rc : ms_options_finish(o);
}

int ms_options_parse_args(ms_cli_options *o, int argc, char **argv) {
  optind = 1;
  opterr = 0;
  int c;
  unsigned long v;
  while ((c = getopt_long(argc, argv, ":j:hqv", long_opts, NULL)) != -1) {
    switch (c) {
      case OPT_OUTPUT:
        take_over_outputs(o);
        ms_array_push(&o->outputs, ((ms_output_spec){ms_xstrdup(optarg), NULL}));
        break;
      case OPT_OUTPUT_FILE: {
        take_over_outputs(o);
        ms_output_spec *last = o->outputs.len ? ms_array_back(&o->outputs) : NULL;
        if (last && last->file == NULL) last->file = ms_xstrdup(optarg);
        else ms_array_push(&o->outputs, ((ms_output_spec){ms_xstrdup(ms_options_format_for_file(optarg)), ms_xstrdup(optarg)}));
        break;
      }
      case OPT_THRESHOLD:
        if (!ms_severity_parse(optarg, &o->threshold))
          return bad("invalid --severity-threshold '%s' (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)", optarg);
        break;
      case OPT_EXIT_CRIT: case OPT_EXIT_HIGH: case OPT_EXIT_MED: case OPT_EXIT_LOW: {
        ms_severity s = c == OPT_EXIT_CRIT ? MS_SEV_CRITICAL : c == OPT_EXIT_HIGH ? MS_SEV_HIGH
                        : c == OPT_EXIT_MED ? MS_SEV_MEDIUM : MS_SEV_LOW;
        if (!ms_options_parse_uint(optarg, 255, &v))
          return bad("invalid exit code '%s' for --exit-code-on-%s (expected 0 to 255)", optarg,
                     s == MS_SEV_CRITICAL ? "critical" : s == MS_SEV_HIGH ? "high" : s == MS_SEV_MEDIUM ? "medium" : "low");
        o->exit_code_on[s] = (int)v;
        break;
      }
      case 'j':
        if (!ms_options_parse_uint(optarg, 256, &v) || v == 0)
          return bad("invalid --max-concurrent-files '%s' (expected 1 to 256)", optarg);
        o->jobs = (uint32_t)v;
        break;
      case OPT_EXCLUDE_DIR: ms_options_split(optarg, &o->exclude_dirs); break;
      case OPT_EXCLUDE_PATTERN: ms_options_split(optarg, &o->exclude_patterns); break;
      case OPT_RULES: ms_array_push(&o->rule_dirs, ms_xstrdup(optarg)); break;
      case OPT_RULE: {
        if (o->only_rules_from_config) ms_string_list_dispose(&o->only_rules);
        o->only_rules_from_config = false;
        uint32_t before = o->only_rules.len;
        ms_options_split(optarg, &o->only_rules);
        if (o->only_rules.len == before) return bad("--rule needs at least one rule id, not '%s'", optarg);
        break;
      }
      case OPT_MAX_FILE_SIZE:
        if (!ms_options_parse_size(optarg, &o->max_file_size))
          return bad("invalid --max-file-size '%s' (examples: 2MiB, 500KB, 1048576)", optarg);
        break;
      case OPT_COLOR:
        if (!ms_options_parse_color(optarg, &o->color))
          return bad("invalid --color '%s' (expected auto, always or never)", optarg);
        break;
      case OPT_NO_COLOR: o->color = MS_COLOR_NEVER; break;
      case OPT_INVENTORY: o->inventory = true; break;
      case 'q': case OPT_QUIET: o->quiet = true; break;
      case OPT_NO_REDACT: o->no_redact = true; break;
      case OPT_SARIF_CATEGORY:
        if (!ms_options_valid_category(optarg))
          return bad("invalid --sarif-category '%s' (expected a non-empty name of printable characters)", optarg);
        ms_free(o->sarif_category);
        o->sarif_category = ms_xstrdup(optarg);
        break;
      case OPT_TIMEOUT:
        if (!ms_options_parse_uint(optarg, 86400 * 7, &v) || v == 0)
          return bad("invalid --timeout '%s' (expected whole seconds, 1 or more)", optarg);
        o->timeout = (double)v;
        break;
      case OPT_CONFIG:
        ms_free(o->config_file);
        o->config_file = ms_xstrdup(optarg);
        break;
      case OPT_NO_REPO_CONFIG: o->no_repo_config = true; break;
      case OPT_NO_IGNORE: o->no_ignore = true; break;
      case OPT_NO_INLINE: o->no_inline_suppressions = true; break;
      case OPT_HONOR_NOSEC: o->honor_nosec = true; break;
      case OPT_REPORT_UNUSED: o->report_unused_suppressions = true; break;
      case OPT_INCLUDE_SUPPRESSED: o->include_suppressed = true; break;
      case OPT_DISABLE_RULE: {
        uint32_t before = o->disabled_rules.len;
        ms_options_split(optarg, &o->disabled_rules);
        if (o->disabled_rules.len == before) return bad("--disable-rule needs at least one rule id, not '%s'", optarg);
        break;
      }
      case 'v': o->verbose = true; break;
      case OPT_BASELINE: case OPT_DIFF_BASE: {
        if (optarg[0] == '\0') return bad("--%s needs a file or git revision, not an empty value",
                                         c == OPT_BASELINE ? "baseline" : "diff-base");
        char **slot = c == OPT_BASELINE ? &o->baseline : &o->diff_base;
        ms_free(*slot);
        *slot = ms_xstrdup(optarg);
        break;
      }
      case OPT_STAGED: o->staged = true; break;
      case OPT_ALL_LINES: o->all_lines = true; break;
      case OPT_INCLUDE_BASELINED: o->include_baselined = true; break;
      case OPT_CACHE_DIR:
        if (optarg[0] == '\0') return bad("--cache-dir needs a directory");
        ms_free(o->cache_dir);
        o->cache_dir = ms_xstrdup(optarg);
        break;
      case OPT_NO_CACHE: o->no_cache = true; break;
      case OPT_CACHE_MAX_SIZE:
        if (!ms_options_parse_size(optarg, &o->cache_max_size))
          return bad("invalid --cache-max-size '%s' (examples: 256MB, 1GiB)", optarg);
        break;
      case OPT_SHARD:
        if (!ms_options_parse_shard(optarg, &o->shard_index, &o->shard_count))
          return bad("invalid --shard '%s' (expected K/N with 1 <= K <= N <= 1024, e.g. 2/4)", optarg);
        break;
      case OPT_FILE_TIMEOUT:
        if (!parse_seconds(optarg, 86400, true, &o->file_timeout))
          return bad("invalid --file-timeout '%s' (expected seconds, e.g. 30 or 0.5; 0 = no limit)", optarg);
        break;
      case OPT_MEMORY_LIMIT:
        if (!ms_options_parse_size(optarg, &o->memory_limit))
          return bad("invalid --memory-limit '%s' (examples: 512MB, 1GiB)", optarg);
        break;
      case 'h': o->help = true; break;
      case ':': return bad("option '%s' needs a value", argv[optind - 1]);
      default: return bad("unknown option '%s'", argv[optind - 1]);
    }
  }
  for (int i = optind; i < argc; i++) ms_array_push(&o->paths, ms_xstrdup(argv[i]));
  return MS_OK;
}

int ms_options_finish(ms_cli_options *o) {
  o->paths_defaulted = o->paths.len == 0;
  o->paths_given = o->paths.len > 0;
  if (o->all_lines && o->diff_base == NULL) return bad("--all-lines only applies with --diff-base REF");
  if (o->paths.len == 0) ms_array_push(&o->paths, ms_xstrdup("."));
  if (o->outputs.len == 0) ms_array_push(&o->outputs, ((ms_output_spec){ms_xstrdup("terminal"), NULL}));
  uint32_t to_stdout = 0;
  for (uint32_t i = 0; i < o->outputs.len; i++) to_stdout += o->outputs.items[i].file == NULL;
  if (to_stdout > 1) return bad("more than one --output goes to standard output; give each an --output-file");
  return MS_OK;
}

void ms_string_list_dispose(ms_string_list *arr) {
  for (uint32_t i = 0; i < arr->len; i++) ms_free(arr->items[i]);
  ms_array_free(arr);
}

void ms_options_dispose(ms_cli_options *o) {
  ms_string_list_dispose(&o->paths);
  ms_string_list_dispose(&o->rule_dirs);
  ms_string_list_dispose(&o->only_rules);
  ms_string_list_dispose(&o->exclude_dirs);
  ms_string_list_dispose(&o->exclude_patterns);
  ms_free(o->sarif_category);
  ms_free(o->config_file);
  ms_string_list_dispose(&o->disabled_rules);
  ms_string_list_dispose(&o->severity_overrides);
  for (uint32_t i = 0; i < o->config_suppressions.len; i++) {
    ms_config_suppression *cs = &o->config_suppressions.items[i];
    ms_free((char *)cs->rule);
    ms_free((char *)cs->path);
    ms_free((char *)cs->base);
    ms_free((char *)cs->reason);
    ms_free((char *)cs->source);
  }
  ms_array_free(&o->config_suppressions);
  ms_free(o->baseline);
  ms_free(o->diff_base);
  ms_free(o->cache_dir);
  for (uint32_t i = 0; i < o->outputs.len; i++) {
    ms_free(o->outputs.items[i].format);
    ms_free(o->outputs.items[i].file);
  }
  ms_array_free(&o->outputs);
}
