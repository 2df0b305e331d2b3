/* lang/parse_arena.c: trees parsed into a per-thread arena, freed all at once by the reset,
 * while every other tree-sitter object keeps coming from the heap. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "lang/lang.h"
#include "lang/parse_arena.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static ms_parse_arena *arena;

void test_parse_arena__initialize(void) { arena = ms_parse_arena_new(0); }

void test_parse_arena__cleanup(void) {
  ms_parse_arena_delete(arena);
  arena = NULL;
}

static TSTree *parse(ms_lang_id lang, const char *src, uint32_t len) {
  return ms_parse_arena_parse(arena, ms_lang_get(lang)->ts_language(), src, len, NULL);
}

static uint32_t count_named(TSNode root, const char *type) {
  uint32_t n = 0;
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    n += strcmp(ts_node_type(node), type) == 0;
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
  }
done:
  ts_tree_cursor_delete(&c);
  return n;
}

/* Each reset frees the tree; the next parse reuses the memory and gives a correct tree. */
void test_parse_arena__parses_again_after_each_reset(void) {
  const char *py = "import os\n\ndef run(cmd):\n    return os.system(cmd)\n";
  const char *js = "const { exec } = require('child_process');\nexec(`ls ${dir}`, (e) => console.log(e));\n";
  for (int round = 0; round < 200; round++) {
    bool python = round % 2 == 0;
    const char *src = python ? py : js;
    TSTree *tree = parse(python ? MS_LANG_PYTHON : MS_LANG_JAVASCRIPT, src, (uint32_t)strlen(src));
    MS_CHECK(tree != NULL);
    TSNode root = ts_tree_root_node(tree);
    MS_CHECK(!ts_node_has_error(root));
    MS_CHECK_INT(count_named(root, python ? "call" : "call_expression"), python ? 1 : 3);
    MS_CHECK_INT(ts_node_end_byte(root), strlen(src));
    ms_parse_arena_reset(arena);
  }
}

/* A big file needs chunks past the first and blocks bigger than a chunk (a node with very many
 * children); the reset gives all but a bounded amount back. */
void test_parse_arena__big_files_and_bounded_reset(void) {
  ms_strbuf sb;
  ms_strbuf_init(&sb, MS_STRBUF_UNBOUNDED);
  ms_strbuf_puts(&sb, "x = [");
  for (int i = 0; i < 300000; i++) ms_strbuf_puts(&sb, "f(1), ");
  ms_strbuf_puts(&sb, "]\n");
  TSTree *tree = parse(MS_LANG_PYTHON, sb.ptr, (uint32_t)sb.len);
  MS_CHECK(tree != NULL);
  TSNode root = ts_tree_root_node(tree);
  MS_CHECK(!ts_node_has_error(root));
  MS_CHECK_INT(count_named(root, "call"), 300000);
  MS_CHECK(ms_parse_arena_size(arena) > (4u << 20));
  ms_parse_arena_reset(arena);
  MS_CHECK(ms_parse_arena_size(arena) <= (1u << 20));
  tree = parse(MS_LANG_PYTHON, "y = 1\n", 6);
  MS_CHECK(tree != NULL && !ts_node_has_error(ts_tree_root_node(tree)));
  ms_parse_arena_reset(arena);
  ms_strbuf_dispose(&sb);
}

/* An arena told to keep more keeps up to that much after a big parse, and parses the same
 * file again within what it kept plus what the parse needs anew; told to keep 0 it keeps one
 * chunk (the test above). */
void test_parse_arena__keeps_what_it_is_told(void) {
  ms_parse_arena_delete(arena);
  arena = ms_parse_arena_new((size_t)3 << 20);
  ms_strbuf sb;
  ms_strbuf_init(&sb, MS_STRBUF_UNBOUNDED);
  ms_strbuf_puts(&sb, "x = [");
  for (int i = 0; i < 300000; i++) ms_strbuf_puts(&sb, "f(1), ");
  ms_strbuf_puts(&sb, "]\n");
  for (int round = 0; round < 2; round++) {
    TSTree *tree = parse(MS_LANG_PYTHON, sb.ptr, (uint32_t)sb.len);
    MS_CHECK(tree != NULL);
    MS_CHECK_INT(count_named(ts_tree_root_node(tree), "call"), 300000);
    size_t held = ms_parse_arena_size(arena);
    MS_CHECK(held > ((size_t)4 << 20));
    ms_parse_arena_reset(arena);
    /* Three chunks' worth: a chunk's data is 1 MiB less its header, so three fit. */
    MS_CHECK(ms_parse_arena_size(arena) > ((size_t)2 << 20));
    MS_CHECK(ms_parse_arena_size(arena) <= ((size_t)3 << 20));
  }
  TSTree *tree = parse(MS_LANG_PYTHON, "y = 1\n", 6);
  MS_CHECK(tree != NULL && !ts_node_has_error(ts_tree_root_node(tree)));
  ms_parse_arena_reset(arena);
  MS_CHECK(ms_parse_arena_size(arena) <= ((size_t)3 << 20));
  ms_strbuf_dispose(&sb);
}

/* Objects made outside a parse (a parser, a tree parsed the usual way, a query and its cursor
 * run over an arena tree) come from the heap and are freed the usual way, in any order. */
void test_parse_arena__heap_objects_mix_with_arena_trees(void) {
  const TSLanguage *lang = ms_lang_get(MS_LANG_PYTHON)->ts_language();
  const char *src = "eval(x)\neval(y)\n";
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, lang);
  TSTree *heap_tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)strlen(src));
  TSTree *arena_tree = parse(MS_LANG_PYTHON, src, (uint32_t)strlen(src));
  uint32_t eoff = 0;
  TSQueryError etype = TSQueryErrorNone;
  const char *q = "(call function: (identifier) @f)";
  TSQuery *query = ts_query_new(lang, q, (uint32_t)strlen(q), &eoff, &etype);
  MS_CHECK(query != NULL);
  TSQueryCursor *cursor = ts_query_cursor_new();
  TSTree *trees[2] = {arena_tree, heap_tree};
  for (int t = 0; t < 2; t++) {
    ts_query_cursor_exec(cursor, query, ts_tree_root_node(trees[t]));
    TSQueryMatch m;
    uint32_t n = 0;
    while (ts_query_cursor_next_match(cursor, &m)) n++;
    MS_CHECK_INT(n, 2);
  }
  ms_parse_arena_reset(arena);
  ts_query_cursor_delete(cursor);
  ts_query_delete(query);
  ts_tree_delete(heap_tree);
  ts_parser_delete(parser);
}

/* A cancelled parse gives no tree and leaves the arena usable. */
void test_parse_arena__cancelled_parse(void) {
  ms_strbuf sb;
  ms_strbuf_init(&sb, MS_STRBUF_UNBOUNDED);
  for (int i = 0; i < 20000; i++) ms_strbuf_puts(&sb, "a = b + c\n");
  size_t stop = 1;
  TSTree *tree =
      ms_parse_arena_parse(arena, ms_lang_get(MS_LANG_PYTHON)->ts_language(), sb.ptr, (uint32_t)sb.len, &stop);
  MS_CHECK(tree == NULL);
  ms_parse_arena_reset(arena);
  tree = parse(MS_LANG_PYTHON, sb.ptr, (uint32_t)sb.len);
  MS_CHECK(tree != NULL);
  MS_CHECK_INT(ts_node_named_child_count(ts_tree_root_node(tree)), 20000);
  ms_parse_arena_reset(arena);
  ms_strbuf_dispose(&sb);
}
