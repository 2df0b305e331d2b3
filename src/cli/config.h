/* The configuration file (.mcp-sentinel.yml), the MCP_SENTINEL_* environment and
 * `mcp-sentinel init`. Every key is one row of a table (config.c) that names its type, where
 * it goes in ms_cli_options, its variable, its flag and its documentation, so the loader, the
 * environment, the generated starting file and the error messages never disagree.
 * Precedence (scan_cmd.c): command line > environment > config file > defaults. */
#ifndef MS_CLI_CONFIG_H
#define MS_CLI_CONFIG_H

#include <stdio.h>

#include "cli/options.h"
#include "rules/ruleset.h"
#include "util/error.h"

#define MS_CONFIG_FILE_NAME ".mcp-sentinel.yml"
#define MS_CONFIG_ENV "MCP_SENTINEL_CONFIG"

/** The configuration that applies to a scan of scan_path: .mcp-sentinel.yml in its directory
 * (a file's directory) or a parent, up to the repository root (the nearest ancestor holding
 * `.git`); outside a repository only the path's own directory. NULL when there is none;
 * else the caller frees. */
char *ms_config_find(const char *scan_path);

/** Reads the configuration file at path onto opts. A bad file is MS_EPARSE with
 * FILE:LINE:COL; an unreadable one MS_EIO / MS_ENOTFOUND. Relative paths inside it are taken
 * from the file's directory. */
ms_status ms_config_load(ms_cli_options *opts, const char *path, ms_error *err);
/** The same from text already read (tests and fuzzers); dir resolves relative paths. */
ms_status ms_config__load_text(ms_cli_options *opts, const char *path, const char *dir, const char *text, size_t len,
                               ms_error *err);

/** Applies the MCP_SENTINEL_* variables that are set (and not empty). A bad value is
 * MS_EPARSE with a message naming the variable. */
ms_status ms_config_apply_env(ms_cli_options *opts, ms_error *err);

/** The scan options from every layer: defaults, then the configuration file (--config, else
 * $MCP_SENTINEL_CONFIG, else the discovered one unless --no-repo-config), then the
 * environment, then argv. Prints any error; returns MS_EPARSE (exit 2) then. The caller
 * disposes opts in every case. */
int ms_config_parse_scan(ms_cli_options *opts, int argc, char **argv);

/** Applies the rule selection (rules.enable / --rule, rules.disable / --disable-rule: ids, globs
 * over ids, CWE-N) and the severity overrides to a loaded ruleset, before it is shared. Sets
 * *enabled (caller frees; NULL = every rule). A selector that matches no rule is an error:
 * printed, MS_EPARSE. */
int ms_config_apply_rules(const ms_cli_options *opts, ms_ruleset *rules, bool **enabled);

/** Writes the commented starting configuration: every key, commented out, with its
 * documentation, default, variable and flag. */
void ms_config_write_template(FILE *out);

#endif
