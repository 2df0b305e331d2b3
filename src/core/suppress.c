/* Finding and applying suppressions; see suppress.h. Comments come from the tree for parsed
 * languages (a "comment" node), and from a quote-aware line scan for YAML and .env files.
 * JSON has no comments: config suppressions are its only mechanism. */
#include "core/suppress.h"

#include <stdlib.h>
#include <string.h>

#include "core/ignore.h"
#include "util/path.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MARKER "mcp-sentinel:"
#define MAX_TREE_DEPTH 4096

typedef struct comment {
  uint32_t start, end;           /* bytes of the whole comment */
  uint32_t line, end_line, col;  /* 1-based */
  bool standalone;               /* nothing but white space before it on its line */
} comment;

typedef struct ctx {
  const ms_scan_options *opts;
  const ms_ruleset *rules;
  ms_lang_id lang;
  const char *text;
  uint32_t len;
  ms_file_result *out;
} ctx;

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static char *trimmed(const char *s, size_t n) {
  while (n > 0 && (is_space(*s) || *s == '\r')) s++, n--;
  while (n > 0 && (is_space(s[n - 1]) || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
  if (n >= 2 && s[n - 2] == '*' && s[n - 1] == '/') { /* the end of a block comment */
    n -= 2;
    while (n > 0 && is_space(s[n - 1])) n--;
  }
  return n ? ms_utf8_sanitize(s, n) : NULL;
}

/* Appends a warning to the suppression's problems. */
static void add_problem(ms_suppression *s, const char *msg) {
  char *p = s->problem ? ms_xasprintf("%s; %s", s->problem, msg) : ms_xstrdup(msg);
  ms_free(s->problem);
  s->problem = p;
}

/* Checks the ids of "a, b" against the ruleset and normalises them to "a,b". */
static char *check_ids(ctx *c, ms_suppression *s, const char *ids, size_t n) {
  char *copy = ms_xstrndup(ids, n), *norm = ms_xcalloc(n + 1, 1);
  size_t used = 0;
  for (char *item = copy; item;) {
    char *comma = strchr(item, ',');
    if (comma) *comma = '\0';
    char *id = item;
    while (is_space(*id)) id++;
    size_t l = strlen(id);
    while (l > 0 && is_space(id[l - 1])) id[--l] = '\0';
    if (l > 0) {
      if (ms_ruleset_find(c->rules, id) < 0) {
        char *san = ms_utf8_sanitize(id, l);
        char *msg = ms_xasprintf("unknown rule id '%s'", san);
        add_problem(s, msg);
        ms_free(msg);
        ms_free(san);
      }
      if (used) norm[used++] = ',';
      memcpy(norm + used, id, l);
      used += l;
    }
    item = comma ? comma + 1 : NULL;
  }
  ms_free(copy);
  if (used == 0) {
    ms_free(norm);
    return NULL;
  }
  return norm;
}

/* nosec: a Python comment whose text starts with "nosec" (bandit's form, "# nosec B602"). */
static bool parse_nosec(ctx *c, const comment *cm, ms_suppression *s) {
  if (c->lang != MS_LANG_PYTHON || !c->opts->honor_nosec) return false;
  const char *p = c->text + cm->start, *e = c->text + cm->end;
  while (p < e && (*p == '#' || is_space(*p))) p++;
  if (e - p < 5 || memcmp(p, "nosec", 5) != 0) return false;
  p += 5;
  if (p < e && !(is_space(*p) || *p == ':')) return false; /* "nosecurity" */
  s->kind = MS_SUPPRESS_NOSEC;
  s->reason = trimmed(p, (size_t)(e - p));
  return true;
}

/* `mcp-sentinel: ignore[ids] reason` or `ignore-file[ids] reason` inside the comment. */
static bool parse_marker(ctx *c, const comment *cm, ms_suppression *s) {
  const char *e = c->text + cm->end;
  const char *p = memmem(c->text + cm->start, cm->end - cm->start, MARKER, strlen(MARKER));
  if (p == NULL) return false;
  p += strlen(MARKER);
  while (p < e && is_space(*p)) p++;
  if (e - p >= 11 && memcmp(p, "ignore-file", 11) == 0) {
    s->kind = MS_SUPPRESS_FILE;
    p += 11;
  } else if (e - p >= 6 && memcmp(p, "ignore", 6) == 0) {
    s->kind = MS_SUPPRESS_INLINE;
    p += 6;
  } else {
    return false;
  }
  if (p < e && *p == '[') {
    const char *close = memchr(p, ']', (size_t)(e - p));
    if (close == NULL) {
      add_problem(s, "unclosed '[': not honoured");
      s->kind = MS_SUPPRESS_NONE;
      return true;
    }
    s->rules = check_ids(c, s, p + 1, (size_t)(close - p - 1));
    p = close + 1;
  } else if (p < e && !is_space(*p) && *p != '\n' && *p != '*') {
    return false; /* "ignored", "ignorefoo": not our marker */
  }
  s->reason = trimmed(p, (size_t)(e - p));
  if (s->rules == NULL && c->opts->require_rule_id) {
    add_problem(s, "no rule id: not honoured (write ignore[RULE-ID])");
    s->kind = MS_SUPPRESS_NONE;
  }
  if (s->kind == MS_SUPPRESS_FILE && cm->line > MS_SUPPRESS_FILE_LINES) {
    add_problem(s, "ignore-file must start in the first 10 lines: not honoured");
    s->kind = MS_SUPPRESS_NONE;
  }
  if (s->reason == NULL && s->kind != MS_SUPPRESS_NONE) add_problem(s, "no reason given");
  return true;
}

/* Records a suppression comment, with what coverage needs: a standalone comment also covers
 * the line after its last line. */
static void on_comment(ctx *c, const comment *cm, ms_suppression_array *acc) {
  ms_suppression s = {0};
  s.line = cm->line;
  s.col = cm->col;
  s.end_line = cm->end_line;
  s.standalone = cm->standalone;
  if (!parse_marker(c, cm, &s) && !parse_nosec(c, cm, &s)) return;
  ms_array_push(acc, s);
}

static void fill_position(ctx *c, comment *cm, uint32_t line, uint32_t line_start) {
  cm->line = line;
  cm->col = ms_utf8_count(c->text + line_start, cm->start - line_start) + 1;
  cm->standalone = true;
  for (uint32_t i = line_start; i < cm->start; i++)
    if (!is_space(c->text[i])) cm->standalone = false;
  cm->end_line = line;
  for (uint32_t i = cm->start; i < cm->end; i++) cm->end_line += c->text[i] == '\n';
}

static void tree_comments(ctx *c, TSNode root, ms_suppression_array *acc) {
  TSTreeCursor cur = ts_tree_cursor_new(root);
  uint32_t depth = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    bool descend = depth < MAX_TREE_DEPTH && ts_node_child_count(n) > 0;
    if (strcmp(ts_node_type(n), "comment") == 0) {
      comment cm = {ts_node_start_byte(n), ts_node_end_byte(n), 0, 0, 0, false};
      uint32_t ls = cm.start;
      while (ls > 0 && c->text[ls - 1] != '\n') ls--;
      fill_position(c, &cm, ts_node_start_point(n).row + 1, ls);
      on_comment(c, &cm, acc);
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&cur)) {
      depth++;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cur)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cur)) goto done;
      depth--;
    }
  }
