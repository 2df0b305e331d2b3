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
  MS_REPORT_HTML = 3,
  MS_REPORT_GITLAB = 4,
  MS_REPORT_JUNIT = 5,
  MS_REPORT_MARKDOWN = 6,
  MS_REPORT_COMPACT = 7,
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
  bool quiet;                 /* terminal: the summary only */
  bool verbose;               /* terminal: also list files skipped by ignore files */
  bool include_suppressed;    /* SARIF: include suppressed results (with `suppressions`) */
  bool report_unused;         /* report suppressions that suppressed nothing */
  const ms_config_suppression *config_suppressions; /* the scan's, for unused ones */
  uint32_t nconfig_suppressions;
  const ms_baseline_summary *baseline; /* the --baseline comparison, or NULL */
  bool include_baselined;     /* SARIF/terminal: also list unchanged findings */
} ms_report_input;

/** A note about a suppression: a problem with a comment (always) or one that suppressed
 * nothing (with report_unused). file is borrowed; line 0 = none. */
typedef void (*ms_report_note_fn)(void *payload, const char *file, uint32_t line, const char *kind, const char *message);

/** True when the finding is reported: at or above the threshold (suppressed or not). */
bool ms_report_shown(const ms_report_input *in, const ms_finding *f);
/** True when the finding is an active result: shown (ms_report_shows: not unchanged against
 * the baseline unless include_baselined) and not suppressed. The formats that list
 * only what needs action (HTML, GitLab, JUnit, Markdown, compact) list exactly these. */
bool ms_report_active(const ms_report_input *in, const ms_finding *f);
/** "3 suppressed (2 inline, 1 config)" for the shown findings, or NULL when none was
 * suppressed; so that a pull request silencing a finding is visible in every format. Caller
 * frees with ms_free. */
char *ms_report_suppressed_summary(const ms_report_input *in);
/** Counts the shown, suppressed findings per mechanism ([MS_SUPPRESS_NONE] = their total). */
void ms_report_suppressed_counts(const ms_report_input *in, uint32_t counts[MS_SUPPRESS_COUNT]);
/** Calls fn for each suppression note of one file, in line order. kind is "suppression" (a
 * problem with the comment) or "unused-suppression". */
void ms_report_file_notes(const ms_report_input *in, const ms_file_result *fr, ms_report_note_fn fn, void *payload);
/** Calls fn for each config suppression that suppressed nothing (with report_unused). */
void ms_report_config_notes(const ms_report_input *in, ms_report_note_fn fn, void *payload);

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
extern const ms_reporter ms_report_html;
extern const ms_reporter ms_report_gitlab;
extern const ms_reporter ms_report_junit;
extern const ms_reporter ms_report_markdown;
extern const ms_reporter ms_report_compact;

#endif
