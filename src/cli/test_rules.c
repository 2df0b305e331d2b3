/* `mcp-sentinel test-rules`: runs rule fixtures. A comment `ruleid: ID` (or `ok: ID`,
 * `todoruleid: ID`, `todook: ID`) annotates the next line that is not itself an annotation.
 * Each fixture is scanned once per rule it names, with only that rule enabled; the lines it
 * reports must be exactly the `ruleid:` lines (todo markers are reported, never failures).
 * Every rule under test must have at least one `ruleid:` and one `ok:` case. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/exit.h"
#include "core/worker.h"
#include "project/project.h"
#include "util/array.h"
#include "util/dirlist.h"
#include "util/path.h"
#include "util/xalloc.h"

#define MAX_FIXTURE_BYTES (4u << 20)

typedef enum mark { MARK_RULEID, MARK_OK, MARK_TODORULEID, MARK_TODOOK } mark;

typedef struct annotation {
  mark kind;
  char *rule;
  uint32_t line; /* 1-based line the annotation applies to */
} annotation;

typedef ms_array(annotation) annotation_list;

typedef struct coverage {
  uint32_t ruleid, ok;
} coverage;

typedef struct tester {
  const ms_ruleset *rules;
  ms_scan_options opts;
  bool *enabled;
  coverage *cov;
  uint32_t passed, failed, todo;
} tester;

static const char *const mark_names[] = {"ruleid", "ok", "todoruleid", "todook"};

/* Parses "<comment> (todo)?(ruleid|ok): id[, id]" on one line; appends to list. Returns
 * true when the line is an annotation line. */
static bool parse_annotation(const char *line, size_t len, annotation_list *pending) {
  size_t i = 0;
  while (i < len && isspace((unsigned char)line[i])) i++;
  if (i + 1 < len && line[i] == '/' && line[i + 1] == '/') i += 2;
  else if (i < len && line[i] == '#') i += 1;
  else if (i + 1 < len && line[i] == '/' && line[i + 1] == '*') i += 2;
  else return false;
  while (i < len && isspace((unsigned char)line[i])) i++;
  for (int k = 3; k >= 0; k--) { /* longest names first: "todoruleid" before "ruleid" */
    size_t n = strlen(mark_names[k]);
    if (len - i > n && strncmp(line + i, mark_names[k], n) == 0 && line[i + n] == ':') {
      i += n + 1;
      while (i < len) {
        while (i < len && (isspace((unsigned char)line[i]) || line[i] == ',')) i++;
        size_t s = i;
        while (i < len && (isalnum((unsigned char)line[i]) || line[i] == '-' || line[i] == '_' || line[i] == '.')) i++;
        if (i == s) break;
        ms_array_push(pending, ((annotation){(mark)k, ms_xstrndup(line + s, i - s), 0}));
      }
      return true;
    }
  }
  return false;
}

static void collect_annotations(const char *text, size_t len, annotation_list *out) {
  annotation_list pending = MS_ARRAY_INIT;
  uint32_t lineno = 0;
  size_t pos = 0;
  while (pos <= len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    lineno++;
    if (!parse_annotation(text + pos, end - pos, &pending) && pending.len) {
      for (uint32_t i = 0; i < pending.len; i++) {
        pending.items[i].line = lineno;
        ms_array_push(out, pending.items[i]);
      }
      ms_array_clear(&pending);
    }
    if (!nl) break;
    pos = end + 1;
  }
  for (uint32_t i = 0; i < pending.len; i++) ms_free(pending.items[i].rule);
  ms_array_free(&pending);
}

static bool line_has(const annotation_list *a, const char *rule, uint32_t line, mark kind) {
  for (uint32_t i = 0; i < a->len; i++)
    if (a->items[i].kind == kind && a->items[i].line == line && strcmp(a->items[i].rule, rule) == 0) return true;
  return false;
}

