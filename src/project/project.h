/* The project pass: rules that need the whole project rather than one file (a transport in one
 * module, its authentication in another). Runs after every file has been scanned (the imports
 * between files resolved on the scan's threads, the checks on the caller's), from each file's
 * facts and findings alone (never the source: results may come from
 * the cache), and adds its findings to the files they point into. Deterministic: files are
 * visited in their (sorted) order and each file's findings are re-sorted afterwards. */
#ifndef MS_PROJECT_PROJECT_H
#define MS_PROJECT_PROJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/finding.h"
#include "rules/ruleset.h"

/** Runs every enabled `project:` rule of rs over files[0..nfiles) (skipped files are ignored)
 * and appends the findings to the files they concern. enabled: per rule index, NULL enables
 * all. max_findings_per_file bounds what is added to one file (0: no bound). jobs: the threads
 * that may resolve the imports between files (the caller's among them). Not thread-safe on
 * files; rs is only read. */
void ms_project_run(const ms_ruleset *rs, const bool *enabled, ms_file_result *files, uint32_t nfiles,
                    uint32_t max_findings_per_file, uint32_t jobs);

/** For the unit test: true when check id has an implementation in the table. */
bool ms_project__check_registered(int id);

#endif
