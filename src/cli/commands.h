/* The subcommands and what they share: loading the ruleset the way every command does. */
#ifndef MS_CLI_COMMANDS_H
#define MS_CLI_COMMANDS_H

#include "cli/options.h"
#include "rules/ruleset.h"

#define MS_VERSION "0.1.0"

/** Built-in rules plus each of dirs, frozen. On error prints it and returns NULL. */
ms_ruleset *ms_cli_load_rules(const ms_string_list *dirs, bool builtin);

int ms_cmd_scan(int argc, char **argv);
int ms_cmd_test_rules(int argc, char **argv);
int ms_cmd_list_rules(int argc, char **argv);
int ms_cmd_rule_docs(int argc, char **argv);
int ms_cmd_cache(int argc, char **argv);

#endif
