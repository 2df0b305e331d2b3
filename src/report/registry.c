/* The reporter table: the only list of output formats. */
#include "report/report.h"

#include <string.h>

static const ms_reporter *const reporters[MS_REPORT_COUNT] = {
    [MS_REPORT_TERMINAL] = &ms_report_terminal,
    [MS_REPORT_JSON] = &ms_report_json,
    [MS_REPORT_SARIF] = &ms_report_sarif,
};

const ms_reporter *ms_report_find(const char *name) {
  for (int i = 0; i < MS_REPORT_COUNT; i++)
    if (strcmp(reporters[i]->name, name) == 0) return reporters[i];
  return NULL;
}

const char *ms_report_names(void) { return "terminal, json, sarif"; }
