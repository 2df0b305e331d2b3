/* Per-file analysis: read with size/binary/type checks, parse with tree-sitter, run the
 * matchers of the rules that apply, and turn matches into findings (line/column, snippet,
 * enclosing function, fingerprint). Everything here is per worker; the ruleset is shared
 * read-only. */
#include "core/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/suppress.h"
#include "lang/facts.h"
#include "match/matcher.h"
#include "util/redact.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_SNIPPET_CODEPOINTS 200
#define TEXT_PADDING 64
#define MAX_FUNCTION_DEPTH 4096

void ms_worker_init(ms_worker *self, const ms_ruleset *rules, const ms_scan_options *opts, size_t parse_keep) {
  memset(self, 0, sizeof *self);
  self->rules = rules;
  self->opts = opts;
  ms_match_scratch_init(&self->scratch);
  self->active = ms_xcalloc(ms_ruleset_count(rules) + 1, sizeof(bool));
  self->prefilter_found = ms_xcalloc(ms_ruleset_prefilter_count(rules) + 1, sizeof(bool));
  self->arena = ms_parse_arena_new(parse_keep);
}

void ms_worker_dispose(ms_worker *self) {
  ms_parse_arena_delete(self->arena);
  ms_match_scratch_dispose(&self->scratch);
  ms_free(self->active);
  ms_free(self->prefilter_found);
}

/* ---- reading ---------------------------------------------------------------------------- */

static void skip(ms_file_result *out, ms_skip_reason why, const char *detail) {
  out->skip = why;
  out->skip_detail = detail ? ms_xstrdup(detail) : NULL;
}

/* Reads a regular file whole, refusing FIFOs/devices (opened non-blocking so they cannot
 * hang us) and files over the size cap; sb receives its fstat(2) data. On failure records why
 * in out and returns NULL. */
static char *read_file(const char *path, uint64_t max, uint32_t *len, ms_file_result *out, struct stat *sb) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    skip(out, MS_SKIP_UNREADABLE, strerror(errno));
    return NULL;
  }
  char *buf = NULL;
  if (fstat(fd, sb) != 0) {
    skip(out, MS_SKIP_UNREADABLE, strerror(errno));
    goto cleanup;
  }
  if (!S_ISREG(sb->st_mode)) {
    skip(out, MS_SKIP_NOT_REGULAR, NULL);
    goto cleanup;
  }
  out->bytes = (uint64_t)sb->st_size;
  if ((uint64_t)sb->st_size > max || (uint64_t)sb->st_size >= UINT32_MAX) {
    char *d = ms_xasprintf("%lld bytes, limit %llu", (long long)sb->st_size, (unsigned long long)max);
    skip(out, MS_SKIP_TOO_BIG, d);
    ms_free(d);
    goto cleanup;
  }
  /* The file may change while we read: never read more than the cap. The buffer has
   * TEXT_PADDING zeroed bytes after the text: PCRE2's JIT reads ahead with vector loads. */
  size_t cap = (size_t)sb->st_size + 1, n = 0;
  buf = ms_xmalloc(cap + TEXT_PADDING);
  for (;;) {
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      skip(out, MS_SKIP_UNREADABLE, strerror(errno));
      ms_free(buf);
      buf = NULL;
      goto cleanup;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n == cap) {
      if (cap > max) {
        skip(out, MS_SKIP_TOO_BIG, "file grew during the scan");
        ms_free(buf);
        buf = NULL;
        goto cleanup;
      }
      cap = cap * 2 > max + 1 ? (size_t)max + 1 : cap * 2;
      buf = ms_xrealloc(buf, cap + TEXT_PADDING);
    }
  }
  memset(buf + n, 0, cap + TEXT_PADDING - n);
  *len = (uint32_t)n;
  out->bytes = n;
cleanup:
  close(fd);
  return buf;
}

/* ---- positions and snippets --------------------------------------------------------------- */

typedef struct line_index {
  uint32_t *starts; /* byte offset of each line's first byte */
  uint32_t n;
} line_index;

