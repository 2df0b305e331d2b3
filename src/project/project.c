/* The project pass and its checks (see project.h). Each check reads the summary of the whole
 * project (is there an HTTP transport? authentication? host validation?) and the facts of each
 * file, and reports at a fact's site. The check table maps each name of model/project_check.h
 * to its function; a unit test keeps the two complete. */
#include "project/project.h"

#include <stdlib.h>
#include <string.h>

#include "match/template.h"
#include "project/links.h"
#include "model/project_check.h"
#include "util/xalloc.h"

/* What one project (a component of the import graph, see links.c) sets up. */
typedef struct summary {
  bool http;          /* an SSE or streamable HTTP transport */
  bool auth;          /* authentication configured */
  bool host_check;    /* Origin/Host validation set up */
  bool host_disabled; /* ... or explicitly switched off */
  bool sdk, standalone, ctor_all; /* imports the official SDK / fastmcp; FastMCP bound to 0.0.0.0 */
  bool sdk_defaults;  /* the official Python SDK's FastMCP guards loopback servers by itself */
  bool has_sink;          /* a tool input reaches a command, code or file-write sink: */
  uint32_t sink_file, sink_finding; /* that finding, by index (reports may grow the arrays) */
} summary;

typedef struct project {
  const ms_ruleset *rs;
  ms_file_result *files;
  uint32_t nfiles, max;
  uint32_t *root;     /* per file: the first file of its project */
  summary *sum;       /* per file index; meaningful at roots */
} project;

/* The dangerous-sink finding of a project, or NULL. Borrowed until the next report(). */
static const ms_finding *sink_of(const project *p, const summary *sm) {
  return sm->has_sink ? &p->files[sm->sink_file].findings.items[sm->sink_finding] : NULL;
}

/* The summary of file i's project. */
static const summary *of(const project *p, uint32_t i) { return &p->sum[p->root[i]]; }

/* The values a project rule's message can name. */
typedef struct vars {
  const char *what, *transport, *host, *tool;
} vars;

typedef void (*check_fn)(project *p, uint32_t rule);

/* How a message names a transport. */
static const char *transport_name(ms_transport_kind k) {
  return k == MS_TRANSPORT_SSE ? "SSE" : k == MS_TRANSPORT_STREAMABLE_HTTP ? "streamable HTTP" : "stdio";
}

/* ---- reporting ------------------------------------------------------------------------------ */

static const char *lookup(const char *name, size_t len, size_t *out_len, void *payload) {
  const vars *v = payload;
  const char *r = NULL;
  if (len == 4 && strncmp(name, "what", 4) == 0) r = v->what;
  else if (len == 9 && strncmp(name, "transport", 9) == 0) r = v->transport;
  else if (len == 4 && strncmp(name, "host", 4) == 0) r = v->host;
  else if (len == 4 && strncmp(name, "tool", 4) == 0) r = v->tool;
  if (r) *out_len = strlen(r);
  return r;
}

/* Adds a finding of rule at fact site `site` of file f (once per rule and line). extra, when
 * given, is appended to the rendered message. */
static void report(project *p, uint32_t rule, ms_file_result *f, uint32_t site, ms_severity sev, const vars *v,
                   const char *extra) {
  const ms_rule *r = ms_ruleset_get(p->rs, rule);
  if (site >= f->facts.sites.len) return; /* facts from elsewhere (a cache) are never trusted blindly */
  const ms_site *s = &f->facts.sites.items[site];
  for (uint32_t i = 0; i < f->findings.len; i++)
    if (f->findings.items[i].rule == rule && f->findings.items[i].span.start_line == s->line) return;
  if (p->max && f->findings.len >= p->max) {
    f->findings_truncated = true;
    return;
  }
  ms_finding fd = {0};
  fd.rule = rule;
  fd.severity = sev;
  fd.span = (ms_span){s->start_byte, s->end_byte, s->line, s->col, s->end_line, s->end_col};
  char *msg = ms_template_render(r->message, lookup, (void *)v);
  fd.message = extra ? ms_xasprintf("%s %s", msg, extra) : ms_xstrdup(msg);
  ms_free(msg);
  fd.snippet = ms_xstrdup(s->snippet ? s->snippet : "");
  fd.function = s->function ? ms_xstrdup(s->function) : NULL;
  const ms_handler *h = ms_facts_handler_at(&f->facts, s->start_byte, s->end_byte);
  if (h && h->kind == MS_HANDLER_TOOL && !h->low_level) fd.tool = ms_xstrdup(h->name);
  fd.fingerprint = ms_finding_fingerprint(r->id, fd.snippet, fd.function);
  uint32_t occurrence = 1;
  for (uint32_t i = 0; i < f->findings.len; i++)
    if (strncmp(f->findings.items[i].fingerprint, fd.fingerprint, 32) == 0) occurrence++;
  if (occurrence > 1) {
    char *fp = ms_xasprintf("%.32s-%u", fd.fingerprint, occurrence);
    ms_free(fd.fingerprint);
    fd.fingerprint = fp;
  }
  ms_array_push(&f->findings, fd);
}

