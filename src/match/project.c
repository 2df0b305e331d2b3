/* The `project` matcher kind: rules whose check runs once over every file's facts after the
 * scan (src/project/), not per file. This engine only validates them at load time (a known
 * check name, known message placeholders) so that a bad rule is a load error with its
 * position; its per-file run does nothing. */
#include <string.h>

#include "match/matcher.h"
#include "match/template.h"
#include "model/project_check.h"

typedef struct placeholder_check {
  const char *bad;
  size_t bad_len;
} placeholder_check;

static bool known_placeholder(const char *name, size_t len, void *payload) {
  placeholder_check *pc = payload;
  if (ms_project_check_placeholder(name, len)) return true;
  pc->bad = name;
  pc->bad_len = len;
  return false;
}

static ms_status build(void **out, const ms_rule *rules, uint32_t n, ms_error *err) {
  *out = NULL; /* nothing to share with workers */
  for (uint32_t i = 0; i < n; i++) {
    const ms_rule *r = &rules[i];
    if (r->matcher != MS_MATCHER_PROJECT) continue;
    if (ms_project_check_by_name(r->pattern) == MS_CHECK_COUNT)
      return ms_error_set(err, MS_EPARSE, r->source, r->pattern_line, r->pattern_col,
                          "unknown project check '%s' (known: %s)", r->pattern, ms_project_check_names());
    placeholder_check pc = {NULL, 0};
    if (!ms_template_each_name(r->message, known_placeholder, &pc))
      return ms_error_set(err, MS_EPARSE, r->source, 0, 0,
                          "message names {{%.*s}}; project checks provide {{what}}, {{transport}}, {{host}} and {{tool}}",
                          (int)pc.bad_len, pc.bad);
  }
  return MS_OK;
}

static bool run(const void *set, ms_lang_id lang, ms_match_scratch *scratch, const ms_match_input *in, ms_emit_fn emit,
                void *payload) {
  (void)set, (void)lang, (void)scratch, (void)in, (void)emit, (void)payload;
  return true;
}

static void free_set(void *set) { (void)set; }

const ms_matcher ms_matcher_project = {"project", false, build, run, free_set};