static bool is_break(const char *text, uint32_t len, uint32_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
}

/* Lines end at \n, \r\n or a lone \r. Most files have no \r: memchr finds the \n's. */
static void line_index_build(line_index *li, const char *text, uint32_t len) {
  bool cr = memchr(text, '\r', len) != NULL;
  uint32_t count = 1;
  if (cr) {
    for (uint32_t i = 0; i < len; i++) count += is_break(text, len, i);
  } else {
    for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) count++;
  }
  li->starts = ms_xcalloc(count, sizeof(uint32_t));
  li->n = 0;
  li->starts[li->n++] = 0;
  if (cr) {
    for (uint32_t i = 0; i < len; i++)
      if (is_break(text, len, i)) li->starts[li->n++] = i + 1;
  } else {
    for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
      li->starts[li->n++] = (uint32_t)(p - text) + 1;
  }
}

/* 0-based line containing byte offset. */
static uint32_t line_of(const line_index *li, uint32_t offset) {
  uint32_t lo = 0, hi = li->n;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (li->starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

static void position(const line_index *li, const char *text, uint32_t offset, uint32_t *line, uint32_t *col) {
  uint32_t l = line_of(li, offset);
  *line = l + 1;
  *col = ms_utf8_count(text + li->starts[l], offset - li->starts[l]) + 1;
}

static uint32_t line_end(const line_index *li, const char *text, uint32_t len, uint32_t line0) {
  uint32_t e = line0 + 1 < li->n ? li->starts[line0 + 1] : len;
  while (e > li->starts[line0] && (text[e - 1] == '\n' || text[e - 1] == '\r')) e--;
  return e;
}

static char *snippet_of(const line_index *li, const char *text, uint32_t len, uint32_t line0) {
  uint32_t s = li->starts[line0], e = line_end(li, text, len, line0);
  while (s < e && (text[s] == ' ' || text[s] == '\t')) s++;
  while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t')) e--;
  uint32_t cut = s, cps = 0;
  while (cut < e && cps < MAX_SNIPPET_CODEPOINTS) {
    size_t n = ms_utf8_seqlen((const unsigned char *)text + cut, e - cut);
    cut += n ? (uint32_t)n : 1;
    cps++;
  }
  char *clean = ms_utf8_sanitize(text + s, cut - s);
  if (cut < e) {
    char *more = ms_xasprintf("%s…", clean);
    ms_free(clean);
    clean = more;
  }
  return clean;
}

/* The 1-based column of the snippet's first character: 1 + the blanks snippet_of trims. */
static uint32_t snippet_column(const line_index *li, const char *text, uint32_t len, uint32_t line0) {
  uint32_t s = li->starts[line0], e = line_end(li, text, len, line0), col = 1;
  while (s < e && (text[s] == ' ' || text[s] == '\t')) s++, col++;
  return col;
}

/* ---- enclosing function ------------------------------------------------------------------- */

static char *node_text(TSNode n, const char *text) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return ms_utf8_sanitize(text + s, e - s);
}

static bool is_function(const char *type) {
  return strcmp(type, "function_definition") == 0 || strcmp(type, "function_declaration") == 0 ||
         strcmp(type, "generator_function_declaration") == 0 || strcmp(type, "method_definition") == 0 ||
         strcmp(type, "function_expression") == 0 || strcmp(type, "function") == 0 ||
         strcmp(type, "arrow_function") == 0 || strcmp(type, "generator_function") == 0;
}

/* The name of the nearest named function around [start, end): its own name, or the variable,
 * property or field it is assigned to. Anonymous callbacks are looked through. */
static char *enclosing_function(TSNode root, uint32_t start, uint32_t end, const char *text) {
  if (ts_node_is_null(root)) return NULL;
  TSNode n = ts_node_descendant_for_byte_range(root, start, end);
  for (int depth = 0; !ts_node_is_null(n) && depth < MAX_FUNCTION_DEPTH; depth++, n = ts_node_parent(n)) {
    if (!is_function(ts_node_type(n))) continue;
    TSNode name = ts_node_child_by_field_name(n, "name", 4);
    if (ts_node_is_null(name)) {
      TSNode parent = ts_node_parent(n);
      if (ts_node_is_null(parent)) continue;
      const char *pt = ts_node_type(parent);
      if (strcmp(pt, "variable_declarator") == 0) name = ts_node_child_by_field_name(parent, "name", 4);
      else if (strcmp(pt, "pair") == 0) name = ts_node_child_by_field_name(parent, "key", 3);
      else if (strcmp(pt, "assignment_expression") == 0) name = ts_node_child_by_field_name(parent, "left", 4);
      else if (strcmp(pt, "public_field_definition") == 0 || strcmp(pt, "field_definition") == 0)
        name = ts_node_child_by_field_name(parent, "name", 4);
    }
    if (!ts_node_is_null(name)) return node_text(name, text);
  }
  return NULL;
}

/* ---- findings ----------------------------------------------------------------------------- */

/* A secret a matcher found: no finding of the file may show it (see redact_findings). */
typedef struct secret_span {
  uint32_t start, end;
  char *shown; /* owned */
} secret_span;

typedef struct emit_ctx {
  ms_worker *w;
  const char *text;
  uint32_t len;
  const line_index *li;
  TSNode root;
  ms_file_result *out;
  ms_array(secret_span) secrets;
} emit_ctx;

static void free_report(ms_match_report *rep) {
  ms_free(rep->message);
  ms_free(rep->redacted);
  for (uint32_t i = 0; i < rep->nsteps; i++) ms_free(rep->steps[i].label);
  ms_free(rep->steps);
}

static ms_span span_of(const emit_ctx *c, uint32_t start, uint32_t end) {
  ms_span s = {start, end, 0, 0, 0, 0};
  position(c->li, c->text, start, &s.start_line, &s.start_col);
  position(c->li, c->text, end, &s.end_line, &s.end_col);
  return s;
}

static void emit(void *payload, ms_match_report *rep) {
  emit_ctx *c = payload;
  ms_file_result *out = c->out;
  uint32_t rule = rep->rule, start = rep->start_byte, end = rep->end_byte;
  if (rep->redacted) {
    ms_array_push(&c->secrets, ((secret_span){rep->secret_start, rep->secret_end, rep->redacted}));
    rep->redacted = NULL;
  }
  if (out->findings.len >= c->w->opts->max_findings_per_file) {
    out->findings_truncated = true;
    free_report(rep);
    return;
  }
  const ms_rule *r = ms_ruleset_get(c->w->rules, rule);
  ms_finding f = {0};
  f.confidence = rep->confidence;
  f.rule = rule;
  f.severity = rep->has_severity ? rep->severity : r->severity;
  f.message = rep->message;
  rep->message = NULL;
  f.span = span_of(c, start, end);
  for (uint32_t i = 0; i < rep->nsteps; i++) {
    ms_trace_step step = {span_of(c, rep->steps[i].start_byte, rep->steps[i].end_byte), rep->steps[i].label};
    rep->steps[i].label = NULL;
    ms_array_push(&f.trace, step);
  }
  f.snippet = snippet_of(c->li, c->text, c->len, f.span.start_line - 1);
  f.snippet_col = snippet_column(c->li, c->text, c->len, f.span.start_line - 1);
  f.function = enclosing_function(c->root, start, end, c->text);
  const ms_handler *h = ms_facts_handler_at(&out->facts, start, end);
  if (rep->tool) f.tool = ms_xstrdup(rep->tool);
  else if (h && h->low_level) f.tool = ms_facts_dispatch_name(c->root, start, end, h, c->text, c->len);
  else if (h && h->kind == MS_HANDLER_TOOL) f.tool = ms_xstrdup(h->name);
  f.fingerprint = ms_finding_fingerprint(r->id, f.snippet, f.function);
  ms_array_push(&out->findings, f);
  free_report(rep);
}

static bool overlaps(const secret_span *sp, uint32_t start, uint32_t end) {
  return sp->start <= end && start <= sp->end;
}

/* Whether a finding's text may hold the secret: the secret overlaps the finding's span, its
 * snippet's line or a step of its trace (messages and labels quote text from those). */
static bool finding_near(const emit_ctx *c, const ms_finding *f, const secret_span *sp) {
  uint32_t l = f->span.start_line - 1;
  if (overlaps(sp, f->span.start_byte, f->span.end_byte) ||
      overlaps(sp, c->li->starts[l], line_end(c->li, c->text, c->len, l)))
    return true;
  for (uint32_t t = 0; t < f->trace.len; t++)
    if (overlaps(sp, f->trace.items[t].span.start_byte, f->trace.items[t].span.end_byte)) return true;
  return false;
}

/* Every secret found in the file is redacted from the snippet, message and trace of every
 * finding near it, whichever rule reported the finding (a taint finding on the line of a
 * hardcoded token too); the fingerprint of a changed snippet is recomputed, so it never hashes
 * a secret either. */
static void redact_findings(emit_ctx *c) {
  for (uint32_t s = 0; s < c->secrets.len; s++) {
    const secret_span *sp = &c->secrets.items[s];
    const char *secret = c->text + sp->start;
    size_t n = sp->end - sp->start;
    for (uint32_t i = 0; i < c->out->findings.len; i++) {
      ms_finding *f = &c->out->findings.items[i];
      if (!finding_near(c, f, sp)) continue;
      ms_redact_replace(&f->message, secret, n, sp->shown);
      for (uint32_t t = 0; t < f->trace.len; t++) ms_redact_replace(&f->trace.items[t].label, secret, n, sp->shown);
      if (ms_redact_replace(&f->snippet, secret, n, sp->shown)) {
        ms_free(f->fingerprint);
        f->fingerprint = ms_finding_fingerprint(ms_ruleset_get(c->w->rules, f->rule)->id, f->snippet, f->function);
      }
    }
  }
  for (uint32_t s = 0; s < c->secrets.len; s++) ms_free(c->secrets.items[s].shown);
  ms_array_free(&c->secrets);
}

/* Sorts, drops duplicates (one rule reporting the same start twice, e.g. via two patterns),
 * and makes fingerprints unique within the file by numbering repeats. */
static void finish_findings(ms_worker *w, ms_file_result *out) {
  ms_finding_array *fa = &out->findings;
  if (fa->len == 0) return;
  qsort_r(fa->items, fa->len, sizeof(ms_finding), ms_ruleset_finding_cmp, (void *)w->rules);
  uint32_t keep = 1;
  for (uint32_t i = 1; i < fa->len; i++) {
    ms_finding *prev = &fa->items[keep - 1], *cur = &fa->items[i];
    if (cur->rule == prev->rule && cur->span.start_byte == prev->span.start_byte) {
      ms_finding_dispose(cur);
      continue;
    }
    fa->items[keep++] = *cur;
  }
  fa->len = keep;
  /* A rule that supersedes others (taint over the pattern rules of the same sinks) keeps the
   * line to itself: the same line is never reported twice. */
  keep = 0;
  for (uint32_t i = 0; i < fa->len; i++) {
    const ms_rule *ri = ms_ruleset_get(w->rules, fa->items[i].rule);
    bool superseded = false;
    for (uint32_t j = 0; j < fa->len && !superseded; j++) {
      const ms_rule *rj = ms_ruleset_get(w->rules, fa->items[j].rule);
      if (j == i || fa->items[j].span.start_line != fa->items[i].span.start_line) continue;
      for (uint32_t k = 0; k < rj->nsupersedes && !superseded; k++) superseded = strcmp(rj->supersedes[k], ri->id) == 0;
    }
    if (superseded) ms_finding_dispose(&fa->items[i]);
    else fa->items[keep++] = fa->items[i];
  }
  fa->len = keep;
  for (uint32_t i = 1; i < fa->len; i++) {
    uint32_t occurrence = 1;
    for (uint32_t j = 0; j < i; j++)
      if (strncmp(fa->items[j].fingerprint, fa->items[i].fingerprint, 32) == 0) occurrence++;
    if (occurrence > 1) {
      char *fp = ms_xasprintf("%.32s-%u", fa->items[i].fingerprint, occurrence);
      ms_free(fa->items[i].fingerprint);
      fa->items[i].fingerprint = fp;
    }
  }
}

/* ---- the analysis ------------------------------------------------------------------------- */

/* Facts' sites carry what a project-level finding reports, so that pass never rereads the file. */
static void resolve_sites(ms_facts *facts, const line_index *li, TSNode root, const char *text, uint32_t len) {
  for (uint32_t i = 0; i < facts->sites.len; i++) {
    ms_site *s = &facts->sites.items[i];
    position(li, text, s->start_byte, &s->line, &s->col);
    position(li, text, s->end_byte, &s->end_line, &s->end_col);
    s->snippet = snippet_of(li, text, len, s->line - 1);
    s->function = enclosing_function(root, s->start_byte, s->end_byte, text);
  }
}

/* Parses text into the worker's arena; a tree cut short by the file's limits (time, memory)
 * is none, and the file's results are marked incomplete. */
static bool parse(ms_worker *self, ms_lang_id lang, const char *text, uint32_t len, ms_file_result *out, TSNode *root) {
  TSTree *tree = ms_parse_arena_parse(self->arena, ms_lang_get(lang)->ts_language(), text, len, self->cancel);
  if (tree == NULL) {
    out->findings_truncated = true;
    return false;
  }
  *root = ts_tree_root_node(tree);
  out->syntax_error = ts_node_has_error(*root);
  return true;
}

/* The findings emitted before the file was parsed get their enclosing function, and with it
 * their fingerprint, as if the tree had been there from the start. */
static void name_functions(emit_ctx *c, TSNode root) {
  c->root = root;
  for (uint32_t i = 0; i < c->out->findings.len; i++) {
    ms_finding *f = &c->out->findings.items[i];
    ms_free(f->function);
    f->function = enclosing_function(root, f->span.start_byte, f->span.end_byte, c->text);
    ms_free(f->fingerprint);
    f->fingerprint = ms_finding_fingerprint(ms_ruleset_get(c->w->rules, f->rule)->id, f->snippet, f->function);
  }
}

void ms_worker_scan_buffer(ms_worker *self, const char *path, ms_lang_id lang, const char *text, uint32_t len,
                           ms_file_result *out) {
  const ms_ruleset *rs = self->rules;
  uint32_t nrules = ms_ruleset_count(rs);
  /* A UTF-8 byte-order mark is invisible in editors: positions are counted after it. */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    text += 3;
    len -= 3;
  }
  bool any_of_kind[MS_MATCHER_COUNT] = {false};
  out->lang = lang;
  if (out->path == NULL) out->path = ms_xstrdup(path);
  ms_match_scratch_begin_file(&self->scratch, lang, text, len);
  if (!self->facts_only)
    ms_ruleset_prefilter_scan(rs, ms_match_scratch_literals(&self->scratch), text, len, self->prefilter_found);
  /* Declaration files (x.d.ts, x.pyi) never run: the built-in rules about code (query, taint)
   * cannot find anything real in them, and they add nothing to the MCP model. Secrets, user
   * rules and syntax diagnostics still apply. */
  bool declarations = lang < MS_LANG_PARSED_COUNT && ms_lang_is_declaration_file(path);
  for (uint32_t i = 0; i < nrules; i++) {
    const ms_rule *r = ms_ruleset_get(rs, i);
    bool code_rule = r->builtin && (r->matcher == MS_MATCHER_QUERY || r->matcher == MS_MATCHER_TAINT);
    bool on = !self->facts_only && (self->opts->enabled == NULL || self->opts->enabled[i]) && (r->langs & (1u << lang)) &&
              !(declarations && code_rule) && ms_ruleset_prefilter_passes(rs, i, self->prefilter_found);
    self->active[i] = on;
    any_of_kind[r->matcher] |= on;
  }
  line_index li;
  line_index_build(&li, text, len);
  out->lines = (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r')) ? li.n - 1 : li.n;
  if (len == 0) out->lines = 0;

  /* Every source file is parsed, even with no query rule active (its facts, its syntax errors,
   * its findings' enclosing functions), except a declaration file whose tree nothing reads:
   * no active rule matches on trees and no suppression comment is there. Such a file is
   * parsed after its matchers only if a finding needs its enclosing function. */
  bool tree_read = !declarations || ms_suppress_reads_tree(self->opts, lang, text, len);
  for (int k = 0; k < MS_MATCHER_COUNT && !tree_read; k++)
    tree_read = any_of_kind[k] && ms_matcher_get((ms_matcher_kind)k)->needs_tree;
  TSNode root = {0};
  if (lang < MS_LANG_PARSED_COUNT && tree_read && parse(self, lang, text, len, out, &root) && !declarations) {
    ms_facts_extract(lang, root, text, len, &out->facts);
    resolve_sites(&out->facts, &li, root, text, len);
  } else if (lang == MS_LANG_JSON) { /* tool lists in manifests: metadata texts, no tree */
    ms_facts_extract(lang, root, text, len, &out->facts);
  }
  emit_ctx ctx = {self, text, len, &li, root, out, MS_ARRAY_INIT};
  ms_match_input in = {text, len, root, self->active, self->cancel, &out->facts, out->path, self->opts->no_redact,
                       self->opts->jobs == 1};
  for (int k = 0; k < MS_MATCHER_COUNT; k++) {
    const ms_matcher *m = ms_matcher_get((ms_matcher_kind)k);
    const void *set = ms_ruleset_matcher_set(rs, (ms_matcher_kind)k);
    if (set == NULL || !any_of_kind[k] || (m->needs_tree && ts_node_is_null(root))) continue;
    if (!m->run(set, lang, &self->scratch, &in, emit, &ctx)) out->findings_truncated = true;
  }
  if (lang < MS_LANG_PARSED_COUNT && !tree_read && out->findings.len > 0 && parse(self, lang, text, len, out, &root))
    name_functions(&ctx, root);
  redact_findings(&ctx);
  finish_findings(self, out);
  ms_suppress_apply(self->opts, rs, lang, root, text, len, out);
  ms_parse_arena_reset(self->arena); /* the tree with it */
  ms_free(li.starts);
}

bool ms_worker_scan_file(ms_worker *self, const char *path, ms_lang_id lang, const struct stat *known,
                         ms_file_result *out) {
  memset(out, 0, sizeof *out);
  out->path = ms_xstrdup(path);
  out->lang = lang;
  struct stat sb;
  if (known) sb = *known;
  bool stated = self->cache && lang != MS_LANG_NONE && (known != NULL || stat(path, &sb) == 0);
  if (ms_worker__cache_get_unread(self, path, lang, stated ? &sb : NULL, out)) return true;
  struct timespec opened;
  clock_gettime(CLOCK_REALTIME, &opened);
  uint32_t len = 0;
  char *text = read_file(path, self->opts->max_file_size, &len, out, &sb);
  if (text == NULL) return lang != MS_LANG_NONE;
  if (lang == MS_LANG_NONE) {
    lang = ms_lang_detect(path, text, len);
    if (lang == MS_LANG_NONE) {
      ms_free(text);
      return false;
    }
    out->lang = lang;
  }
  uint8_t key[32];
  int64_t opened_ns = (int64_t)opened.tv_sec * 1000000000LL + opened.tv_nsec;
  if (!ms_worker__cache_get(self, path, lang, text, len, &sb, opened_ns, key, out)) {
    if (memchr(text, '\0', len) != NULL) {
      skip(out, MS_SKIP_BINARY, "contains NUL bytes");
    } else {
      ms_worker_scan_buffer(self, path, lang, text, len, out);
    }
    ms_worker__cache_put(self, key, out);
  }
  ms_free(text);
  return true;
}
