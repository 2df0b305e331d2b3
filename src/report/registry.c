/* The reporter table: the only list of output formats. */
#include "report/report.h"

#include <string.h>

static const ms_reporter *const reporters[MS_REPORT_COUNT] = {
    [MS_REPORT_TERMINAL] = &ms_report_terminal,
    [MS_REPORT_JSON] = &ms_report_json,
    [MS_REPORT_SARIF] = &ms_report_sarif,
    [MS_REPORT_HTML] = &ms_report_html,
    [MS_REPORT_GITLAB] = &ms_report_gitlab,
    [MS_REPORT_JUNIT] = &ms_report_junit,
    [MS_REPORT_MARKDOWN] = &ms_report_markdown,
    [MS_REPORT_COMPACT] = &ms_report_compact,
};

const ms_reporter *ms_report_find(const char *name) {
  for (int i = 0; i < MS_REPORT_COUNT; i++)
    if (strcmp(reporters[i]->name, name) == 0) return reporters[i];
  return NULL;
}

const char *ms_report_names(void) { return "terminal, json, sarif, html, gitlab, junit, markdown, compact"; }
