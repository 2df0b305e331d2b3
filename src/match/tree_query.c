/* Our matcher for tree-sitter's query language; see tree_query.h. The reader follows
 * ts_query__parse_pattern (tree-sitter 0.20.7, lib/src/query.c) and declines what it does not
 * model; the matcher enumerates, by backtracking, the ways a pattern's items take a node's
 * children. Not a validator and not a general query engine: query.c keeps tree-sitter's for the
 * rest. */
#include "match/tree_query.h"

#include <string.h>

#include "match/query_lex.h"
#include "match/query_preds.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { Q_ONE, Q_OPT, Q_STAR, Q_PLUS }; /* an item's quantifier */

#define SYM_ERROR ((TSSymbol)-1) /* tree-sitter's ts_builtin_sym_error */
#define MAX_CAPS 4u  /* captures on one item (tree-sitter keeps 3) */
#define MAX_NEGS 8u  /* negated fields on one node (tree-sitter's MAX_NEGATED_FIELD_COUNT) */

/* A node pattern, or an alternation of node patterns (its branches; the alternation's field and
 * captures are copied into each, as tree-sitter copies them into each branch's first step). */
typedef struct item {
  uint32_t kids, nkids;         /* a node: its child items (indices into refs) */
  uint32_t branches, nbranches; /* an alternation: its node items (indices into refs); 0 for a node */
  TSSymbol symbol;              /* a node that is not a wildcard */
  TSFieldId field;              /* the field the node must have in its parent, 0 for any */
  TSFieldId negs[MAX_NEGS];     /* fields the node must not have (!field) */
  uint16_t caps[MAX_CAPS];      /* capture ids */
  uint8_t nnegs, ncaps;
  uint8_t quant;                /* Q_* */
  bool wildcard;                /* (_) or _ */
  bool named;                   /* a wildcard that matches named nodes only: (_) */
  bool immediate;               /* `.` before it: the first named node after the previous item's (or its parent's first) */
  bool last;                    /* `.` after it, closing its parent: no named node after it */
} item;

typedef struct tq_pattern {
  uint32_t root;               /* its item */
  uint32_t start;              /* where it starts in the query's text */
  uint32_t steps, nsteps;      /* its predicates (into steps) */
  bool disabled;
} tq_pattern;

typedef struct name {
  char *text; /* owned, NUL-terminated */
  uint32_t len;
} name;

struct ms_tree_query {
  ms_array(item) items;
  ms_array(uint32_t) refs;
  ms_array(tq_pattern) patterns;
  ms_array(name) captures;
  ms_array(name) strings;
  ms_array(TSQueryPredicateStep) steps;
  uint32_t nsyms;      /* the grammar's symbol count */
  uint32_t *by_sym;    /* per symbol s, its patterns are roots[by_sym[s] .. by_sym[s + 1]) */
  uint32_t *roots;     /* patterns by root symbol, in pattern order */
  ms_array(uint32_t) wild; /* patterns whose root may be any node, in order */
};

/* ---- reading ------------------------------------------------------------------------------ */

#define MAX_NESTING 256u /* brackets in a pattern: deeper is declined (the reader recurses) */

typedef struct reader {
  const char *t;
  uint32_t i, n;
  uint32_t nesting;
  const TSLanguage *lang;
  ms_tree_query *q;
  ms_strbuf buf;
} reader;

enum { READ_OK, READ_DONE, READ_NO }; /* an item read; a `)` or `]` closes its parent; declined */

static void skip(reader *r) { r->i = ms_query_lex_past_space(r->t, r->i, r->n); }

static bool at(const reader *r, char c) { return r->i < r->n && r->t[r->i] == c; }

static bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static uint32_t new_item(reader *r) {
  item it;
  memset(&it, 0, sizeof it);
  ms_array_push(&r->q->items, it);
  return r->q->items.len - 1;
}

/* The id of capture text[0..len), or the capture count when the query has none so named. */
static uint32_t find_capture(const ms_tree_query *q, const char *text, uint32_t len) {
  uint32_t k = 0;
  while (k < q->captures.len && !(q->captures.items[k].len == len && memcmp(q->captures.items[k].text, text, len) == 0))
    k++;
  return k;
}