done:
  ts_tree_cursor_delete(&cur);
}

/* YAML and .env: '#' at the start of a line or after white space, outside quotes. */
static void line_comments(ctx *c, ms_suppression_array *acc) {
  uint32_t line = 1, i = 0;
  while (i < c->len) {
    uint32_t ls = i, le = i;
    while (le < c->len && c->text[le] != '\n') le++;
    char quote = 0;
    for (uint32_t k = ls; k < le; k++) {
      char ch = c->text[k];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        if (k == ls || is_space(c->text[k - 1]) || c->text[k - 1] == ':' || c->text[k - 1] == '=') quote = ch;
      } else if (ch == '#' && (k == ls || is_space(c->text[k - 1]))) {
        comment cm = {k, le, 0, 0, 0, false};
        fill_position(c, &cm, line, ls);
        on_comment(c, &cm, acc);
        break;
      }
    }
    line++;
    i = le + 1;
  }
}

static bool names_rule(const char *rules, const char *id) {
  if (rules == NULL) return true;
  size_t n = strlen(id);
  for (const char *p = rules; p;) {
    const char *comma = strchr(p, ',');
    size_t l = comma ? (size_t)(comma - p) : strlen(p);
    if (l == n && memcmp(p, id, n) == 0) return true;
    p = comma ? comma + 1 : NULL;
  }
  return false;
}

