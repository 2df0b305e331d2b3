/* Per-worker matcher scratch. */
#include <stdlib.h>
#include <string.h>

#include "match/match.h"

#include "match/anchor_cache.h"
#include "match/tree_query.h"
#include "util/literals.h"

void ms_match_scratch_init(ms_match_scratch *self) {
  self->cursor = ts_query_cursor_new();
  /* Bounds the in-progress matches a hostile tree can create; exceeding it is reported. */
  ts_query_cursor_set_match_limit(self->cursor, 4096);
  self->tree_cursor = ms_tree_query_cursor_new();
  self->md = pcre2_match_data_create(32, NULL);
  self->mctx = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(self->mctx, MS_PCRE2_MATCH_LIMIT);
  pcre2_set_depth_limit(self->mctx, MS_PCRE2_DEPTH_LIMIT);
  self->anchors = ms_anchor_cache_new();
  self->file = 0;
  self->literals = ms_literal_pass_new();
}

void ms_match_scratch_begin_file(ms_match_scratch *self, uint32_t lang, const char *text, uint32_t len) {
  self->file++;
  ms_literal_pass_begin(self->literals, lang, text, len);
}

ms_literal_pass *ms_match_scratch_literals(ms_match_scratch *self) {
  return self->file != 0 ? self->literals : NULL;
}

void ms_match_scratch_dispose(ms_match_scratch *self) {
  ts_query_cursor_delete(self->cursor);
  ms_tree_query_cursor_free(self->tree_cursor);
  pcre2_match_data_free(self->md);
  pcre2_match_context_free(self->mctx);
  ms_anchor_cache_free(self->anchors);
  ms_literal_pass_free(self->literals);
}

bool ms_match_env_flag(const char *name) {
  const char *v = getenv(name);
  return v && v[0] && strcmp(v, "0") != 0;
}

void ms_match_jit(pcre2_code *re) {
  /* MCP_SENTINEL_NO_JIT=1 keeps PCRE2 in its interpreter: the JIT's vector loads read past the
   * end of subjects, which memory checkers such as valgrind report although it is safe. */
  if (ms_match_env_flag("MCP_SENTINEL_NO_JIT")) return;
  pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* best effort: the interpreter is the fallback */
}