/* The id of capture text[0..len), added when new. */
static uint32_t capture_id(ms_tree_query *q, const char *text, uint32_t len) {
  uint32_t k = find_capture(q, text, len);
  if (k < q->captures.len) return k;
  name nm = {ms_xstrndup(text, len), len};
  ms_array_push(&q->captures, nm);
  return q->captures.len - 1;
}

/* Appends the indices list[0..n) to refs; returns where they start. */
static uint32_t put_refs(ms_tree_query *q, const uint32_t *list, uint32_t n) {
  uint32_t first = q->refs.len;
  for (uint32_t k = 0; k < n; k++) ms_array_push(&q->refs, list[k]);
  return first;
}

/* The node items an item stands for: itself, or an alternation's branches. */
static uint32_t branch_count(const item *it) { return it->nbranches ? it->nbranches : 1; }

/* Branch k of x (k < branch_count(x)). */
static const item *branch_of(const ms_tree_query *q, const item *x, uint32_t k) {
  return x->nbranches ? &q->items.items[q->refs.items[x->branches + k]] : x;
}

/* The same, to write, while the query is read. */
static item *branch(ms_tree_query *q, uint32_t it, uint32_t k) {
  return &q->items.items[branch_of(q, &q->items.items[it], k) - q->items.items];
}

static int read_item(reader *r, uint32_t depth, bool immediate, uint32_t *out);

/* A predicate group `(#name ...)` at r->i (its `(`): skipped, since query_preds.h reads the
 * pattern's predicates from its text. */
static bool at_predicate(const reader *r) {
  if (!at(r, '(')) return false;
  uint32_t j = ms_query_lex_past_space(r->t, r->i + 1, r->n);
  return j < r->n && r->t[j] == '#';
}

static bool skip_group(reader *r) {
  uint32_t end = ms_query_lex_past_group(r->t, r->i, r->n);
  if (end == MS_QUERY_LEX_NONE) return false;
  r->i = end;
  return true;
}

/* From past `(` and the node type: the negated fields and child items up to the closing `)`. */
static int read_children(reader *r, uint32_t self, uint32_t depth) {
  ms_array(uint32_t) kids = MS_ARRAY_INIT;
  int st = READ_NO;
  bool immediate = false;
  for (;;) {
    skip(r);
    if (at(r, '!')) {
      r->i++;
      skip(r);
      uint32_t end = ms_query_lex_past_ident(r->t, r->i, r->n);
      TSFieldId f = end > r->i && ident_start(r->t[r->i])
                        ? ts_language_field_id_for_name(r->lang, r->t + r->i, end - r->i)
                        : 0;
      item *x = &r->q->items.items[self];
      if (f == 0 || x->nnegs == MAX_NEGS) goto done;
      x->negs[x->nnegs++] = f;
      r->i = end;
      continue;
    }
    if (at(r, '.')) {
      immediate = true;
      r->i++;
      skip(r);
    }
    if (at_predicate(r)) {
      if (immediate || !skip_group(r)) goto done;
      continue;
    }
    uint32_t kid = 0;
    int k = read_item(r, depth + 1, immediate, &kid);
    if (k == READ_NO) goto done;
    if (k == READ_DONE) {
      if (!at(r, ')')) goto done;
      if (immediate) {
        if (kids.len == 0) goto done;
        r->q->items.items[kids.items[kids.len - 1]].last = true;
      }
      r->i++;
      break;
    }
    ms_array_push(&kids, kid);
    immediate = false;
  }
  item *x = &r->q->items.items[self];
  x->kids = put_refs(r->q, kids.items, kids.len);
  x->nkids = kids.len;
  st = READ_OK;
done:
  ms_array_free(&kids);
  return st;
}