static bool covers(const ms_suppression *s, const ms_finding *fi, const char *id) {
  if (s->kind == MS_SUPPRESS_NONE || !names_rule(s->rules, id)) return false;
  uint32_t l = fi->span.start_line;
  switch (s->kind) {
    case MS_SUPPRESS_FILE: return true;
    case MS_SUPPRESS_NOSEC: return l == s->line;
    case MS_SUPPRESS_INLINE: return l == s->line || (s->standalone && l == s->end_line + 1);
    default: return false;
  }
}

static void mark(ms_finding *fi, ms_suppress_kind kind, const char *reason) {
  fi->suppress_kind = kind;
  fi->suppress_reason = reason ? ms_xstrdup(reason) : NULL;
}

/* Marks the unsuppressed findings of out that the comments in sups[0..n) cover. */
static void apply_comments(const ms_ruleset *rules, ms_file_result *out, ms_suppression *sups, uint32_t n) {
  for (uint32_t i = 0; i < out->findings.len; i++) {
    ms_finding *fi = &out->findings.items[i];
    const char *id = ms_ruleset_get(rules, fi->rule)->id;
    /* Line-specific comments first, then file-level ones. */
    for (int pass = 0; pass < 2 && fi->suppress_kind == MS_SUPPRESS_NONE; pass++) {
      for (uint32_t k = 0; k < n; k++) {
        ms_suppression *s = &sups[k];
        if ((s->kind == MS_SUPPRESS_FILE) != (pass == 1) || !covers(s, fi, id)) continue;
        mark(fi, s->kind, s->reason);
        s->uses++;
        break;
      }
    }
  }
}

static void apply_config(ctx *c) {
  const ms_scan_options *o = c->opts;
  ms_file_result *out = c->out;
  if (o->nconfig_suppressions == 0) return;
  if (out->config_uses == NULL) out->config_uses = ms_xcalloc(o->nconfig_suppressions, sizeof(uint32_t));
  char *real = realpath(out->path, NULL);
  if (real == NULL) return;
  for (uint32_t i = 0; i < out->findings.len; i++) {
    ms_finding *fi = &out->findings.items[i];
    if (fi->suppress_kind != MS_SUPPRESS_NONE) continue;
    const char *id = ms_ruleset_get(c->rules, fi->rule)->id;
    for (uint32_t k = 0; k < o->nconfig_suppressions; k++) {
      const ms_config_suppression *cs = &o->config_suppressions[k];
      if (!ms_path_is_within(real, cs->base) || !ms_path_glob_match(cs->rule, id)) continue;
      size_t bl = strlen(cs->base);
      const char *rel = real + (bl == 1 ? 1 : bl + 1);
      if (!ms_ignore_path_matches(cs->path, rel)) continue;
      mark(fi, MS_SUPPRESS_CONFIG, cs->reason);
      out->config_uses[k]++;
      break;
    }
  }
  free(real); /* allocated by libc's realpath */
}

/* Inline suppressions are on and the text holds a marker (or, for Python, `nosec`). */
static bool has_comments_to_read(const ms_scan_options *opts, ms_lang_id lang, const char *text, uint32_t len) {
  if (!opts->inline_suppressions) return false;
  return memmem(text, len, MARKER, strlen(MARKER)) != NULL ||
         (lang == MS_LANG_PYTHON && opts->honor_nosec && memmem(text, len, "nosec", 5) != NULL);
}

bool ms_suppress_reads_tree(const ms_scan_options *opts, ms_lang_id lang, const char *text, uint32_t len) {
  return lang < MS_LANG_PARSED_COUNT && has_comments_to_read(opts, lang, text, len);
}

void ms_suppress_apply(const ms_scan_options *opts, const ms_ruleset *rules, ms_lang_id lang, TSNode root,
                       const char *text, uint32_t len, ms_file_result *out) {
  ctx c = {opts, rules, lang, text, len, out};
  if (has_comments_to_read(opts, lang, text, len)) {
    ms_suppression_array *acc = &out->suppressions;
    if (!ts_node_is_null(root)) tree_comments(&c, root, acc);
    else if (lang == MS_LANG_YAML || lang == MS_LANG_DOTENV) line_comments(&c, acc);
    apply_comments(rules, out, out->suppressions.items, out->suppressions.len);
  }
  apply_config(&c);
}

void ms_suppress_apply_recorded(const ms_scan_options *opts, const ms_ruleset *rules, ms_file_result *out) {
  if (out->skip != MS_SKIP_NONE) return;
  apply_comments(rules, out, out->suppressions.items, out->suppressions.len);
  ctx c = {opts, rules, (ms_lang_id)out->lang, NULL, 0, out};
  apply_config(&c);
}
