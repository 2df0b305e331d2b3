/* Command-line options of `mcp-sentinel scan` (and the shared rule options). */
#ifndef MS_CLI_OPTIONS_H
#define MS_CLI_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/severity.h"
#include "util/array.h"

typedef ms_array(char *) ms_string_list;

typedef struct ms_output_spec {
  char *format; /* "terminal", "json", "sarif" */
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
  /* Result cache, sharding and limits (docs/cache.md). */
  char *cache_dir;         /* --cache-dir, or NULL for MS_CACHE_DEFAULT_DIR */
  bool no_cache;           /* --no-cache */
  uint64_t cache_max_size; /* --cache-max-size; 0 = default */
  uint32_t shard_index, shard_count; /* --shard K/N; count 0 = not sharded */
  double file_timeout;     /* --file-timeout seconds; 0 = none */
  uint64_t memory_limit;   /* --memory-limit bytes; 0 = none */
} ms_cli_options;

/** Parses argv (after the subcommand). On error prints a message to stderr and returns
 * MS_EPARSE (exit code 2). The caller disposes opts in every case. */
int ms_options_parse_scan(ms_cli_options *opts, int argc, char **argv);
void ms_options_dispose(ms_cli_options *opts);
void ms_string_list_dispose(ms_string_list *list);
/** Parses "K/N" (1 <= K <= N <= 1024); false when invalid. */
bool ms_options_parse_shard(const char *s, uint32_t *index, uint32_t *count);
/** Parses "2MiB", "500K", "1048576" into bytes; false when invalid. */
bool ms_options_parse_size(const char *s, uint64_t *out);

#endif