/* From `(`: a node, or at the top level a group of one pattern and its predicates. */
static int read_paren(reader *r, uint32_t depth, bool immediate, uint32_t *out) {
  r->i++;
  skip(r);
  if (at(r, '(') || at(r, '"') || at(r, '[')) { /* a group: only the top level's (pattern preds) */
    if (depth > 0) return READ_NO;
    bool have = false;
    for (;;) {
      skip(r);
      if (at(r, ')')) break;
      if (at_predicate(r)) {
        if (!skip_group(r)) return READ_NO;
        continue;
      }
      if (have || read_item(r, depth, immediate, out) != READ_OK) return READ_NO;
      have = true;
    }
    r->i++;
    return have ? READ_OK : READ_NO;
  }
  if (r->i >= r->n || !ident_start(r->t[r->i])) return READ_NO; /* predicates, `(.`, syntax errors */
  uint32_t end = ms_query_lex_past_ident(r->t, r->i, r->n);
  const char *type = r->t + r->i;
  uint32_t len = end - r->i;
  if (type[len - 1] == '!' || type[len - 1] == '?') return READ_NO; /* a legacy predicate */
  uint32_t self = new_item(r);
  item *x = &r->q->items.items[self];
  x->immediate = immediate;
  if (len == 1 && type[0] == '_') {
    x->wildcard = x->named = true;
  } else {
    if (strncmp(type, "ERROR", len) == 0) return READ_NO; /* (ERROR), and tree-sitter reads (E) so too */
    x->symbol = ts_language_symbol_for_name(r->lang, type, len, true);
    /* A supertype is the one hidden type it finds. */
    if (x->symbol == 0 || ts_language_symbol_type(r->lang, x->symbol) == TSSymbolTypeAuxiliary) return READ_NO;
  }
  r->i = end;
  skip(r);
  if (at(r, '/')) return READ_NO; /* a supertype's subtype */
  int st = read_children(r, self, depth);
  *out = self;
  return st;
}

/* `[ ... ]`: an alternation of node patterns. */
static int read_alternation(reader *r, uint32_t depth, bool immediate, uint32_t *out) {
  r->i++;
  ms_array(uint32_t) branches = MS_ARRAY_INIT;
  int st = READ_NO;
  for (;;) {
    skip(r);
    uint32_t b = 0;
    int k = read_item(r, depth, immediate, &b);
    if (k == READ_DONE && at(r, ']') && branches.len > 0) {
      r->i++;
      break;
    }
    const item *x = k == READ_OK ? &r->q->items.items[b] : NULL;
    if (x == NULL || x->nbranches || x->quant != Q_ONE || x->field) goto done;
    ms_array_push(&branches, b);
  }
  uint32_t self = new_item(r);
  item *x = &r->q->items.items[self];
  x->immediate = immediate;
  x->branches = put_refs(r->q, branches.items, branches.len);
  x->nbranches = branches.len;
  *out = self;
  st = READ_OK;
done:
  ms_array_free(&branches);
  return st;
}

/* Captures and quantifiers after an item. */
static int read_suffixes(reader *r, uint32_t self, uint32_t depth) {
  for (;;) {
    skip(r);
    item *x = &r->q->items.items[self];
    if (at(r, '?') || at(r, '*') || at(r, '+')) {
      if (depth == 0 || x->quant != Q_ONE) return READ_NO;
      x->quant = at(r, '?') ? Q_OPT : at(r, '*') ? Q_STAR : Q_PLUS;
      /* A repetition may start at any child unless anchored: tree-sitter's states, merged as
       * they go, find its longest runs in one pass where backtracking tries every start. */
      if (x->quant != Q_OPT && !x->immediate) return READ_NO;
      r->i++;
      continue;
    }
    if (!at(r, '@')) return READ_OK;
    r->i++;
    if (r->i >= r->n || !ident_start(r->t[r->i])) return READ_NO;
    uint32_t end = ms_query_lex_past_ident(r->t, r->i, r->n);
    uint32_t id = capture_id(r->q, r->t + r->i, end - r->i);
    r->i = end;
    for (uint32_t k = 0; k < branch_count(x); k++) {
      item *b = branch(r->q, self, k);
      if (b->ncaps == MAX_CAPS) return READ_NO;
      b->caps[b->ncaps++] = (uint16_t)id;
    }
  }
}

static int read_item_at(reader *r, uint32_t depth, bool immediate, uint32_t *out);

static int read_item(reader *r, uint32_t depth, bool immediate, uint32_t *out) {
  if (r->nesting == MAX_NESTING) return READ_NO;
  r->nesting++;
  int st = read_item_at(r, depth, immediate, out);
  r->nesting--;
  return st;
}

