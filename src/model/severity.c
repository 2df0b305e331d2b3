/* Names of severities and confidences. */
#include "model/severity.h"

#include <strings.h>

static const char *const sev_names[MS_SEV_COUNT] = {"INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
static const char *const conf_names[3] = {"low", "medium", "high"};

const char *ms_severity_name(ms_severity s) { return (unsigned)s < MS_SEV_COUNT ? sev_names[s] : "?"; }

bool ms_severity_parse(const char *s, ms_severity *out) {
  for (int i = 0; i < MS_SEV_COUNT; i++) {
    if (strcasecmp(s, sev_names[i]) == 0) {
      *out = (ms_severity)i;
      return true;
    }
  }
  return false;
}

const char *ms_confidence_name(ms_confidence c) { return (unsigned)c < 3 ? conf_names[c] : "?"; }

bool ms_confidence_parse(const char *s, ms_confidence *out) {
  for (int i = 0; i < 3; i++) {
    if (strcasecmp(s, conf_names[i]) == 0) {
      *out = (ms_confidence)i;
      return true;
    }
  }
  return false;
}
