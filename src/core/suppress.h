/* Suppressions (docs/suppressions.md): comments in the scanned file (`mcp-sentinel:
 * ignore[RULE] reason`, `ignore-file[RULE]`, Python `# nosec` when asked) and the
 * configuration's `suppressions` entries (rule + path glob). Marking happens in the worker,
 * where the file's text and tree are at hand; a suppressed finding stays in the results,
 * marked, and never counts towards the exit code. */
#ifndef MS_CORE_SUPPRESS_H
#define MS_CORE_SUPPRESS_H

#include <tree_sitter/api.h>

#include "core/scan.h"
#include "lang/lang.h"

/** Lines within which an `ignore-file` comment must start. */
#define MS_SUPPRESS_FILE_LINES 10

/** Records the suppression comments of text in out->suppressions and marks the findings of
 * out they cover, then applies opts' config suppressions. root is the file's tree (null node
 * for languages without a grammar): comments are taken from it, so a marker inside a string
 * literal does not count. Runs on the worker thread; reads only immutable shared data. */
void ms_suppress_apply(const ms_scan_options *opts, const ms_ruleset *rules, ms_lang_id lang, TSNode root,
                       const char *text, uint32_t len, ms_file_result *out);

/** Whether ms_suppress_apply reads comments from the tree of this file (a language with a
 * grammar, inline suppressions on and a marker or, for Python, `nosec` in the text). */
bool ms_suppress_reads_tree(const ms_scan_options *opts, ms_lang_id lang, const char *text, uint32_t len);

/** Marks the findings added to out after ms_suppress_apply (by the project pass) with the
 * comments recorded then and the config suppressions; findings already marked stay as they
 * are. Needs neither the text nor the tree. */
void ms_suppress_apply_recorded(const ms_scan_options *opts, const ms_ruleset *rules, ms_file_result *out);

#endif