static int read_item_at(reader *r, uint32_t depth, bool immediate, uint32_t *out) {
  skip(r);
  if (r->i >= r->n) return READ_NO;
  char c = r->t[r->i];
  if (c == ')' || c == ']') return READ_DONE;
  int st = READ_NO;
  if (c == '[') {
    st = read_alternation(r, depth, immediate, out);
  } else if (c == '(') {
    st = read_paren(r, depth, immediate, out);
  } else if (c == '_' && !ms_query_lex_ident_char(r->i + 1 < r->n ? r->t[r->i + 1] : ' ')) {
    r->i++;
    *out = new_item(r);
    r->q->items.items[*out].wildcard = true;
    r->q->items.items[*out].immediate = immediate;
    st = READ_OK;
  } else if (c == '"') {
    ms_strbuf_clear(&r->buf);
    uint32_t end = ms_query_text_string(r->t, r->i, r->n, &r->buf);
    if (end == MS_QUERY_LEX_NONE || r->buf.len == 0 || strncmp(r->buf.ptr, "ERROR", r->buf.len) == 0) return READ_NO;
    TSSymbol sym = ts_language_symbol_for_name(r->lang, r->buf.ptr, (uint32_t)r->buf.len, false);
    if (sym == 0) return READ_NO;
    r->i = end;
    *out = new_item(r);
    r->q->items.items[*out].symbol = sym;
    r->q->items.items[*out].immediate = immediate;
    st = READ_OK;
  } else if (ident_start(c)) { /* field: pattern */
    if (depth == 0) return READ_NO;
    uint32_t end = ms_query_lex_past_ident(r->t, r->i, r->n);
    TSFieldId f = ts_language_field_id_for_name(r->lang, r->t + r->i, end - r->i);
    r->i = ms_query_lex_past_space(r->t, end, r->n);
    if (f == 0 || !at(r, ':')) return READ_NO;
    r->i++;
    if (read_item(r, depth, immediate, out) != READ_OK) return READ_NO;
    const item *x = &r->q->items.items[*out];
    for (uint32_t k = 0; k < branch_count(x); k++) branch(r->q, *out, k)->field = f;
    return READ_OK; /* the suffixes were read with the pattern */
  }
  if (st != READ_OK) return st;
  return read_suffixes(r, *out, depth);
}

/* The predicates of the pattern text[0..len) as tree-sitter's steps. */
static bool read_predicates(ms_tree_query *q, const char *text, uint32_t len, tq_pattern *p) {
  ms_text_preds preds = MS_ARRAY_INIT;
  bool ok = ms_query_text_predicates(text, len, &preds);
  p->steps = q->steps.len;
  for (uint32_t k = 0; k < preds.len && ok; k++) {
    const ms_text_pred *tp = &preds.items[k];
    name nm = {ms_xstrndup(tp->name, tp->name_len), tp->name_len};
    ms_array_push(&q->strings, nm);
    TSQueryPredicateStep s = {TSQueryPredicateStepTypeString, q->strings.len - 1};
    ms_array_push(&q->steps, s);
    for (uint32_t a = 0; a < tp->args.len && ok; a++) {
      const ms_text_arg *arg = &tp->args.items[a];
      if (arg->capture) {
        uint32_t id = find_capture(q, arg->text, arg->len);
        ok = id < q->captures.len; /* tree-sitter: an unknown capture is an error */
        s = (TSQueryPredicateStep){TSQueryPredicateStepTypeCapture, id};
      } else {
        name v = {ms_xstrndup(arg->text, arg->len), arg->len};
        ms_array_push(&q->strings, v);
        s = (TSQueryPredicateStep){TSQueryPredicateStepTypeString, q->strings.len - 1};
      }
      ms_array_push(&q->steps, s);
    }
    s = (TSQueryPredicateStep){TSQueryPredicateStepTypeDone, 0};
    ms_array_push(&q->steps, s);
  }
  p->nsteps = q->steps.len - p->steps;
  ms_text_preds_free(&preds);
  return ok;
}

