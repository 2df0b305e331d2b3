/* libFuzzer harness: our query matcher (match/tree_query.h) on a query and a source file, both
 * from the input: byte 0 picks the grammar (ms_lang_id order), then the query up to the first
 * NUL byte, then the source. Any query must be read or declined, and any run must end (whole
 * tree and a sub-range), within its bounds: never crash, leak, overflow the stack or hang. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lang/lang.h"
#include "match/tree_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool count_match(void *payload, const TSQueryMatch *m) {
  size_t *n = payload;
  *n += m->capture_count + 1u;
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2 || size > (1u << 20)) return 0;
  ms_lang_id lang = (ms_lang_id)(data[0] % MS_LANG_PARSED_COUNT);
  const char *query = (const char *)data + 1;
  const char *nul = memchr(query, '\0', size - 1);
  uint32_t qlen = nul ? (uint32_t)(nul - query) : (uint32_t)(size - 1);
  const char *src = nul ? nul + 1 : "";
  uint32_t slen = nul ? (uint32_t)(size - 1 - qlen - 1) : 0;
  const TSLanguage *language = ms_lang_get(lang)->ts_language();
  ms_tree_query *q = ms_tree_query_new(language, query, qlen);
  if (q == NULL) return 0;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  TSTree *tree = ts_parser_parse_string(parser, NULL, src, slen);
  ms_tree_query_cursor *cur = ms_tree_query_cursor_new();
  size_t n = 0;
  if (tree != NULL) {
    (void)ms_tree_query_exec(q, cur, ts_tree_root_node(tree), 0, UINT32_MAX, NULL, count_match, &n);
    (void)ms_tree_query_exec(q, cur, ts_tree_root_node(tree), slen / 3, slen / 2 + 1, NULL, count_match, &n);
    ts_tree_delete(tree);
  }
  ms_tree_query_cursor_free(cur);
  ts_parser_delete(parser);
  ms_tree_query_free(q);
  return 0;
}