/* The files a rule applies to: scanned, and in one of its languages. */
static bool applies(const project *p, uint32_t rule, const ms_file_result *f) {
  return f->skip == MS_SKIP_NONE && f->lang >= 0 && (ms_ruleset_get(p->rs, rule)->langs & (1u << f->lang)) != 0;
}

/* ---- the checks ----------------------------------------------------------------------------- */

/* An SSE / streamable HTTP transport with no authentication anywhere in the project; CRITICAL
 * when a tool's input reaches a command, code or file-write sink. */
static void missing_auth(project *p, uint32_t rule) {
  const ms_rule *r = ms_ruleset_get(p->rs, rule);
  for (uint32_t i = 0; i < p->nfiles; i++) {
    ms_file_result *f = &p->files[i];
    const summary *sm = of(p, i);
    if (!applies(p, rule, f) || sm->auth) continue;
    char *extra = NULL;
    const ms_finding *sink = sink_of(p, sm);
    if (sink) {
      const ms_rule *sr = ms_ruleset_get(p->rs, sink->rule);
      const char *kind = sr->cwe == 22 ? "a file-write operation" : sr->cwe == 94 || sr->cwe == 95 ? "code execution" : "a shell command";
      extra = ms_xasprintf("Any client that reaches it can drive MCP tool `%s`, whose input reaches %s (%s, %s:%u).",
                           sink->tool ? sink->tool : "?", kind, sr->id, p->files[sm->sink_file].path,
                           sink->span.start_line);
    }
    for (uint32_t k = 0; k < f->facts.transports.len; k++) {
      const ms_transport *t = &f->facts.transports.items[k];
      if (t->kind == MS_TRANSPORT_STDIO) continue;
      vars v = {NULL, transport_name(t->kind), t->host, sink ? sink->tool : NULL};
      report(p, rule, f, t->site, sink ? MS_SEV_CRITICAL : r->severity, &v, extra);
      sink = sink_of(p, sm); /* reporting may have moved the findings */
    }
    ms_free(extra);
  }
}

/* A listener of an MCP HTTP server bound to every interface. */
static void bind_all_interfaces(project *p, uint32_t rule) {
  const ms_rule *r = ms_ruleset_get(p->rs, rule);
  for (uint32_t i = 0; i < p->nfiles; i++) {
    ms_file_result *f = &p->files[i];
    if (!applies(p, rule, f) || !of(p, i)->http) continue;
    for (uint32_t k = 0; k < f->facts.binds.len; k++) {
      const ms_bind *b = &f->facts.binds.items[k];
      if (!b->all_interfaces) continue;
      vars v = {b->what, NULL, b->host ? b->host : "no host given", NULL};
      report(p, rule, f, b->site, r->severity, &v, NULL);
    }
  }
}

/* DNS-rebinding protection switched off, or an HTTP transport with no Origin/Host validation
 * anywhere in the project (FastMCP's own guard on loopback servers counts). */
static void no_host_validation(project *p, uint32_t rule) {
  const ms_rule *r = ms_ruleset_get(p->rs, rule);
  for (uint32_t i = 0; i < p->nfiles; i++) {
    ms_file_result *f = &p->files[i];
    const summary *sm = of(p, i);
    if (!applies(p, rule, f) || !sm->http) continue;
    for (uint32_t k = 0; k < f->facts.host_checks.len; k++) {
      const ms_host_check *c = &f->facts.host_checks.items[k];
      if (c->enabled) continue;
      char *what = ms_xasprintf("`%s`", c->what);
      vars v = {what, NULL, NULL, NULL};
      report(p, rule, f, c->site, r->severity, &v, NULL);
      ms_free(what);
    }
    if (sm->host_check || sm->host_disabled) continue;
    for (uint32_t k = 0; k < f->facts.transports.len; k++) {
      const ms_transport *t = &f->facts.transports.items[k];
      if (t->kind == MS_TRANSPORT_STDIO || (t->sdk_guard && sm->sdk_defaults)) continue;
      char *what = ms_xasprintf("no Origin/Host validation on its %s transport", transport_name(t->kind));
      vars v = {what, transport_name(t->kind), t->host, NULL};
      report(p, rule, f, t->site, r->severity, &v, NULL);
      ms_free(what);
    }
  }
}

/* A CORS policy admitting every origin in a project serving MCP over HTTP; HIGH with credentials. */
static void permissive_cors(project *p, uint32_t rule) {
  const ms_rule *r = ms_ruleset_get(p->rs, rule);
  for (uint32_t i = 0; i < p->nfiles; i++) {
    ms_file_result *f = &p->files[i];
    if (!applies(p, rule, f) || !of(p, i)->http) continue;
    for (uint32_t k = 0; k < f->facts.cors.len; k++) {
      const ms_cors *c = &f->facts.cors.items[k];
      vars v = {c->what, NULL, NULL, NULL};
      bool high = c->credentials && r->severity < MS_SEV_HIGH;
      report(p, rule, f, c->site, high ? MS_SEV_HIGH : r->severity, &v,
             c->credentials ? "Credentials are allowed too, so any web page can make authenticated requests." : NULL);
    }
  }
}

