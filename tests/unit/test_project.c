/* project/: the check table, linking files into projects by their imports, and the pass
 * itself on files scanned from memory with the built-in rules. */
#include <stdio.h>

#include "core/worker.h"
#include "harness.h"
#include "model/project_check.h"
#include "project/links.h"
#include "project/project.h"
#include "rules/ruleset.h"
#include "util/xalloc.h"

#define MAX_FILES 24

static ms_ruleset *rules;
static ms_file_result files[MAX_FILES];
static uint32_t nfiles;

void test_project__initialize(void) {
  ms_error err = MS_ERROR_INIT;
  rules = ms_ruleset_new();
  if (ms_ruleset_add_builtin(rules, &err) < 0 || ms_ruleset_freeze(rules, &err) < 0) {
    ms_ruleset_free(rules);
    rules = NULL;
  }
  ms_error_clear(&err);
  nfiles = 0;
}

void test_project__cleanup(void) {
  for (uint32_t i = 0; i < nfiles; i++) ms_file_result_dispose(&files[i]);
  nfiles = 0;
  ms_ruleset_free(rules);
  rules = NULL;
}

/* Scans text as the file at path (add files in path order, as the scan sorts them). */
static void add(const char *path, ms_lang_id lang, const char *text) {
  MS_CHECK(nfiles < MAX_FILES);
  if (nfiles == MAX_FILES) return;
  ms_scan_options o;
  ms_scan_options_init(&o);
  ms_worker w;
  ms_worker_init(&w, rules, &o, 0);
  memset(&files[nfiles], 0, sizeof files[nfiles]);
  ms_worker_scan_buffer(&w, path, lang, text, (uint32_t)strlen(text), &files[nfiles++]);
  ms_worker_dispose(&w);
}

/* "path:line:rule:SEV" of every finding of a project rule (rule ids starting "mcp-"), in order. */
static const char *project_findings(void) {
  static char buf[1024];
  buf[0] = '\0';
  for (uint32_t i = 0; i < nfiles; i++) {
    for (uint32_t k = 0; k < files[i].findings.len; k++) {
      const ms_finding *f = &files[i].findings.items[k];
      const ms_rule *r = ms_ruleset_get(rules, f->rule);
      if (r->matcher != MS_MATCHER_PROJECT) continue;
      char one[200];
      snprintf(one, sizeof one, "%s%s:%u:%s:%s", buf[0] ? " " : "", files[i].path, f->span.start_line, r->id,
               ms_severity_name(f->severity));
      strncat(buf, one, sizeof buf - strlen(buf) - 1);
    }
  }
  return buf;
}

/* Whether the import components of the added files have these roots. */
static bool roots_are(const uint32_t *want) {
  uint32_t root[MAX_FILES];
  ms_project__components(files, nfiles, 1, root);
  for (uint32_t i = 0; i < nfiles; i++)
    if (root[i] != want[i]) {
      fprintf(stderr, "file %u (%s): root %u, want %u\n", i, files[i].path, root[i], want[i]);
      return false;
    }
  return true;
}

void test_project__every_check_is_registered(void) {
  for (int i = 0; i < MS_CHECK_COUNT; i++) {
    MS_CHECK(ms_project__check_registered(i));
    MS_CHECK_INT(ms_project_check_by_name(ms_project_check_name((ms_project_check)i)), i);
  }
  MS_CHECK_INT(ms_project_check_by_name("nope"), MS_CHECK_COUNT);
}

void test_project__unknown_check_or_placeholder_is_a_load_error(void) {
  static const char head[] = "id: x\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 306\nlanguages: [python]\n"
                             "description: d\nremediation: r\nreferences: [https://e.com]\n";
  char yaml[512];
  ms_error err = MS_ERROR_INIT;
  ms_ruleset *rs = ms_ruleset_new();
  snprintf(yaml, sizeof yaml, "%smessage: m\nproject: auth\n", head);
  MS_CHECK(ms_ruleset_add_yaml(rs, "r.yaml", yaml, strlen(yaml), &err) == MS_OK);
  MS_CHECK(ms_ruleset_freeze(rs, &err) == MS_EPARSE);
  MS_CHECK_INT(err.line, 11);
  MS_CHECK_INT(err.col, 10);
  ms_error_clear(&err);
  ms_ruleset_free(rs);
  rs = ms_ruleset_new();
  snprintf(yaml, sizeof yaml, "%smessage: \"{{callee}}\"\nproject: missing-auth\n", head);
  MS_CHECK(ms_ruleset_add_yaml(rs, "r.yaml", yaml, strlen(yaml), &err) == MS_OK);
  MS_CHECK(ms_ruleset_freeze(rs, &err) == MS_EPARSE);
  MS_CHECK(strstr(err.message, "{{callee}}") != NULL);
  ms_error_clear(&err);
  ms_ruleset_free(rs);
}

