/* Command-line options of `mcp-sentinel scan` (and the shared rule options). */
#ifndef MS_CLI_OPTIONS_H
#define MS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/finding.h"
#include "model/severity.h"
#include "util/array.h"

typedef ms_array(char *) ms_string_list;

typedef struct ms_output_spec {
  char *format; /* a reporter name: "terminal", "json", "sarif", "html", ... */
  char *file;   /* NULL = stdout */
} ms_output_spec;

typedef enum ms_color_mode { MS_COLOR_AUTO, MS_COLOR_ALWAYS, MS_COLOR_NEVER } ms_color_mode;

typedef struct ms_cli_options {
  ms_string_list paths;
  ms_array(ms_output_spec) outputs;
  ms_string_list rule_dirs;
  ms_string_list only_rules;
  ms_string_list exclude_dirs;
  ms_string_list exclude_patterns;
  ms_severity threshold;
  int exit_code_on[MS_SEV_COUNT]; /* -1 = the default code for that severity */
  uint32_t jobs;
  uint64_t max_file_size;
  double timeout; /* seconds, 0 = none */
  ms_color_mode color;
  char *sarif_category; /* --sarif-category: SARIF automationDetails.id prefix, or NULL */
  bool help;
  bool inventory; /* terminal: list the MCP handlers and transports found */
  bool quiet;     /* --quiet: terminal prints the summary only, no progress bar */
  bool paths_defaulted; /* no PATH was given: paths holds "." */
  /* Configuration, ignore files, suppressions (docs/configuration.md, docs/suppressions.md). */
  char *config_file;            /* --config: explicit configuration file, or NULL */
  bool no_repo_config;          /* --no-repo-config: no discovered config, no ignore files */
  bool no_ignore;               /* --no-ignore: ignore files are not honoured */
  bool no_inline_suppressions;  /* --no-inline-suppressions */
  bool honor_nosec;             /* --honor-nosec: Python `# nosec` suppresses */
  bool require_rule_id;         /* inline suppressions must name rules (config only; default true) */
  bool report_unused_suppressions; /* --report-unused-suppressions */
  bool include_suppressed;      /* --include-suppressed: SARIF keeps suppressed results */
  bool verbose;                 /* -v, --verbose */
  ms_string_list disabled_rules; /* --disable-rule / rules.disable: ids, globs, CWE-N */
  ms_string_list severity_overrides; /* "rule-id=SEVERITY" (severity_overrides) */
  ms_array(ms_config_suppression) config_suppressions; /* owned strings (config `suppressions`) */
  bool outputs_from_config;     /* outputs came from the config: a --output replaces them */
  bool only_rules_from_config;  /* likewise for rules.enable and --rule */
  char *baseline;  /* --baseline FILE|REF, or NULL */
  char *diff_base; /* --diff-base REF, or NULL */
  bool staged;     /* --staged: scan the index */
  bool all_lines;  /* --all-lines: with --diff-base, every line of a changed file */
  bool include_baselined; /* --include-baselined: SARIF/terminal also show unchanged findings */
  bool paths_given; /* PATH arguments were given (else paths holds the default ".") */
  bool no_redact; /* --no-redact: findings show secrets whole (local triage) */
  /* Result cache, sharding and limits (docs/cache.md). */
  char *cache_dir;         /* --cache-dir, or NULL for MS_CACHE_DEFAULT_DIR */
  bool no_cache;           /* --no-cache */
  uint64_t cache_max_size; /* --cache-max-size; 0 = default */
  uint32_t shard_index, shard_count; /* --shard K/N; count 0 = not sharded */
  double file_timeout;     /* --file-timeout seconds; 0 = none */
  uint64_t memory_limit;   /* --memory-limit bytes; 0 = none */
} ms_cli_options;

/** Parses argv (after the subcommand). On error prints a message to stderr and returns
 * MS_EPARSE (exit code 2). The caller disposes opts in every case. Same as
 * ms_options_init + ms_options_parse_args + ms_options_finish. */
int ms_options_parse_scan(ms_cli_options *opts, int argc, char **argv);
/** The defaults. */
void ms_options_init(ms_cli_options *opts);
/** Applies argv on top of what opts holds (the config and the environment, already applied). */
int ms_options_parse_args(ms_cli_options *opts, int argc, char **argv);
/** Fills in the default path and output and checks what only the whole can tell. */
int ms_options_finish(ms_cli_options *opts);
/** Value checks shared with the configuration loader (cli/config.c). */
bool ms_options_parse_uint(const char *s, unsigned long max, unsigned long *out);
bool ms_options_valid_category(const char *s);
bool ms_options_parse_color(const char *s, ms_color_mode *out);
/** Appends each non-empty, trimmed item of a comma-separated list. */
void ms_options_split(const char *list, ms_string_list *into);
void ms_options_dispose(ms_cli_options *opts);
void ms_string_list_dispose(ms_string_list *list);
/** The output format an --output-file name implies by its extension (.json .sarif .html .htm
 * .xml .md; anything else: terminal). */
const char *ms_options_format_for_file(const char *file);
/** Parses "K/N" (1 <= K <= N <= 1024); false when invalid. */
bool ms_options_parse_shard(const char *s, uint32_t *index, uint32_t *count);
/** Parses "2MiB", "500K", "1048576" into bytes; false when invalid. */
bool ms_options_parse_size(const char *s, uint64_t *out);

#endif