static const check_fn checks[MS_CHECK_COUNT] = {
    [MS_CHECK_MISSING_AUTH] = missing_auth,
    [MS_CHECK_BIND_ALL_INTERFACES] = bind_all_interfaces,
    [MS_CHECK_NO_HOST_VALIDATION] = no_host_validation,
    [MS_CHECK_PERMISSIVE_CORS] = permissive_cors,
};

/* ---- the pass ------------------------------------------------------------------------------- */

/* A taint finding whose sink runs commands or code, or writes, deletes or moves files. */
static bool dangerous_sink(const ms_rule *r, const ms_finding *f) {
  static const char *const writes[] = {"write", "unlink", "remove", "rmtree", "rmdir", "rm(", "rmSync", "mkdir",
                                       "rename", "move", "copy", "appendFile", "truncate", "chmod", NULL};
  if (r->matcher != MS_MATCHER_TAINT || f->tool == NULL) return false;
  if (r->cwe == 77 || r->cwe == 78 || r->cwe == 88 || r->cwe == 94 || r->cwe == 95) return true;
  if (r->cwe != 22) return false;
  for (const char *const *w = writes; *w; w++)
    if (strstr(f->snippet, *w)) return true;
  return false;
}

/* Folds each file's facts (and taint findings) into its project's summary. */
static void summarise(project *p) {
  for (uint32_t i = 0; i < p->nfiles; i++) {
    const ms_file_result *f = &p->files[i];
    const ms_facts *x = &f->facts;
    summary *sm = &p->sum[p->root[i]];
    if (f->skip != MS_SKIP_NONE) continue;
    for (uint32_t k = 0; k < x->transports.len; k++) sm->http |= x->transports.items[k].kind != MS_TRANSPORT_STDIO;
    sm->auth |= x->auths.len > 0;
    for (uint32_t k = 0; k < x->host_checks.len; k++) {
      sm->host_check |= x->host_checks.items[k].enabled;
      sm->host_disabled |= !x->host_checks.items[k].enabled;
    }
    for (uint32_t k = 0; k < x->binds.len; k++) {
      const ms_bind *b = &x->binds.items[k];
      sm->ctor_all |= b->all_interfaces && (strcmp(b->what, "FastMCP()") == 0 || strcmp(b->what, "settings.host") == 0);
    }
    sm->sdk |= (x->imports & MS_IMPORTS_MCP_SDK) != 0;
    sm->standalone |= (x->imports & MS_IMPORTS_FASTMCP) != 0;
    for (uint32_t k = 0; k < f->findings.len && !sm->has_sink; k++)
      if (dangerous_sink(ms_ruleset_get(p->rs, f->findings.items[k].rule), &f->findings.items[k]))
        sm->has_sink = true, sm->sink_file = i, sm->sink_finding = k;
  }
  for (uint32_t i = 0; i < p->nfiles; i++) {
    summary *sm = &p->sum[i];
    sm->sdk_defaults = sm->sdk && !sm->standalone && !sm->ctor_all;
  }
}

void ms_project_run(const ms_ruleset *rs, const bool *enabled, ms_file_result *files, uint32_t nfiles,
                    uint32_t max_findings_per_file, uint32_t jobs) {
  bool any = false;
  for (uint32_t r = 0; r < ms_ruleset_count(rs) && !any; r++)
    any = ms_ruleset_get(rs, r)->matcher == MS_MATCHER_PROJECT && (enabled == NULL || enabled[r]);
  if (!any) return;
  uint32_t cap = nfiles ? nfiles : 1;
  project p = {rs, files, nfiles, max_findings_per_file, ms_xcalloc(cap, sizeof(uint32_t)), ms_xcalloc(cap, sizeof(summary))};
  uint32_t *before = ms_xcalloc(cap, sizeof(uint32_t));
  for (uint32_t i = 0; i < nfiles; i++) before[i] = files[i].findings.len;
  ms_project__components(files, nfiles, jobs, p.root);
  summarise(&p);
  for (uint32_t r = 0; r < ms_ruleset_count(rs); r++) {
    const ms_rule *rule = ms_ruleset_get(rs, r);
    if (rule->matcher != MS_MATCHER_PROJECT || (enabled && !enabled[r])) continue;
    ms_project_check id = ms_project_check_by_name(rule->pattern);
    if (id < MS_CHECK_COUNT) checks[id](&p, r); /* the loader rejected unknown names */
  }
  for (uint32_t i = 0; i < nfiles; i++)
    if (files[i].findings.len != before[i])
      qsort_r(files[i].findings.items, files[i].findings.len, sizeof(ms_finding), ms_ruleset_finding_cmp, (void *)rs);
  ms_free(before);
  ms_free(p.root);
  ms_free(p.sum);
}

bool ms_project__check_registered(int id) { return id >= 0 && id < MS_CHECK_COUNT && checks[id] != NULL; }