void test_project__links_follow_imports(void) {
  MS_CHECK(rules != NULL);
  add("a/app.ts", MS_LANG_TYPESCRIPT, "export const app = 1;\n");
  add("a/lib/index.js", MS_LANG_JAVASCRIPT, "module.exports = {};\n");
  add("a/main.ts", MS_LANG_TYPESCRIPT, "import { app } from './app.js';\nconst l = require('./lib');\n");
  add("b/pkg/__init__.py", MS_LANG_PYTHON, "\n");
  add("b/pkg/mod.py", MS_LANG_PYTHON, "from . import other\n");
  add("b/pkg/other.py", MS_LANG_PYTHON, "x = 1\n");
  add("b/run.py", MS_LANG_PYTHON, "import pkg.mod\n");
  add("c/alone.py", MS_LANG_PYTHON, "import os\nfrom .missing import y\n");
  /* Absolute imports whose first segment is a file's stem, or a directory's name, only. */
  add("d/src/helper.py", MS_LANG_PYTHON, "x = 1\n");
  add("d/src/tool/run.py", MS_LANG_PYTHON, "import helper\n");
  add("e/lib/pkg2/sub/__init__.py", MS_LANG_PYTHON, "\n");
  add("e/lib/main.py", MS_LANG_PYTHON, "import pkg2.sub\n");
  add("e/lib/other.py", MS_LANG_PYTHON, "import sub\nimport lib2\n");
  MS_CHECK(roots_are((const uint32_t[]){0, 0, 0, 3, 3, 3, 3, 7, 8, 8, 10, 10, 12}));
}

