/* Run metadata of the cache and of sharding, as JSON; see json_scan.h. */
#include "report/json_scan.h"

json_t *ms_json_scan_cache(const ms_scan_result *s) {
  const ms_cache_counters *c = &s->cache;
  json_t *o = json_object();
  json_object_set_new(o, "enabled", json_boolean(s->cache_used));
  json_object_set_new(o, "hits", json_integer(c->hits));
  json_object_set_new(o, "misses", json_integer(c->misses));
  json_object_set_new(o, "writes", json_integer(c->writes));
  json_object_set_new(o, "rejected", json_integer(c->rejected));
  json_object_set_new(o, "evicted", json_integer(c->evicted));
  json_object_set_new(o, "unread", json_integer(c->unread));
  return o;
}

json_t *ms_json_scan_shard(const ms_scan_result *s) {
  if (s->shard_count == 0) return json_null();
  json_t *o = json_object();
  json_object_set_new(o, "index", json_integer(s->shard_index));
  json_object_set_new(o, "count", json_integer(s->shard_count));
  return o;
}
