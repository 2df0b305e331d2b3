/* Severity and confidence: the shared vocabulary of rules, findings and reports. */
#ifndef MS_MODEL_SEVERITY_H
#define MS_MODEL_SEVERITY_H

#include <stdbool.h>

typedef enum ms_severity {
  MS_SEV_INFO = 0,
  MS_SEV_LOW = 1,
  MS_SEV_MEDIUM = 2,
  MS_SEV_HIGH = 3,
  MS_SEV_CRITICAL = 4,
} ms_severity;
#define MS_SEV_COUNT 5

typedef enum ms_confidence {
  MS_CONF_LOW = 0,
  MS_CONF_MEDIUM = 1,
  MS_CONF_HIGH = 2,
} ms_confidence;

/** "CRITICAL", "HIGH", ... */
const char *ms_severity_name(ms_severity s);
/** Parses a severity name (case-insensitive); false when unknown. */
bool ms_severity_parse(const char *s, ms_severity *out);
/** "high", "medium", "low". */
const char *ms_confidence_name(ms_confidence c);
bool ms_confidence_parse(const char *s, ms_confidence *out);

#endif
