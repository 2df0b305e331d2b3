/* Query rules from YAML texts, run through a query set on a JavaScript text: the unit tests of
 * query.c that check which matches a set reports (test_querydedup.c, test_descend.c). */
#ifndef MS_TEST_QUERY_RUN_H
#define MS_TEST_QUERY_RUN_H

#include <stdio.h>
#include <string.h>

#include "js_input.h"
#include "match/query.h"
#include "rules/ruleset.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* A JavaScript query rule whose message names the rule and the text of capture cap. */
#define QUERY_RUN_RULE(id, cap, query)                                                                   \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 78\nmessage: \"" id " {{" cap "}}\"\n" \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [javascript]\n"  \
  "query: |\n" query "\n"

/* A frozen ruleset of the n YAML rules, or NULL (the error printed). */
static inline ms_ruleset *query_run_rules(const char *const *yaml, int n) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_error err = MS_ERROR_INIT;
  for (int i = 0; i < n; i++)
    if (ms_ruleset_add_yaml(rs, "r.yaml", yaml[i], strlen(yaml[i]), &err) < 0) break;
  if (err.code != 0 || ms_ruleset_freeze(rs, &err) < 0) {
    fprintf(stderr, "query_run_rules: %s\n", err.message ? err.message : "?");
    ms_error_clear(&err);
    ms_ruleset_free(rs);
    return NULL;
  }
  return rs;
}

typedef struct query_run_found {
  const ms_ruleset *rs;
  const char *text;
  bool with_start;
  ms_strbuf out;
} query_run_found;

/* Appends "message;" per match, or "message@start;" with the start of the match's widest
 * capture (its @match root). */
static inline void query_run_record(void *payload, const ms_query_set *qs, uint32_t rule, const TSQueryMatch *m) {
  query_run_found *f = payload;
  char *msg = ms_query_set_render(qs, m, ms_ruleset_get(f->rs, rule)->message, f->text);
  uint32_t start = UINT32_MAX;
  for (uint16_t i = 0; i < m->capture_count; i++)
    if (ts_node_start_byte(m->captures[i].node) < start) start = ts_node_start_byte(m->captures[i].node);
  if (f->with_start) ms_strbuf_printf(&f->out, "%s@%u;", msg, start);
  else ms_strbuf_printf(&f->out, "%s;", msg);
  ms_free(msg);
}

/* The matches of the rules (all nrules of rs) with active[i] set on text, in the order the set
 * reports them, with engine; "build failed" when the set does not build. */
static inline char *query_run_with(const ms_ruleset *rs, uint32_t nrules, const char *text, const bool *active,
                                   bool with_start, ms_query_engine engine) {
  ms_rule rules[32];
  if (nrules > 32) return ms_xstrdup("too many rules");
  for (uint32_t i = 0; i < nrules; i++) rules[i] = *ms_ruleset_get(rs, i);
  ms_query_set *qs = NULL;
  ms_error err = MS_ERROR_INIT;
  if (ms_query_set_build(&qs, MS_LANG_JAVASCRIPT, rules, nrules, MS_MATCHER_QUERY, false, engine, &err) < 0 ||
      qs == NULL) {
    ms_error_clear(&err);
    return ms_xstrdup("build failed");
  }
  js_input file;
  js_input_open(&file, text, active);
  query_run_found f = {rs, text, with_start, MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED)};
  ms_query_set_each(qs, &file.scratch, &file.in, query_run_record, &f);
  js_input_close(&file);
  ms_query_set_free(qs);
  char *all = ms_xstrdup(f.out.len ? ms_strbuf_cstr(&f.out) : "");
  ms_strbuf_dispose(&f.out);
  return all;
}

/* query_run_with on both engines: what they report when it is the same, else both. */
static inline char *query_run(const ms_ruleset *rs, uint32_t nrules, const char *text, const bool *active,
                              bool with_start) {
  char *ours = query_run_with(rs, nrules, text, active, with_start, MS_QUERY_ENGINE_ANY);
  char *theirs = query_run_with(rs, nrules, text, active, with_start, MS_QUERY_ENGINE_TREE_SITTER);
  if (strcmp(ours, theirs) == 0) {
    ms_free(theirs);
    return ours;
  }
  char *both = ms_xasprintf("ours: %s | tree-sitter: %s", ours, theirs);
  ms_free(ours);
  ms_free(theirs);
  return both;
}

/* Sets active[i] for the rules of rs whose id is a word of ids ("t-alpha t-beta"). */
static inline void query_run_active(const ms_ruleset *rs, uint32_t nrules, const char *ids, bool *active) {
  for (uint32_t i = 0; i < nrules; i++) {
    const char *id = ms_ruleset_get(rs, i)->id, *at = strstr(ids, id);
    active[i] = at && (at[strlen(id)] == ' ' || at[strlen(id)] == '\0');
  }
}

#endif
