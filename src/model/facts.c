/* Facts lifetimes and lookups; see facts.h. */
#include "model/facts.h"

const char *ms_handler_kind_name(ms_handler_kind k) {
  switch (k) {
    case MS_HANDLER_TOOL: return "tool";
    case MS_HANDLER_RESOURCE: return "resource";
    case MS_HANDLER_PROMPT: return "prompt";
  }
  return "?";
}

const char *ms_transport_kind_name(ms_transport_kind k) {
  switch (k) {
    case MS_TRANSPORT_STDIO: return "stdio";
    case MS_TRANSPORT_SSE: return "sse";
    case MS_TRANSPORT_STREAMABLE_HTTP: return "streamable-http";
  }
  return "?";
}

const char *ms_meta_field_name(ms_meta_field f) {
  switch (f) {
    case MS_META_DESCRIPTION: return "description";
    case MS_META_TITLE: return "title";
    case MS_META_PARAM: return "parameter";
    case MS_META_NAME: return "name";
  }
  return "?";
}

const ms_handler *ms_facts_handler_at(const ms_facts *self, uint32_t start, uint32_t end) {
  const ms_handler *best = NULL;
  for (uint32_t i = 0; i < self->handlers.len; i++) {
    const ms_handler *h = &self->handlers.items[i];
    if (h->start_byte <= start && end <= h->end_byte &&
        (best == NULL || h->end_byte - h->start_byte < best->end_byte - best->start_byte))
      best = h;
  }
  return best;
}

void ms_handler_dispose(ms_handler *self) {
  ms_free(self->name);
  ms_free(self->description);
  ms_free(self->uri);
  ms_free(self->function);
  for (uint32_t k = 0; k < self->params.len; k++) ms_free(self->params.items[k].name);
  ms_array_free(&self->params);
}

void ms_facts_dispose(ms_facts *self) {
  for (uint32_t i = 0; i < self->handlers.len; i++) ms_handler_dispose(&self->handlers.items[i]);
  ms_array_free(&self->handlers);
  for (uint32_t i = 0; i < self->transports.len; i++) ms_free(self->transports.items[i].host);
  ms_array_free(&self->transports);
  for (uint32_t i = 0; i < self->texts.len; i++) {
    ms_meta_text *t = &self->texts.items[i];
    ms_free(t->owner);
    ms_free(t->param);
    ms_free(t->text);
  }
  ms_array_free(&self->texts);
  for (uint32_t i = 0; i < self->sites.len; i++) {
    ms_free(self->sites.items[i].snippet);
    ms_free(self->sites.items[i].function);
  }
  ms_array_free(&self->sites);
  for (uint32_t i = 0; i < self->auths.len; i++) ms_free(self->auths.items[i].what);
  ms_array_free(&self->auths);
  for (uint32_t i = 0; i < self->host_checks.len; i++) ms_free(self->host_checks.items[i].what);
  ms_array_free(&self->host_checks);
  for (uint32_t i = 0; i < self->binds.len; i++) {
    ms_free(self->binds.items[i].what);
    ms_free(self->binds.items[i].host);
  }
  ms_array_free(&self->binds);
  for (uint32_t i = 0; i < self->cors.len; i++) ms_free(self->cors.items[i].what);
  ms_array_free(&self->cors);
  for (uint32_t i = 0; i < self->modules.len; i++) ms_free(self->modules.items[i]);
  ms_array_free(&self->modules);
}

void ms_facts_add_module(ms_facts *self, const char *s, uint32_t len) {
  if (self->modules.len < MS_FACTS_MAX_MODULES && len > 0) ms_array_push(&self->modules, ms_xstrndup(s, len));
}

uint32_t ms_facts_add_site(ms_facts *self, uint32_t start_byte, uint32_t end_byte) {
  ms_site s = {start_byte, end_byte, 0, 0, 0, 0, NULL, NULL};
  ms_array_push(&self->sites, s);
  return self->sites.len - 1;
}