static bool reported(const ms_file_result *r, uint32_t line) {
  for (uint32_t i = 0; i < r->findings.len; i++)
    if (r->findings.items[i].span.start_line == line) return true;
  return false;
}

static void test_rule_on(tester *t, const char *path, ms_lang_id lang, const char *text, uint32_t len,
                         const annotation_list *a, uint32_t rule) {
  const char *id = ms_ruleset_get(t->rules, rule)->id;
  memset(t->enabled, 0, ms_ruleset_count(t->rules) * sizeof(bool));
  t->enabled[rule] = true;
  ms_worker w;
  ms_worker_init(&w, t->rules, &t->opts, 0);
  ms_file_result r = {0};
  ms_worker_scan_buffer(&w, path, lang, text, len, &r);
  ms_worker_dispose(&w);
  /* A fixture is a one-file project: project-level rules run on it too. */
  ms_project_run(t->rules, t->enabled, &r, 1, t->opts.max_findings_per_file, 1);

  for (uint32_t i = 0; i < a->len; i++) {
    const annotation *an = &a->items[i];
    if (strcmp(an->rule, id) != 0) continue;
    bool hit = reported(&r, an->line);
    switch (an->kind) {
      case MARK_RULEID:
        t->cov[rule].ruleid++;
        if (hit) t->passed++;
        else t->failed++, printf("FAIL %s:%u: %s: expected a finding, got none\n", path, an->line, id);
        break;
      case MARK_OK:
        t->cov[rule].ok++;
        if (!hit) t->passed++;
        else t->failed++, printf("FAIL %s:%u: %s: unexpected finding on an ok: line\n", path, an->line, id);
        break;
      case MARK_TODORULEID:
      case MARK_TODOOK:
        t->todo++;
        if (hit == (an->kind == MARK_TODORULEID))
          printf("note %s:%u: %s: %s now behaves as wanted; make it %s\n", path, an->line, id,
                 mark_names[an->kind], an->kind == MARK_TODORULEID ? "ruleid:" : "ok:");
        break;
    }
  }
  /* Findings on lines nobody annotated are failures too: the set must be exact. */
  for (uint32_t i = 0; i < r.findings.len; i++) {
    uint32_t line = r.findings.items[i].span.start_line;
    if (i > 0 && r.findings.items[i - 1].span.start_line == line) continue;
    if (line_has(a, id, line, MARK_RULEID) || line_has(a, id, line, MARK_OK) || line_has(a, id, line, MARK_TODOOK) ||
        line_has(a, id, line, MARK_TODORULEID))
      continue;
    t->failed++;
    printf("FAIL %s:%u: %s: unexpected finding on an unannotated line\n", path, line, id);
  }
  ms_file_result_dispose(&r);
}

static int test_file(tester *t, const char *path) {
  ms_lang_id lang = ms_lang_detect(path, NULL, 0);
  if (lang == MS_LANG_NONE) return 0;
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    printf("FAIL %s: cannot read fixture\n", path);
    t->failed++;
    return 0;
  }
  char *text = ms_xmalloc(MAX_FIXTURE_BYTES + 1);
  size_t len = fread(text, 1, MAX_FIXTURE_BYTES, f);
  fclose(f);
  text[len] = '\0';
  annotation_list a = MS_ARRAY_INIT;
  collect_annotations(text, len, &a);
  /* One run per distinct rule named in the file. */
  for (uint32_t i = 0; i < a.len; i++) {
    bool first = true;
    for (uint32_t j = 0; j < i; j++)
      if (strcmp(a.items[j].rule, a.items[i].rule) == 0) first = false;
    if (!first) continue;
    int64_t idx = ms_ruleset_find(t->rules, a.items[i].rule);
    if (idx < 0) {
      printf("FAIL %s:%u: unknown rule id '%s'\n", path, a.items[i].line, a.items[i].rule);
      t->failed++;
      continue;
    }
    test_rule_on(t, path, lang, text, (uint32_t)len, &a, (uint32_t)idx);
  }
  for (uint32_t i = 0; i < a.len; i++) ms_free(a.items[i].rule);
  ms_array_free(&a);
  ms_free(text);
  return 0;
}