/* Files each pattern under the symbols its root can have (or as a wildcard). */
static void index_roots(ms_tree_query *q, const TSLanguage *lang) {
  q->nsyms = ts_language_symbol_count(lang);
  q->by_sym = ms_xcalloc((size_t)q->nsyms + 1, sizeof(uint32_t));
  uint32_t total = 0;
  for (int pass = 0; pass < 2; pass++) {
    uint32_t *fill = pass ? ms_xcalloc((size_t)q->nsyms + 1, sizeof(uint32_t)) : NULL;
    if (pass) memcpy(fill, q->by_sym, ((size_t)q->nsyms + 1) * sizeof(uint32_t));
    for (uint32_t p = 0; p < q->patterns.len; p++) {
      uint32_t root = q->patterns.items[p].root;
      const item *x = &q->items.items[root];
      bool wild = false;
      for (uint32_t k = 0; k < branch_count(x); k++) wild |= branch_of(q, x, k)->wildcard;
      if (wild) {
        if (pass == 0) ms_array_push(&q->wild, p);
        continue;
      }
      for (uint32_t k = 0; k < branch_count(x); k++) {
        TSSymbol s = branch_of(q, x, k)->symbol;
        bool again = false; /* two branches of one type file the pattern once */
        for (uint32_t j = 0; j < k; j++) again |= branch_of(q, x, j)->symbol == s;
        if (again) continue;
        if (pass == 0) q->by_sym[s + 1]++, total++;
        else q->roots[fill[s]++] = p;
      }
    }
    if (pass == 0) {
      for (uint32_t s = 0; s < q->nsyms; s++) q->by_sym[s + 1] += q->by_sym[s];
      q->roots = ms_xcalloc(total ? total : 1, sizeof(uint32_t));
    }
    ms_free(fill);
  }
}

ms_tree_query *ms_tree_query_new(const TSLanguage *lang, const char *src, uint32_t len) {
  ms_tree_query *q = ms_xcalloc(1, sizeof *q);
  reader r = {src, 0, len, 0, lang, q, MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED)};
  bool ok = true;
  for (skip(&r); r.i < r.n && ok; skip(&r)) {
    tq_pattern p = {0, r.i, 0, 0, false};
    ok = read_item(&r, 0, false, &p.root) == READ_OK && read_predicates(q, src + p.start, r.i - p.start, &p);
    if (ok) ms_array_push(&q->patterns, p);
  }
  ms_strbuf_dispose(&r.buf);
  if (!ok) {
    ms_tree_query_free(q);
    return NULL;
  }
  index_roots(q, lang);
  return q;
}

static void free_names(name *names, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) ms_free(names[k].text);
}

void ms_tree_query_free(ms_tree_query *self) {
  if (self == NULL) return;
  free_names(self->captures.items, self->captures.len);
  free_names(self->strings.items, self->strings.len);
  ms_array_free(&self->captures);
  ms_array_free(&self->strings);
  ms_array_free(&self->items);
  ms_array_free(&self->refs);
  ms_array_free(&self->patterns);
  ms_array_free(&self->steps);
  ms_array_free(&self->wild);
  ms_free(self->by_sym);
  ms_free(self->roots);
  ms_free(self);
}

uint32_t ms_tree_query_pattern_count(const ms_tree_query *self) { return self->patterns.len; }

uint32_t ms_tree_query_start_byte_for_pattern(const ms_tree_query *self, uint32_t pattern) {
  return self->patterns.items[pattern].start;
}

uint32_t ms_tree_query_capture_count(const ms_tree_query *self) { return self->captures.len; }

const char *ms_tree_query_capture_name_for_id(const ms_tree_query *self, uint32_t id, uint32_t *len) {
  *len = self->captures.items[id].len;
  return self->captures.items[id].text;
}

const TSQueryPredicateStep *ms_tree_query_predicates_for_pattern(const ms_tree_query *self, uint32_t pattern,
                                                                 uint32_t *nsteps) {
  *nsteps = self->patterns.items[pattern].nsteps;
  return self->steps.items + self->patterns.items[pattern].steps;
}

const char *ms_tree_query_string_value_for_id(const ms_tree_query *self, uint32_t id, uint32_t *len) {
  *len = self->strings.items[id].len;
  return self->strings.items[id].text;
}

void ms_tree_query_disable_pattern(ms_tree_query *self, uint32_t pattern) {
  self->patterns.items[pattern].disabled = true;
}

/* ---- matching ----------------------------------------------------------------------------- */

/* Bounds on the work of one pattern at one node: a hostile tree (thousands of siblings under a
 * pattern with repetitions) gives up there and the run reports itself incomplete. */
