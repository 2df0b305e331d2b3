/* mcp-sentinel: entry point and subcommand dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/exit.h"
#include "lang/lang.h"
#include "util/xalloc.h"

static const char usage[] =
    "usage: mcp-sentinel <command> [options]\n"
    "\n"
    "Static security analysis of MCP (Model Context Protocol) servers in Python and\n"
    "JavaScript/TypeScript.\n"
    "\n"
    "commands:\n"
    "  scan [PATH|FILE ...]     scan files and directories (default: .)\n"
    "  merge-results FILE...    merge the SARIF/JSON reports of several scans into one\n"
    "  test-rules [PATH ...]    run rule fixtures (ruleid:/ok: annotations)\n"
    "  list-rules               list the rules\n"
    "  rule-docs DIR            write one Markdown page per rule into DIR\n"
    "  init [--force] [DIR]     write a commented .mcp-sentinel.yml (every key)\n"
    "  cache stats|clear        show or empty the result cache (--cache-dir DIR)\n"
    "  version                  print the version\n"
    "\n"
    "Run 'mcp-sentinel scan --help' for the scan options and exit codes.\n";

ms_ruleset *ms_cli_load_rules(const ms_string_list *dirs, bool builtin) {
  ms_error err = MS_ERROR_INIT;
  ms_ruleset *rs = ms_ruleset_new();
  ms_status st = MS_OK;
  if (builtin) st = ms_ruleset_add_builtin(rs, &err);
  for (uint32_t i = 0; dirs && i < dirs->len && st == MS_OK; i++) st = ms_ruleset_add_dir(rs, dirs->items[i], &err);
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

int main(int argc, char **argv) {
  ms_error err = MS_ERROR_INIT;
  if (ms_lang_check_abi(&err) < 0) {
    char *msg = ms_error_format(&err);
    fprintf(stderr, "mcp-sentinel: %s\n", msg);
    ms_free(msg);
    ms_error_clear(&err);
    return MS_EXIT_ERROR;
  }
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? MS_EXIT_CONFIG : MS_EXIT_OK;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "scan") == 0) return ms_cmd_scan(argc - 1, argv + 1);
  if (strcmp(cmd, "test-rules") == 0) return ms_cmd_test_rules(argc - 1, argv + 1);
  if (strcmp(cmd, "merge-results") == 0) return ms_cmd_merge_results(argc - 1, argv + 1);
  if (strcmp(cmd, "list-rules") == 0) return ms_cmd_list_rules(argc - 1, argv + 1);
  if (strcmp(cmd, "rule-docs") == 0) return ms_cmd_rule_docs(argc - 1, argv + 1);
  if (strcmp(cmd, "init") == 0) return ms_cmd_init(argc - 1, argv + 1);
  if (strcmp(cmd, "cache") == 0) return ms_cmd_cache(argc - 1, argv + 1);
  if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    printf("mcp-sentinel %s (tree-sitter ABI %u)\n", MS_VERSION, (unsigned)TREE_SITTER_LANGUAGE_VERSION);
    return MS_EXIT_OK;
  }
  fprintf(stderr, "mcp-sentinel: unknown command '%s'\n\n%s", cmd, usage);
  return MS_EXIT_CONFIG;
}