void test_project__normalise_paths(void) {
  static const char *const cases[][2] = {
      {"a/b/c", "a/b/c"},       {"a/./b/../c", "a/c"},    {"./a//b/", "a/b"},     {"../x/y", "../x/y"},
      {"a/../../x", "../x"},    {"../../a/..", "../.."},  {"/a/../../b", "/b"},   {"/../a", "/a"},
      {"/", ""},                {".", ""},                {"", ""},               {"a/..", ""},
      {"src/./pkg/__init__.py", "src/pkg/__init__.py"},   {"x/y/../../..", ".."}, {"/x/./y", "/x/y"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s", cases[i][0]);
    size_t n = ms_project__normalise(buf, strlen(buf));
    MS_CHECK_STR(buf, cases[i][1]);
    MS_CHECK_INT(n, strlen(cases[i][1]));
  }
}

/* A root written with "." or ".." segments (`scan src/../src`, `scan ./x/./y`) keeps them in
 * the scanned paths: imports still link its files, which are compared normalised. */
void test_project__links_under_unnormalised_roots(void) {
  MS_CHECK(rules != NULL);
  add("s/../s/app.py", MS_LANG_PYTHON, "x = 1\n");
  add("s/../s/pkg/__init__.py", MS_LANG_PYTHON, "\n");
  add("s/../s/pkg/mod.py", MS_LANG_PYTHON, "from .. import app\nfrom . import other\n");
  add("s/../s/pkg/other.py", MS_LANG_PYTHON, "import app\n");
  add("t/./web/main.ts", MS_LANG_TYPESCRIPT, "import { s } from './server.js';\n");
  add("t/./web/server.ts", MS_LANG_TYPESCRIPT, "export const s = 1;\n");
  add("u/one.py", MS_LANG_PYTHON, "import two\n");
  add("u/two.py", MS_LANG_PYTHON, "x = 2\n");
  MS_CHECK(roots_are((const uint32_t[]){0, 0, 0, 0, 4, 4, 6, 6}));
}

/* Imports that climb directories ("../", "from .. import") and TypeScript's extension mapping
 * resolve to the right files; a name that matches only a prefix of a path does not. */
void test_project__links_across_directories(void) {
  MS_CHECK(rules != NULL);
  add("p/a/b/main.ts", MS_LANG_TYPESCRIPT, "import { x } from '../../shared/util.mjs';\n");
  add("p/app.py", MS_LANG_PYTHON, "x = 1\n");
  add("p/pkg/__init__.py", MS_LANG_PYTHON, "\n");
  add("p/pkg/sub/deep.py", MS_LANG_PYTHON, "from ...app import x\n");
  add("p/run.py", MS_LANG_PYTHON, "import pkg.sub.deep\n");
  add("p/shared/util.mts", MS_LANG_TYPESCRIPT, "export const x = 1;\n");
  add("q/appx.py", MS_LANG_PYTHON, "import ap\n");
  MS_CHECK(roots_are((const uint32_t[]){0, 1, 2, 1, 1, 0, 6}));
}

/* An absolute import is the first of dir/a/b.py and dir/a/b/__init__.py scanned, dir being the
 * importing file's directory and then each one above it: the nearest directory wins, a module
 * before a package in the same one, a package in a nearer one before a module further up; a
 * file with the same name in another subtree is never it. */
void test_project__absolute_imports_take_the_nearest_directory(void) {
  MS_CHECK(rules != NULL);
  add("/abs/pkg/m.py", MS_LANG_PYTHON, "x = 1\n");           /* 0 */
  add("/abs/pkg/sub/run.py", MS_LANG_PYTHON, "import m\n");  /* 1: -> 0, up to the root */
  add("v/m/__init__.py", MS_LANG_PYTHON, "\n");              /* 2 */
  add("v/run.py", MS_LANG_PYTHON, "import m.__init__\n");    /* 3: -> 2 */
  add("w/mine/run.py", MS_LANG_PYTHON, "import m\n");        /* 4: not w/other/m.py */
  add("w/other/m.py", MS_LANG_PYTHON, "x = 1\n");            /* 5 */
  add("x/m.py", MS_LANG_PYTHON, "x = 1\n");                  /* 6 */
  add("x/run.py", MS_LANG_PYTHON, "import m\n");             /* 7: -> 6 */
  add("x/sub/m.py", MS_LANG_PYTHON, "x = 1\n");              /* 8 */
  add("x/sub/run.py", MS_LANG_PYTHON, "import m\n");         /* 9: -> 8, not 6 */
  add("y/m.py", MS_LANG_PYTHON, "x = 1\n");                  /* 10 */
  add("y/m/__init__.py", MS_LANG_PYTHON, "\n");              /* 11 */
  add("y/run.py", MS_LANG_PYTHON, "import m\n");             /* 12: -> 10, the module */
  add("z/a/m/__init__.py", MS_LANG_PYTHON, "\n");            /* 13 */
  add("z/a/run.py", MS_LANG_PYTHON, "import m\nimport q.r\n"); /* 14: -> 13, and 16 */
  add("z/m.py", MS_LANG_PYTHON, "x = 1\n");                  /* 15 */
  add("z/q/r.py", MS_LANG_PYTHON, "x = 1\n");                /* 16 */
  MS_CHECK(roots_are((const uint32_t[]){0, 0, 2, 2, 4, 5, 6, 6, 8, 8, 10, 11, 10, 13, 13, 15, 13}));
}

/* JS specifiers of every shape: a parent directory, a trailing '/', a detour through other
 * directories, the current directory, a bare module name, TypeScript's .js -> .tsx mapping. */
void test_project__links_js_specifier_shapes(void) {
  MS_CHECK(rules != NULL);
  add("j/index.js", MS_LANG_JAVASCRIPT, "module.exports = {};\n");
  add("j/sub/x.js", MS_LANG_JAVASCRIPT, "const j = require('..');\n");
  add("k/y.js", MS_LANG_JAVASCRIPT, "const j = require('../j/');\n");
  add("l/z.js", MS_LANG_JAVASCRIPT, "const x = require('./sub/../../j/sub/x');\n");
  add("m/w.ts", MS_LANG_TYPESCRIPT, "import * as m from './';\nimport * as n from '../l/none.js';\n");
  add("n/a.ts", MS_LANG_TYPESCRIPT, "import { b } from 'fs';\nimport { c } from './../n/b.js';\n");
  add("n/b.tsx", MS_LANG_TYPESCRIPT, "export const b = 1;\n");
  MS_CHECK(roots_are((const uint32_t[]){0, 0, 0, 0, 4, 5, 5}));
}

void test_project__auth_in_another_module(void) {
  MS_CHECK(rules != NULL);
  add("srv/app.py", MS_LANG_PYTHON,
      "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('a', token_verifier=V())\n");
  add("srv/main.py", MS_LANG_PYTHON, "from .app import mcp\nmcp.run(transport='sse')\n");
  add("srv/open.py", MS_LANG_PYTHON,
      "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('b', host='0.0.0.0')\n\nmcp.run(transport='sse')\n");
  ms_project_run(rules, NULL, files, nfiles, 0, 1);
  MS_CHECK_STR(project_findings(),
               "srv/open.py:2:mcp-bind-all-interfaces:MEDIUM srv/open.py:4:mcp-missing-auth:HIGH "
               "srv/open.py:4:mcp-no-host-validation:MEDIUM");
  /* Sorted by line within the file, the site's snippet and a 32-digit fingerprint. */
  const ms_finding *f = &files[2].findings.items[1];
  MS_CHECK_STR(f->snippet, "mcp.run(transport='sse')");
  MS_CHECK_INT(strlen(f->fingerprint), 32);
}

void test_project__escalation_and_enabled_rules(void) {
  MS_CHECK(rules != NULL);
  add("x/server.py", MS_LANG_PYTHON,
      "import os\nfrom mcp.server.fastmcp import FastMCP\nmcp = FastMCP('a')\n\n@mcp.tool()\n"
      "def run(cmd: str) -> str:\n    return os.popen(cmd).read()\n\nmcp.run(transport='streamable-http')\n"
      "app = mcp.sse_app()\n");
  bool *enabled = ms_xcalloc(ms_ruleset_count(rules), sizeof(bool));
  enabled[ms_ruleset_find(rules, "mcp-missing-auth")] = true;
  ms_project_run(rules, enabled, files, nfiles, 0, 1);
  ms_free(enabled);
  MS_CHECK_STR(project_findings(), "x/server.py:9:mcp-missing-auth:CRITICAL x/server.py:10:mcp-missing-auth:CRITICAL");
  const char *m = files[0].findings.items[files[0].findings.len - 1].message;
  MS_CHECK(strstr(m, "MCP tool `run`, whose input reaches a shell command (py-mcp-tool-command-injection, x/server.py:7)") != NULL);
}

void test_project__cap_and_skipped_files(void) {
  MS_CHECK(rules != NULL);
  add("y/a.js", MS_LANG_JAVASCRIPT, "new SSEServerTransport('/m', res);\napp.listen(1);\n");
  files[0].findings.len = files[0].findings.len; /* nothing else found */
  ms_project_run(rules, NULL, files, nfiles, 1, 1);
  MS_CHECK_INT(files[0].findings.len, 1);
  MS_CHECK(files[0].findings_truncated);
}

/* Resolving the imports on several threads joins the same components as on one: a generated
 * tree of 900 JS and Python files in 30 directories, each importing two others (relative
 * specifiers, parent directories, packages, names that resolve to nothing). */
void test_project__components_on_threads(void) {
  enum { N = 900, DIRS = 30 };
  ms_file_result *big = ms_xcalloc(N, sizeof *big);
  unsigned seed = 99;
  for (uint32_t i = 0; i < N; i++) {
    bool py = i % 3 == 0;
    big[i].path = ms_xasprintf("src/d%02u/f%03u.%s", i % DIRS, i, py ? "py" : "js");
    big[i].lang = py ? MS_LANG_PYTHON : MS_LANG_JAVASCRIPT;
    for (int k = 0; k < 2; k++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t to = (seed >> 16) % (N * 2); /* half of them name no file */
      char m[64];
      if (py) snprintf(m, sizeof m, k ? "..d%02u.f%03u" : ".f%03u", to % DIRS, to);
      else snprintf(m, sizeof m, k ? "../d%02u/f%03u.js" : "./f%03u", to % DIRS, to);
      if (py && !k) snprintf(m, sizeof m, ".f%03u", to);
      ms_facts_add_module(&big[i].facts, m, (uint32_t)strlen(m));
    }
  }
  uint32_t *one = ms_xcalloc(N, sizeof(uint32_t)), *four = ms_xcalloc(N, sizeof(uint32_t));
  ms_project__components(big, N, 1, one);
  ms_project__components(big, N, 4, four);
  uint32_t joined = 0;
  for (uint32_t i = 0; i < N; i++) joined += one[i] != i;
  MS_CHECK(joined > N / 10); /* the imports did link files */
  MS_CHECK(memcmp(one, four, N * sizeof(uint32_t)) == 0);
  for (uint32_t i = 0; i < N; i++) ms_file_result_dispose(&big[i]);
  ms_free(big);
  ms_free(one);
  ms_free(four);
}

/* An absolute Python module name with an empty segment (`pkg..mod`, from a string given to
 * importlib) is tried in every directory above the file, but only when its first segment is the
 * name of some scanned directory or module (the set of names is built on first use). */
void test_project__absolute_names_with_empty_segments(void) {
  const char *paths[] = {"src/app.py", "src/other.py", "src/pkg/mod.py"};
  const char *mods[] = {"pkg..mod", "nothere..mod", NULL};
  ms_file_result f[3];
  memset(f, 0, sizeof f);
  for (int i = 0; i < 3; i++) {
    f[i].path = ms_xstrdup(paths[i]);
    f[i].lang = MS_LANG_PYTHON;
    if (mods[i]) ms_facts_add_module(&f[i].facts, mods[i], (uint32_t)strlen(mods[i]));
  }
  uint32_t root[3];
  ms_project__components(f, 3, 1, root);
  MS_CHECK(root[0] == 0 && root[2] == 0); /* app.py and pkg/mod.py: one component */
  MS_CHECK_INT(root[1], 1);               /* nothere..mod names nothing scanned */
  for (int i = 0; i < 3; i++) ms_file_result_dispose(&f[i]);
}
