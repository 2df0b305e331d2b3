/* The security part of a file's inventory in JSON (json.c writes the rest): the
 * authentication, Origin/Host validation, binds and CORS policies the file sets up. Kept
 * apart so json.c only calls one function. */
#include "report/inventory_json.h"

#include "report/jsonutil.h"

static json_t *line_of(const ms_facts *f, uint32_t site) {
  return site < f->sites.len ? json_integer(f->sites.items[site].line) : json_null();
}

void ms_inventory_json_security(const ms_facts *f, json_t *o) {
  json_t *auth = json_array(), *checks = json_array(), *binds = json_array(), *cors = json_array();
  for (uint32_t i = 0; i < f->auths.len; i++) {
    json_t *j = json_object();
    json_object_set_new(j, "what", ms_jsonutil_str(f->auths.items[i].what));
    json_object_set_new(j, "line", line_of(f, f->auths.items[i].site));
    json_array_append_new(auth, j);
  }
  for (uint32_t i = 0; i < f->host_checks.len; i++) {
    json_t *j = json_object();
    json_object_set_new(j, "what", ms_jsonutil_str(f->host_checks.items[i].what));
    json_object_set_new(j, "enabled", json_boolean(f->host_checks.items[i].enabled));
    json_object_set_new(j, "line", line_of(f, f->host_checks.items[i].site));
    json_array_append_new(checks, j);
  }
  for (uint32_t i = 0; i < f->binds.len; i++) {
    const ms_bind *b = &f->binds.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "what", ms_jsonutil_str(b->what));
    json_object_set_new(j, "host", ms_jsonutil_str(b->host));
    json_object_set_new(j, "port", b->port >= 0 ? json_integer(b->port) : json_null());
    json_object_set_new(j, "all_interfaces", json_boolean(b->all_interfaces));
    json_object_set_new(j, "line", line_of(f, b->site));
    json_array_append_new(binds, j);
  }
  for (uint32_t i = 0; i < f->cors.len; i++) {
    const ms_cors *c = &f->cors.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "what", ms_jsonutil_str(c->what));
    json_object_set_new(j, "reflects_origin", json_boolean(c->reflects));
    json_object_set_new(j, "credentials", json_boolean(c->credentials));
    json_object_set_new(j, "line", line_of(f, c->site));
    json_array_append_new(cors, j);
  }
  json_object_set_new(o, "auth", auth);
  json_object_set_new(o, "host_validation", checks);
  json_object_set_new(o, "binds", binds);
  json_object_set_new(o, "cors", cors);
}

bool ms_inventory_has_content(const ms_facts *f) {
  return f->handlers.len || f->transports.len || f->auths.len || f->host_checks.len || f->binds.len || f->cors.len;
}