#define MAX_STEPS (1u << 18)
#define MAX_MATCHES 4096u
#define MAX_DEPTH 512u

typedef struct kid {
  TSNode node;
  TSFieldId field;
  bool named;
} kid;

struct ms_tree_query_cursor {
  TSTreeCursor walk, list; /* the run's walk, and the listing of a node's children */
  bool walking, listing;   /* whether each has been made */
  ms_array(kid) kids;      /* the children of the nodes being matched, node after node */
  ms_array(TSQueryCapture) caps;  /* the captures of the match in progress */
  ms_array(TSQueryCapture) found; /* the matches of the pattern at the node, back to back */
  ms_array(uint32_t) ends;        /* where each of those ends in found */
  uint32_t steps, depth, next_id;
  bool gave_up;
};

ms_tree_query_cursor *ms_tree_query_cursor_new(void) { return ms_xcalloc(1, sizeof(ms_tree_query_cursor)); }

void ms_tree_query_cursor_free(ms_tree_query_cursor *self) {
  if (self == NULL) return;
  if (self->walking) ts_tree_cursor_delete(&self->walk);
  if (self->listing) ts_tree_cursor_delete(&self->list);
  ms_array_free(&self->kids);
  ms_array_free(&self->caps);
  ms_array_free(&self->found);
  ms_array_free(&self->ends);
  ms_free(self);
}

static void cursor_at(TSTreeCursor *c, bool *made, TSNode n) {
  if (*made) {
    ts_tree_cursor_reset(c, n);
  } else {
    *c = ts_tree_cursor_new(n);
    *made = true;
  }
}

/* Appends n's children to c->kids; returns where they start. */
static uint32_t list_kids(ms_tree_query_cursor *c, TSNode n) {
  uint32_t first = c->kids.len;
  if (ts_node_child_count(n) == 0) return first;
  cursor_at(&c->list, &c->listing, n);
  if (!ts_tree_cursor_goto_first_child(&c->list)) return first;
  do {
    kid k = {ts_tree_cursor_current_node(&c->list), ts_tree_cursor_current_field_id(&c->list), false};
    k.named = ts_node_is_named(k.node);
    ms_array_push(&c->kids, k);
  } while (ts_tree_cursor_goto_next_sibling(&c->list));
  return first;
}

/* The child items of a node item being matched against the node's children. */
typedef struct seq {
  const item *parent;
  uint32_t kids, nkids;     /* the node's children: c->kids.items[kids .. kids + nkids) */
  uint32_t last_named;      /* the index of its last named child + 1, 0 when none */
  const struct seq *up;     /* the sequence the parent item belongs to, NULL at the root */
  uint32_t up_idx, up_pos, up_reps; /* where that one goes on once the parent has matched */
} seq;

typedef struct run {
  const ms_tree_query *q;
  ms_tree_query_cursor *c;
} run;

static void go_on(run *r, const seq *s, uint32_t idx, uint32_t pos, uint32_t reps);

/* Whether match a's captures all are among match b's (the same node as the same capture). */
static bool within(const TSQueryCapture *a, uint32_t na, const TSQueryCapture *b, uint32_t nb) {
  for (uint32_t i = 0; i < na; i++) {
    bool in = false;
    for (uint32_t j = 0; j < nb && !in; j++) in = a[i].index == b[j].index && a[i].node.id == b[j].node.id;
    if (!in) return false;
  }
  return true;
}

/* A match of the pattern at the node: kept unless one kept already holds all its captures
 * (tree-sitter's longest match; a repeated match is reported once), and the kept ones it holds
 * all of are dropped. */
