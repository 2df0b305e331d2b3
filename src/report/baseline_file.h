/* Reading a previous report as a baseline: our JSON report (docs/json-schema.md) or our
 * SARIF log (docs/sarif.md), told apart by their content. */
#ifndef MS_REPORT_BASELINE_FILE_H
#define MS_REPORT_BASELINE_FILE_H

#include "model/baseline.h"
#include "util/error.h"

/** Appends the findings of the report at path to out. Paths are as written in the report
 * (SARIF URIs percent-decoded; file:// URIs become absolute paths). MS_EIO when the file
 * cannot be read, MS_EPARSE (with err) when it is not a JSON or SARIF report of
 * mcp-sentinel. */
ms_status ms_baseline_file_load(const char *path, ms_baseline_entries *out, ms_error *err);

#endif
