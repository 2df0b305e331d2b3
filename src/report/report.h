/* Reporters turn a finished scan into one output format. They never see workers and
 * analysers never print. The table in registry.c lists every format. */
#ifndef MS_REPORT_REPORT_H
#define MS_REPORT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/scan.h"
#include "model/baseline.h"
#include "rules/ruleset.h"

typedef enum ms_report_format {
  MS_REPORT_TERMINAL = 0,
  MS_REPORT_JSON = 1,
  MS_REPORT_SARIF = 2,
  MS_REPORT_COUNT,
} ms_report_format;

/** What every reporter is given. */
typedef struct ms_report_input {
  const ms_ruleset *rules;
  const ms_scan_result *scan;
  ms_severity threshold;      /* findings below it are not reported */
  const char *const *roots;   /* the paths as given on the command line */
  unsigned nroots;
  const char *tool_version;
  bool inventory;             /* terminal: also list handlers and transports */
  const char *sarif_category; /* SARIF automationDetails.id prefix; NULL = "mcp-sentinel" */
  const ms_baseline_summary *baseline; /* the --baseline comparison, or NULL */
  bool include_baselined;     /* SARIF/terminal: also list unchanged findings */
} ms_report_input;

/** Whether a reporter that lists only new findings by default shows f: at or above the
 * threshold, and not unchanged unless in->include_baselined. */
bool ms_report_shows(const ms_report_input *in, const ms_finding *f);

typedef struct ms_reporter {
  const char *name; /* as given to --output */
  /** Writes the whole report to out. color: emit ANSI colours (terminal only). */
  ms_status (*write)(const ms_report_input *in, FILE *out, bool color);
} ms_reporter;

/** The reporter for a --output name, or NULL when unknown. */
const ms_reporter *ms_report_find(const char *name);
/** Comma-separated list of the format names, for help and errors. */
const char *ms_report_names(void);

extern const ms_reporter ms_report_terminal;
extern const ms_reporter ms_report_json;
extern const ms_reporter ms_report_sarif;

#endif