static void found(run *r) {
  ms_tree_query_cursor *c = r->c;
  const TSQueryCapture *mc = c->caps.items;
  TSQueryCapture *kept_caps = c->found.items; /* NULL while every match kept has no capture */
  uint32_t mn = c->caps.len;
  for (uint32_t m = 0, start = 0; m < c->ends.len; start = c->ends.items[m++]) {
    uint32_t on = c->ends.items[m] - start;
    if (on >= mn && (mn == 0 || within(mc, mn, kept_caps + start, on))) return;
  }
  /* Compacts away the kept matches this one holds. */
  uint32_t kept = 0, kept_len = 0, start = 0;
  for (uint32_t m = 0; m < c->ends.len; m++) {
    uint32_t end = c->ends.items[m], on = end - start;
    if (on >= mn || (on > 0 && !within(kept_caps + start, on, mc, mn))) {
      if (on > 0) memmove(kept_caps + kept_len, kept_caps + start, on * sizeof *mc);
      kept_len += on;
      c->ends.items[kept++] = kept_len;
    }
    start = end;
  }
  c->found.len = kept_len;
  c->ends.len = kept;
  if (c->ends.len == MAX_MATCHES) {
    c->gave_up = true;
    return;
  }
  for (uint32_t k = 0; k < mn; k++) ms_array_push(&c->found, c->caps.items[k]);
  ms_array_push(&c->ends, c->found.len);
}

static void then(run *r, const seq *up, uint32_t idx, uint32_t pos, uint32_t reps) {
  if (up == NULL) found(r);
  else go_on(r, up, idx, pos, reps);
}

static bool node_fits(const item *b, TSNode n, TSSymbol sym, bool named) {
  if (b->wildcard) {
    if (sym == SYM_ERROR || (b->named && !named)) return false;
  } else if (sym != b->symbol) {
    return false;
  }
  for (uint32_t k = 0; k < b->nnegs; k++)
    if (!ts_node_is_null(ts_node_child_by_field_id(n, b->negs[k]))) return false;
  return true;
}

/* Node item b has matched n: its captures, its children, then on with (up, idx, pos, reps). */
static void enter(run *r, const item *b, TSNode n, const seq *up, uint32_t idx, uint32_t pos, uint32_t reps) {
  ms_tree_query_cursor *c = r->c;
  if (c->gave_up) return;
  if (++c->steps > MAX_STEPS || c->depth >= MAX_DEPTH) {
    c->gave_up = true;
    return;
  }
  uint32_t ncaps = c->caps.len;
  for (uint32_t k = 0; k < b->ncaps; k++) {
    TSQueryCapture cap = {n, b->caps[k]};
    ms_array_push(&c->caps, cap);
  }
  c->depth++;
  if (b->nkids == 0) {
    then(r, up, idx, pos, reps);
  } else {
    uint32_t first = list_kids(c, n);
    seq s = {b, first, c->kids.len - first, 0, up, idx, pos, reps};
    for (uint32_t j = s.nkids; j > 0 && s.last_named == 0; j--)
      if (c->kids.items[first + j - 1].named) s.last_named = j;
    go_on(r, &s, 0, 0, 0);
    c->kids.len = first;
  }
  c->depth--;
  c->caps.len = ncaps;
}

/* Which children from pos on an item may take. */
enum { ANY_CHILD, FIRST_NAMED, NEXT_CHILD };

/* Item it of s takes one of the children from pos on (which: reach), then goes on with (nidx,
 * nreps). FIRST_NAMED (an anchored item) takes the first named child or an anonymous one
 * before it; NEXT_CHILD (a repetition after the first) the child at pos, as tree-sitter's
 * repeating state seeks an immediate match that any other node ends. */
static void take(run *r, const seq *s, const item *it, uint32_t pos, int reach, uint32_t nidx, uint32_t nreps) {
  const ms_tree_query *q = r->q;
  for (uint32_t j = pos; j < s->nkids && !r->c->gave_up; j++) {
    kid k = r->c->kids.items[s->kids + j]; /* a copy: entering may grow the array */
    if (!(it->last && j + 1 < s->last_named)) {
      TSSymbol sym = ts_node_symbol(k.node);
      for (uint32_t b = 0; b < branch_count(it); b++) {
        const item *br = branch_of(q, it, b);
        /* The field sits on each branch (an alternation's is copied into them). */
        if ((br->field == 0 || k.field == br->field) && node_fits(br, k.node, sym, k.named))
          enter(r, br, k.node, s, nidx, j + 1, nreps);
      }
    }
    if (reach == NEXT_CHILD || (reach == FIRST_NAMED && k.named)) break;
  }
}

