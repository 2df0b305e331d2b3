/* util/wildmatch and core/ignore: git's glob and .gitignore rules. Every expectation below was
 * checked with git 2.39 (`git check-ignore` / `git ls-files -i` in a scratch repository); the
 * CLI case ignore-matches-git compares whole trees with git itself. */
#include <stdio.h>

#include "core/ignore.h"
#include "harness.h"
#include "util/wildmatch.h"

void test_ignore__wildmatch(void) {
  static const struct { const char *pattern, *text; bool match; } cases[] = {
      {"foo", "foo", true},          {"foo", "bar", false},        {"*", "foo/bar", false},
      {"**", "foo/bar", true},       {"*/bar", "foo/bar", true},   {"**/bar", "bar", true},
      {"**/bar", "a/b/bar", true},   {"a/**/b", "a/b", true},      {"a/**/b", "a/x/y/b", true},
      {"a**b", "a/b", false},        {"a**b", "axxb", true},       {"foo/**", "foo/a/b", true},
      {"foo/**", "foo", false},      {"[a-c]x", "bx", true},       {"[!a-c]x", "bx", false},
      {"[^a-c]x", "dx", true},       {"\\*", "*", true},           {"\\*", "x", false},
      {"[[:digit:]]", "5", true},    {"[[:digit:]]", "x", false},  {"?", "/", false},
      {"*.py", "a.py", true},        {"*.py", "d/a.py", false},    {"[]]", "]", true},
      {"a[/]b", "a/b", false},       {"*[[:digit:]].py", "DIGIT7.py", true}, {"foo\\", "foo\\", false},
      {"**/node/lib", "x/node/lib", true}, {"a/*/c", "a/b/x/c", false}, {"[a-", "a", false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (ms_wildmatch(cases[i].pattern, cases[i].text) != cases[i].match) {
      char d[160];
      snprintf(d, sizeof d, "'%s' vs '%s'", cases[i].pattern, cases[i].text);
      ms_test__fail(__FILE__, __LINE__, "wildmatch", d);
      return;
    }
  }
}

static const ms_ignore_pattern *match(const char *text, const char *path, bool is_dir) {
  static ms_ignore_list l; /* kept until the next call, so the pattern can be inspected */
  ms_ignore_list_dispose(&l);
  ms_ignore_list_parse(&l, ".gitignore", text, strlen(text));
  const ms_ignore_pattern *p = ms_ignore_list_match(&l, path, is_dir);
  return p && !p->negated ? p : NULL;
}

void test_ignore__gitignore_lines(void) {
  MS_CHECK(match("*.log\n", "a/b/x.log", false) != NULL);       /* no slash: any depth */
  MS_CHECK(match("/build\n", "build", true) != NULL);           /* leading slash: anchored */
  MS_CHECK(match("/build\n", "src/build", true) == NULL);
  MS_CHECK(match("doc/*.txt\n", "doc/a.txt", false) != NULL);   /* a middle slash anchors too */
  MS_CHECK(match("doc/*.txt\n", "x/doc/a.txt", false) == NULL);
  MS_CHECK(match("doc/*.txt\n", "doc/x/a.txt", false) == NULL);
  MS_CHECK(match("logs/\n", "logs", true) != NULL);             /* directories only */
  MS_CHECK(match("logs/\n", "logs", false) == NULL);
  MS_CHECK(match("*.log\n!keep.log\n", "keep.log", false) == NULL); /* the last match decides */
  MS_CHECK(match("!keep.log\n*.log\n", "keep.log", false) != NULL);
  MS_CHECK(match("# c\n\n   \n", "# c", false) == NULL);        /* comments and blank lines */
  MS_CHECK(match("\\#file\n", "#file", false) != NULL);         /* escaped '#' and '!' */
  MS_CHECK(match("\\!bang\n", "!bang", false) != NULL);
  MS_CHECK(match("trail   \n", "trail", false) != NULL);        /* trailing spaces dropped */
  MS_CHECK(match("sp\\ \n", "sp ", false) != NULL);             /* unless escaped */
  MS_CHECK(match("crlf.py\r\n", "crlf.py", false) != NULL);
  const ms_ignore_pattern *p = match("a\n/b/\n", "b", true);
  MS_CHECK(p != NULL);
  MS_CHECK_INT(p->line, 2);
  MS_CHECK(p->anchored && p->dir_only);
  MS_CHECK_STR(p->pattern, "b");
  match("", "", false);
}

void test_ignore__path_matches(void) {
  MS_CHECK(ms_ignore_path_matches("tests/", "tests/a/b.py"));   /* inside a matched directory */
  MS_CHECK(ms_ignore_path_matches("*.py", "src/x.py"));
  MS_CHECK(!ms_ignore_path_matches("/x.py", "src/x.py"));
  MS_CHECK(ms_ignore_path_matches("src/**/gen_*.py", "src/a/b/gen_1.py"));
  MS_CHECK(!ms_ignore_path_matches("tests/", "src/tests.py"));
}

/* Many double-star segments against a deep path try every way to spread the directories over
 * them (found by fuzz_ignore: minutes per match). The step budget makes such a match give up
 * quickly, as a non-match: nothing gets ignored or suppressed by it. Real patterns still match. */
void test_ignore__wildmatch_budget(void) {
  char pattern[4096] = "", path[4096] = "";
  for (int i = 0; i < 60; i++) strcat(pattern, "**/a");
  strcat(pattern, "/z");
  for (int i = 0; i < 200; i++) strcat(path, "a/");
  strcat(path, "b");
  MS_CHECK(!ms_wildmatch(pattern, path)); /* returns at all: the budget ran out, no match */
  MS_CHECK(ms_wildmatch("**/a/**/b", "x/a/y/z/b"));
  MS_CHECK(ms_wildmatch("**/node_modules/**", "a/b/node_modules/c/d.js"));
  MS_CHECK(!ms_wildmatch("**/node_modules/**", "a/b/node_module/c/d.js"));
}
