/* match/imports.c: which module a file imports a name from (the #import-from? predicate). */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "lang/lang.h"
#include "match/imports.h"

static TSParser *parser;
static TSTree *tree;
static const char *text;

void test_imports__initialize(void) { parser = ts_parser_new(); }

void test_imports__cleanup(void) {
  if (tree) ts_tree_delete(tree);
  tree = NULL;
  ts_parser_delete(parser);
}

static void parse(ms_lang_id lang, const char *src) {
  if (tree) ts_tree_delete(tree);
  ts_parser_set_language(parser, ms_lang_get(lang)->ts_language());
  text = src;
  tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)strlen(src));
}

/* The module `name` is imported from, as a static string ("" when not imported). */
static const char *module_of(const char *name) {
  static char buf[128];
  uint32_t len = 0;
  TSNode root = ts_tree_root_node(tree);
  const char *m = ms_imports_module_of(root, text, (uint32_t)strlen(text), name, (uint32_t)strlen(name), &len);
  if (m == NULL) return "";
  snprintf(buf, sizeof buf, "%.*s", (int)len, m);
  return buf;
}

void test_imports__esm_and_commonjs(void) {
  parse(MS_LANG_JAVASCRIPT,
        "import cp, { exec, spawn as run } from 'node:child_process';\n"
        "import * as db from \"./db.js\";\n"
        "const { execSync, x: alias, y = 1 } = require('child_process');\n"
        "const fs = require('fs').promises;\n"
        "const local = exec;\n"
        "function f() { const { inner } = require('inner'); }\n");
  MS_CHECK_STR(module_of("cp"), "node:child_process");
  MS_CHECK_STR(module_of("exec"), "node:child_process");
  MS_CHECK_STR(module_of("run"), "node:child_process");
  MS_CHECK_STR(module_of("spawn"), ""); /* imported under another name */
  MS_CHECK_STR(module_of("db"), "./db.js");
  MS_CHECK_STR(module_of("execSync"), "child_process");
  MS_CHECK_STR(module_of("alias"), "child_process");
  MS_CHECK_STR(module_of("y"), "child_process");
  MS_CHECK_STR(module_of("fs"), "fs");
  MS_CHECK_STR(module_of("local"), "");
  MS_CHECK_STR(module_of("inner"), ""); /* top level only */
}

void test_imports__python(void) {
  parse(MS_LANG_PYTHON,
        "import os\nimport subprocess as sp\nfrom invoke import run, sudo as root\nfrom . import helpers\n");
  MS_CHECK_STR(module_of("os"), "os");
  MS_CHECK_STR(module_of("sp"), "subprocess");
  MS_CHECK_STR(module_of("subprocess"), "");
  MS_CHECK_STR(module_of("run"), "invoke");
  MS_CHECK_STR(module_of("root"), "invoke");
  MS_CHECK_STR(module_of("helpers"), ".");
  MS_CHECK_STR(module_of("system"), "");
}