static void go_on(run *r, const seq *s, uint32_t idx, uint32_t pos, uint32_t reps) {
  if (idx == s->parent->nkids) {
    then(r, s->up, s->up_idx, s->up_pos, s->up_reps);
    return;
  }
  const item *it = &r->q->items.items[r->q->refs.items[s->parent->kids + idx]];
  int reach = it->immediate ? FIRST_NAMED : ANY_CHILD;
  switch (it->quant) {
    case Q_ONE:
      take(r, s, it, pos, reach, idx + 1, 0);
      break;
    case Q_OPT:
      take(r, s, it, pos, reach, idx + 1, 0);
      go_on(r, s, idx + 1, pos, 0);
      break;
    default: /* `*`, `+` */
      take(r, s, it, pos, reps > 0 ? NEXT_CHILD : reach, idx, reps + 1);
      if (reps > 0 || it->quant == Q_STAR) go_on(r, s, idx + 1, pos, 0);
      break;
  }
}

/* Reports the matches kept for pattern p at one node. False when fn stopped the run. */
static bool report(run *r, uint32_t p, ms_tree_query_match_fn fn, void *payload) {
  ms_tree_query_cursor *c = r->c;
  for (uint32_t m = 0, start = 0; m < c->ends.len; start = c->ends.items[m++]) {
    uint16_t n = (uint16_t)(c->ends.items[m] - start);
    TSQueryMatch match = {c->next_id++, (uint16_t)p, n, n ? c->found.items + start : NULL};
    if (!fn(payload, &match)) return false;
  }
  return true;
}

/* Tries pattern p at node n. False when fn stopped the run. */
static bool try_pattern(run *r, uint32_t p, TSNode n, TSSymbol sym, bool named, ms_tree_query_match_fn fn,
                        void *payload) {
  ms_tree_query_cursor *c = r->c;
  const item *root = &r->q->items.items[r->q->patterns.items[p].root];
  c->found.len = c->ends.len = c->caps.len = c->kids.len = 0;
  c->steps = c->depth = 0;
  for (uint32_t b = 0; b < branch_count(root); b++) {
    const item *br = branch_of(r->q, root, b);
    if (node_fits(br, n, sym, named)) enter(r, br, n, NULL, 0, 0, 0);
  }
  return report(r, p, fn, payload);
}

/* The patterns rooted at n's type and the wildcard ones, in pattern order. */
static bool try_node(run *r, TSNode n, const bool *want, ms_tree_query_match_fn fn, void *payload) {
  const ms_tree_query *q = r->q;
  TSSymbol sym = ts_node_symbol(n);
  const uint32_t *typed = q->roots, *wild = q->wild.items;
  uint32_t nt = 0, nw = sym == SYM_ERROR ? 0 : q->wild.len;
  if (sym < q->nsyms) {
    typed = q->roots + q->by_sym[sym];
    nt = q->by_sym[sym + 1] - q->by_sym[sym];
  }
  if (nt == 0 && nw == 0) return true;
  bool named = ts_node_is_named(n);
  for (uint32_t i = 0, j = 0; i < nt || j < nw;) {
    uint32_t p = j == nw || (i < nt && typed[i] < wild[j]) ? typed[i++] : wild[j++];
    if (q->patterns.items[p].disabled || (want && !want[p])) continue;
    if (!try_pattern(r, p, n, sym, named, fn, payload)) return false;
  }
  return true;
}

bool ms_tree_query_exec(const ms_tree_query *self, ms_tree_query_cursor *cursor, TSNode at, uint32_t start,
                        uint32_t end, const bool *want, ms_tree_query_match_fn fn, void *payload) {
  run r = {self, cursor};
  cursor->gave_up = false;
  bool gave_up = false;
  cursor_at(&cursor->walk, &cursor->walking, at);
  TSTreeCursor *w = &cursor->walk;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(w);
    bool in = ts_node_end_byte(n) > start && ts_node_start_byte(n) < end;
    if (in) {
      if (!try_node(&r, n, want, fn, payload)) return false;
      gave_up |= cursor->gave_up;
      cursor->gave_up = false;
      if (ts_tree_cursor_goto_first_child(w)) continue;
    }
    /* On to the next sibling that starts before the range ends, else up. */
    for (;;) {
      if (ts_tree_cursor_goto_next_sibling(w) && ts_node_start_byte(ts_tree_cursor_current_node(w)) < end) break;
      if (!ts_tree_cursor_goto_parent(w)) return !gave_up;
    }
  }
}
