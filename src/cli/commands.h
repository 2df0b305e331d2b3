/* The subcommands and what they share: loading the ruleset the way every command does. */
#ifndef MS_CLI_COMMANDS_H
#define MS_CLI_COMMANDS_H

#include "cli/options.h"
#include "core/scan.h"
#include "report/report.h"
#include "rules/ruleset.h"

#define MS_VERSION "0.1.0"

/** Built-in rules plus each of dirs, frozen. On error prints it and returns NULL. */
ms_ruleset *ms_cli_load_rules(const ms_string_list *dirs, bool builtin);

/** The exit code for a finished scan: the most severe finding at or above the threshold
 * decides (--exit-code-on-* override the defaults). */
int ms_cli_exit_code(const ms_cli_options *o, const ms_scan_result *s);
/** Writes an output with write(out, color, payload) to spec->file (through a temporary name
 * and rename(2), so readers never see half a report) or stdout; prints why and returns
 * MS_EXIT_FS when it cannot. */
typedef ms_status (*ms_cli_writer)(FILE *out, bool color, void *payload);
int ms_cli_write_with(const ms_output_spec *spec, ms_cli_writer write, void *payload, const ms_cli_options *o);
/** Writes one report to spec->file (through a temporary name and rename(2)) or stdout;
 * prints why and returns MS_EXIT_FS when it cannot. */
int ms_cli_write_output(const ms_output_spec *spec, const ms_reporter *rep, const ms_report_input *in,
                        const ms_cli_options *o);

int ms_cmd_scan(int argc, char **argv);
int ms_cmd_merge_results(int argc, char **argv);
int ms_cmd_test_rules(int argc, char **argv);
int ms_cmd_list_rules(int argc, char **argv);
int ms_cmd_rule_docs(int argc, char **argv);
int ms_cmd_init(int argc, char **argv);
int ms_cmd_cache(int argc, char **argv);

#endif
