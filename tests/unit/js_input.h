/* A parsed JavaScript text with everything a matcher's run needs (input, scratch, empty facts),
 * for the unit tests that drive a query set or matcher directly instead of through a worker. */
#ifndef MS_TEST_JS_INPUT_H
#define MS_TEST_JS_INPUT_H

#include <string.h>

#include "lang/lang.h"
#include "match/match.h"
#include "model/facts.h"

typedef struct js_input {
  TSParser *parser;
  TSTree *tree;
  ms_facts facts; /* empty; a test may add handlers before running */
  ms_match_input in;
  ms_match_scratch scratch;
} js_input;

/* Parses text (kept borrowed) with the rules whose active[i] is set. */
static inline void js_input_open(js_input *j, const char *text, const bool *active) {
  memset(j, 0, sizeof *j);
  j->parser = ts_parser_new();
  ts_parser_set_language(j->parser, ms_lang_get(MS_LANG_JAVASCRIPT)->ts_language());
  j->tree = ts_parser_parse_string(j->parser, NULL, text, (uint32_t)strlen(text));
  j->in = (ms_match_input){text, (uint32_t)strlen(text), ts_tree_root_node(j->tree), active, NULL, &j->facts, "t.js", false, false};
  ms_match_scratch_init(&j->scratch);
}

static inline void js_input_close(js_input *j) {
  ms_match_scratch_dispose(&j->scratch);
  ms_facts_dispose(&j->facts);
  ts_tree_delete(j->tree);
  ts_parser_delete(j->parser);
}

#endif
