/* The JSON of a scan's run metadata that the cache and sharding add (`scan.cache`,
 * `scan.shard`; docs/json-schema.md). Shared by every JSON-based report. */
#ifndef MS_REPORT_JSON_SCAN_H
#define MS_REPORT_JSON_SCAN_H

#include <jansson.h>

#include "core/scan.h"

/** {"enabled", "hits", "misses", "writes", "rejected", "evicted"}. New reference. */
json_t *ms_json_scan_cache(const ms_scan_result *s);
/** {"index", "count"} for a sharded scan, else null. New reference. */
json_t *ms_json_scan_shard(const ms_scan_result *s);

#endif
