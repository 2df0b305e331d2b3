/* lang/: detection by extension and shebang; grammar ABI. */
#include "harness.h"
#include "lang/lang.h"

void test_lang__detect_by_extension(void) {
  MS_CHECK_INT(ms_lang_detect("a/b.py", NULL, 0), MS_LANG_PYTHON);
  MS_CHECK_INT(ms_lang_detect("b.pyi", NULL, 0), MS_LANG_PYTHON);
  MS_CHECK_INT(ms_lang_detect("x.mjs", NULL, 0), MS_LANG_JAVASCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.cjs", NULL, 0), MS_LANG_JAVASCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.jsx", NULL, 0), MS_LANG_JAVASCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.ts", NULL, 0), MS_LANG_TYPESCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.mts", NULL, 0), MS_LANG_TYPESCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.cts", NULL, 0), MS_LANG_TYPESCRIPT);
  MS_CHECK_INT(ms_lang_detect("x.tsx", NULL, 0), MS_LANG_TSX);
  MS_CHECK_INT(ms_lang_detect("mcp.json", NULL, 0), MS_LANG_JSON);
  MS_CHECK_INT(ms_lang_detect("values.yml", NULL, 0), MS_LANG_YAML);
  MS_CHECK_INT(ms_lang_detect(".env", NULL, 0), MS_LANG_DOTENV);
  MS_CHECK_INT(ms_lang_detect("dir/.env.production", NULL, 0), MS_LANG_DOTENV);
  MS_CHECK_INT(ms_lang_detect("README.md", NULL, 0), MS_LANG_NONE);
  MS_CHECK_INT(ms_lang_detect("a.c", NULL, 0), MS_LANG_NONE);
}

void test_lang__detect_by_shebang(void) {
  const char *py = "#!/usr/bin/env python3\nprint(1)\n";
  const char *node = "#!/usr/local/bin/node\n";
  const char *sh = "#!/bin/sh\necho\n";
  MS_CHECK(ms_lang_needs_head("bin/server"));
  MS_CHECK(!ms_lang_needs_head("bin/server.py"));
  MS_CHECK_INT(ms_lang_detect("bin/server", py, strlen(py)), MS_LANG_PYTHON);
  MS_CHECK_INT(ms_lang_detect("bin/server", node, strlen(node)), MS_LANG_JAVASCRIPT);
  MS_CHECK_INT(ms_lang_detect("bin/server", sh, strlen(sh)), MS_LANG_NONE);
  MS_CHECK_INT(ms_lang_detect("bin/server", "print(1)", 8), MS_LANG_NONE);
  /* The extension wins over a shebang. */
  MS_CHECK_INT(ms_lang_detect("x.js", py, strlen(py)), MS_LANG_JAVASCRIPT);
}

void test_lang__grammars_have_a_compatible_abi(void) {
  ms_error err = MS_ERROR_INIT;
  MS_CHECK_INT(ms_lang_check_abi(&err), MS_OK);
  MS_CHECK_INT(ms_lang_by_name("tsx"), MS_LANG_TSX);
  MS_CHECK_INT(ms_lang_by_name("cobol"), MS_LANG_NONE);
}

void test_lang__declaration_files(void) {
  MS_CHECK(ms_lang_is_declaration_file("types/index.d.ts"));
  MS_CHECK(ms_lang_is_declaration_file("index.d.mts"));
  MS_CHECK(ms_lang_is_declaration_file("dist/index.d.cts"));
  MS_CHECK(ms_lang_is_declaration_file("styles.d.css.ts")); /* declarations for another extension */
  MS_CHECK(ms_lang_is_declaration_file("pkg/stubs.pyi"));
  MS_CHECK(!ms_lang_is_declaration_file("index.ts"));
  MS_CHECK(!ms_lang_is_declaration_file("index.d.tsx")); /* tsc: .tsx files are never declarations */
  MS_CHECK(!ms_lang_is_declaration_file("my.data.ts"));
  MS_CHECK(!ms_lang_is_declaration_file("build.d/index.ts")); /* only the file name counts */
  MS_CHECK(!ms_lang_is_declaration_file(".d.ts"));
  MS_CHECK(!ms_lang_is_declaration_file("server.py"));
  MS_CHECK(!ms_lang_is_declaration_file("index.d.js"));
}