static void test_path(tester *t, const char *path, int depth) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    printf("FAIL %s: no such fixture file or directory\n", path);
    t->failed++;
    return;
  }
  if (!S_ISDIR(sb.st_mode)) {
    test_file(t, path);
    return;
  }
  if (depth > 32) return;
  ms_dirlist names;
  if (ms_dirlist_read(&names, path) < 0) {
    printf("FAIL %s: cannot read fixture directory\n", path);
    t->failed++;
    return;
  }
  for (uint32_t i = 0; i < names.len; i++) {
    char *child = ms_path_join(path, names.items[i]);
    test_path(t, child, depth + 1);
    ms_free(child);
  }
  ms_dirlist_dispose(&names);
}

int ms_cmd_test_rules(int argc, char **argv) {
  static const struct option opts[] = {{"rules", required_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  ms_string_list dirs = MS_ARRAY_INIT;
  optind = 1;
  opterr = 0;
  int c, rc = MS_EXIT_OK;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    if (c == 'r') {
      ms_array_push(&dirs, ms_xstrdup(optarg));
    } else if (c == 'h') {
      puts("usage: mcp-sentinel test-rules [--rules DIR]... [FIXTURE-FILE|DIR ...]\n"
           "Checks that each fixture's reported lines equal its `ruleid:` lines. With --rules, the rules\n"
           "under test are those in DIR; otherwise the built-in rules, with fixtures in tests/rules.");
      ms_string_list_dispose(&dirs);
      return MS_EXIT_OK;
    } else {
      fprintf(stderr, "mcp-sentinel: unknown or incomplete option '%s'\n", argv[optind - 1]);
      ms_string_list_dispose(&dirs);
      return MS_EXIT_CONFIG;
    }
  }
  ms_ruleset *builtin_only = NULL;
  ms_ruleset *rs = ms_cli_load_rules(&dirs, true);
  if (rs == NULL) {
    ms_string_list_dispose(&dirs);
    return MS_EXIT_CONFIG;
  }
  /* Which rules must have fixtures: the user's when --rules is given, else the built-ins. */
  if (dirs.len) builtin_only = ms_cli_load_rules(NULL, true);

  tester t = {0};
  t.rules = rs;
  ms_scan_options_init(&t.opts);
  t.enabled = ms_xcalloc(ms_ruleset_count(rs) + 1, sizeof(bool));
  t.opts.enabled = t.enabled;
  t.cov = ms_xcalloc(ms_ruleset_count(rs) + 1, sizeof(coverage));
  if (optind >= argc) test_path(&t, "tests/rules", 0);
  for (int i = optind; i < argc; i++) test_path(&t, argv[i], 0);

  for (uint32_t i = 0; i < ms_ruleset_count(rs); i++) {
    const ms_rule *r = ms_ruleset_get(rs, i);
    bool user_rule = builtin_only == NULL || ms_ruleset_find(builtin_only, r->id) < 0;
    if (!user_rule) continue;
    if (t.cov[i].ruleid == 0 || t.cov[i].ok == 0) {
      printf("FAIL %s: rule %s needs at least one `ruleid:` and one `ok:` fixture case (has %u and %u)\n",
             r->source, r->id, t.cov[i].ruleid, t.cov[i].ok);
      t.failed++;
    }
  }
  printf("rule tests: %u passed, %u failed", t.passed, t.failed);
  if (t.todo) printf(", %u todo", t.todo);
  printf("\n");
  if (t.failed) rc = MS_EXIT_ERROR;
  ms_free(t.enabled);
  ms_free(t.cov);
  ms_ruleset_free(rs);
  ms_ruleset_free(builtin_only);
  ms_string_list_dispose(&dirs);
  return rc;
}
