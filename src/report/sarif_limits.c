/* GitHub code scanning's limits on a SARIF upload; see sarif_limits.h. */
#include "report/sarif_limits.h"

#include <stdbool.h>
#include <stdlib.h>

#include "model/severity.h"

/* The limit, or the smaller positive number the environment variable asks for. */
static unsigned long long lowered(const char *var, unsigned long long limit) {
  const char *v = getenv(var);
  char *end = NULL;
  unsigned long long n = v ? strtoull(v, &end, 10) : 0;
  return v && end != v && *end == '\0' && n > 0 && n < limit ? n : limit;
}

void ms_sarif_limits_get(ms_sarif_limits *out) {
  out->results = (uint32_t)lowered("MCP_SENTINEL_SARIF_MAX_RESULTS", MS_SARIF_MAX_RESULTS);
  out->rules = (uint32_t)lowered("MCP_SENTINEL_SARIF_MAX_RULES", MS_SARIF_MAX_RULES);
  out->locations = (uint32_t)lowered("MCP_SENTINEL_SARIF_MAX_LOCATIONS", MS_SARIF_MAX_LOCATIONS);
  if (out->locations < 2) out->locations = 2; /* the source and the sink */
  out->gzip_bytes = (size_t)lowered("MCP_SENTINEL_SARIF_MAX_GZIP", MS_SARIF_MAX_GZIP_BYTES);
}

void ms_sarif_trace_window(uint32_t len, uint32_t cap, uint32_t *head, uint32_t *tail) {
  if (cap < 2) cap = 2;
  if (len <= cap) {
    *head = len;
    *tail = 0;
    return;
  }
  /* The source's side gets the odd one out: where the input goes first is what a reviewer
   * reads first. */
  *tail = cap / 2;
  *head = cap - *tail;
}

uint32_t ms_sarif_select_rules(const int8_t *best, uint32_t nrules, uint32_t cap, int32_t *out) {
  uint32_t kept = 0;
  for (uint32_t i = 0; i < nrules; i++) out[i] = -1;
  /* -2 marks "chosen" until the indices are assigned; severities, then no results (-1). */
  for (int sev = MS_SEV_CRITICAL; sev >= -1 && kept < cap; sev--)
    for (uint32_t i = 0; i < nrules && kept < cap; i++)
      if (best[i] == sev) {
        out[i] = -2;
        kept++;
      }
  int32_t next = 0;
  for (uint32_t i = 0; i < nrules; i++)
    if (out[i] == -2) out[i] = next++;
  return kept;
}
