/* Which captures every match of a query pattern holds; see pattern_shape.h.
 *
 * A small reader of tree-sitter's query syntax (as far as structure goes): it builds the tree
 * of the pattern's items (nodes, anonymous "strings", wildcards, groupings, alternations) with
 * their quantifiers, then looks at the path from a capture's item up to the root. Its tokens
 * (blanks, comments, strings, identifiers, predicates as balanced groups) are query_lex.h's. */
#include "match/pattern_shape.h"

#include <string.h>

#include "match/query_lex.h"
#include "util/array.h"
#include "util/xalloc.h"

#define MAX_DEPTH 256

typedef struct item {
  int32_t parent;
  bool optional;    /* `?` or `*` follows it */
  bool alternation; /* `[ ... ]`: exactly one of its children matches */
  bool grouping;    /* `( (a) (b) )`: a sequence of siblings, not a node */
  uint32_t children;
  uint32_t type, tlen; /* a named node's type, `_` included: pat[type..type + tlen) */
} item;

typedef struct reader {
  const char *s;
  uint32_t i, n;
  item *items;
  uint32_t nitems;
  int32_t *hits; /* items captured as the name asked about */
  uint32_t nhits;
  const char *name;
  uint32_t nlen;
  bool bad;
} reader;

static bool at_end(const reader *r) { return r->i >= r->n; }

static void skip_space(reader *r) { r->i = ms_query_lex_past_space(r->s, r->i, r->n); }

static uint32_t read_ident(reader *r) {
  uint32_t start = r->i;
  r->i = ms_query_lex_past_ident(r->s, r->i, r->n);
  return r->i - start;
}

/* From an opening `"` or bracket: past the string or group, else bad. */
static void skip_token(reader *r, uint32_t end) {
  if (end == MS_QUERY_LEX_NONE) r->bad = true;
  else r->i = end;
}

static int32_t new_item(reader *r, int32_t parent) {
  item it = {parent, false, false, false, 0, 0, 0};
  r->items[r->nitems] = it;
  return (int32_t)r->nitems++;
}

/* Quantifiers and captures after an item, in any order. */
static void read_suffixes(reader *r, int32_t self) {
  for (;;) {
    skip_space(r);
    if (at_end(r)) return;
    char c = r->s[r->i];
    if (c == '?' || c == '*') {
      r->items[self].optional = true;
      r->i++;
    } else if (c == '+') {
      r->i++;
    } else if (c == '@') {
      r->i++;
      uint32_t start = r->i, len = read_ident(r);
      if (len == 0) r->bad = true;
      if (len == r->nlen && memcmp(r->s + start, r->name, len) == 0) r->hits[r->nhits++] = self;
    } else {
      return;
    }
  }
}

static int32_t read_item(reader *r, int32_t parent, int depth);

/* The children of self up to the closing bracket: items, fields, anchors, negated fields and
 * predicates. */
static void read_children(reader *r, int32_t self, char close, int depth) {
  for (;;) {
    skip_space(r);
    if (at_end(r)) {
      r->bad = true;
      return;
    }
    char c = r->s[r->i];
    if (c == close) {
      r->i++;
      return;
    }
    if (c == '.') { /* an anchor */
      r->i++;
      continue;
    }
    if (c == '!') { /* a negated field */
      r->i++;
      if (read_ident(r) == 0) r->bad = true;
      if (r->bad) return;
      continue;
    }
    if (c != '_' && ms_query_lex_ident_char(c)) { /* a field: `name:` before its item */
      read_ident(r);
      if (at_end(r) || r->s[r->i] != ':') {
        r->bad = true;
        return;
      }
      r->i++;
      continue;
    }
    int32_t child = read_item(r, self, depth + 1);
    if (r->bad) return;
    if (child >= 0) r->items[self].children++;
  }
}

/* One item and its suffixes; -1 for a predicate (which is not an item). */
static int32_t read_item(reader *r, int32_t parent, int depth) {
  if (depth > MAX_DEPTH) {
    r->bad = true;
    return -1;
  }
  skip_space(r);
  if (at_end(r)) {
    r->bad = true;
    return -1;
  }
  char c = r->s[r->i];
  int32_t self = -1;
  if (c == '(') {
    uint32_t open = r->i++;
    skip_space(r);
    if (!at_end(r) && r->s[r->i] == '#') {
      skip_token(r, ms_query_lex_past_group(r->s, open, r->n));
      return -1;
    }
    self = new_item(r, parent);
    if (!at_end(r) && ms_query_lex_ident_char(r->s[r->i])) { /* the node type, `_`, or ERROR */
      r->items[self].type = r->i;
      r->i = ms_query_lex_past_node_type(r->s, r->i, r->n);
      r->items[self].tlen = r->i - r->items[self].type;
    } else {
      r->items[self].grouping = true;
    }
    read_children(r, self, ')', depth);
  } else if (c == '[') {
    r->i++;
    self = new_item(r, parent);
    r->items[self].alternation = true;
    read_children(r, self, ']', depth);
  } else if (c == '"') {
    skip_token(r, ms_query_lex_past_string(r->s, r->i, r->n));
    self = new_item(r, parent);
  } else if (c == '_') {
    r->i++;
    self = new_item(r, parent);
  } else {
    r->bad = true;
  }
  if (r->bad) return -1;
  read_suffixes(r, self);
  return self;
}

/* Every item from hit up to the root is mandatory: not quantified, not an alternative. */
static bool always_there(const reader *r, int32_t hit) {
  for (int32_t k = hit; k >= 0; k = r->items[k].parent) {
    if (r->items[k].optional) return false;
    int32_t p = r->items[k].parent;
    if (p >= 0 && r->items[p].alternation) return false;
  }
  return true;
}

/* Reads the whole pattern; returns its single root item (a grouping of one node stands for
 * that node's item's parent: the capture paths go through it), or -1 when the text is not one
 * pattern with a single root this reader understands. The caller frees r->items and r->hits. */
static int32_t read_pattern(reader *r, const char *pat, uint32_t len, const char *name, uint32_t nlen) {
  *r = (reader){pat, 0, len, NULL, 0, NULL, 0, name, nlen, false};
  /* Every item and every capture takes at least one character. */
  r->items = ms_xcalloc((size_t)len + 1, sizeof(item));
  r->hits = ms_xcalloc((size_t)len + 1, sizeof(int32_t));
  int32_t root = -1;
  uint32_t roots = 0;
  for (skip_space(r); !at_end(r) && !r->bad; skip_space(r)) {
    int32_t it = read_item(r, -1, 0);
    if (it >= 0) root = it, roots++;
  }
  bool ok = !r->bad && roots == 1 && !(r->items[root].grouping && r->items[root].children != 1);
  return ok ? root : -1;
}

bool ms_pattern_shape_capture_always(const char *pat, uint32_t len, const char *name, uint32_t nlen) {
  reader r;
  bool always = false;
  if (read_pattern(&r, pat, len, name, nlen) >= 0)
    for (uint32_t k = 0; k < r.nhits && !always; k++) always = always_there(&r, r.hits[k]);
  ms_free(r.items);
  ms_free(r.hits);
  return always;
}

bool ms_pattern_shape_root_type(const char *pat, uint32_t len, uint32_t *type, uint32_t *tlen) {
  reader r;
  int32_t root = read_pattern(&r, pat, len, "", 0);
  if (root >= 0 && r.items[root].grouping && !r.items[root].optional) { /* `((call ...) @m (#eq? ...))` */
    int32_t only = -1;
    for (uint32_t k = (uint32_t)root + 1; k < r.nitems && only < 0; k++)
      if (r.items[k].parent == root) only = (int32_t)k;
    root = only;
  }
  bool named = root >= 0 && !r.items[root].grouping && !r.items[root].alternation && !r.items[root].optional &&
               r.items[root].tlen > 0 && !(r.items[root].tlen == 1 && pat[r.items[root].type] == '_');
  if (named) {
    *type = r.items[root].type;
    *tlen = r.items[root].tlen;
  }
  ms_free(r.items);
  ms_free(r.hits);
  return named;
}

/* ---- quantifiers on items that can match nothing ------------------------------------------
 * A reading of its own, without recursion or a depth limit (tree-sitter reads queries nested
 * thousands deep, and loops on an empty loop at any depth): a stack of the open brackets, each
 * knowing whether one of its children must match a node and whether one need not. */

typedef struct open_item {
  char kind; /* 'n' a node `(type ...)`, 'g' a grouping `( (a) (b) )`, 'a' an alternation */
  bool needed_child, empty_child;
} open_item;

/* Past the quantifiers and captures after an item; *loop set at a quantifier on an item that
 * can match nothing (empty says whether this one can, and is updated). */
static uint32_t past_suffixes(const char *t, uint32_t i, uint32_t n, bool *empty, uint32_t *loop) {
  for (;;) {
    i = ms_query_lex_past_space(t, i, n);
    if (i >= n) return i;
    char c = t[i];
    if (c == '?' || c == '*' || c == '+') {
      if (*empty) {
        *loop = i;
        return i;
      }
      if (c != '+') *empty = true;
      i++;
    } else if (c == '@') {
      i = ms_query_lex_past_ident(t, i + 1, n);
    } else {
      return i;
    }
  }
}

bool ms_pattern_shape_empty_loop(const char *t, uint32_t n, uint32_t *at) {
  ms_array(open_item) open = MS_ARRAY_INIT;
  uint32_t i = 0, loop = MS_QUERY_LEX_NONE;
  while (loop == MS_QUERY_LEX_NONE) {
    i = ms_query_lex_past_space(t, i, n);
    if (i >= n) break;
    char c = t[i];
    bool empty = false; /* of the item that ends here, if one does */
    if (c == ')' || c == ']') {
      if (open.len == 0) break; /* tree-sitter rejects the text */
      open_item o = open.items[--open.len];
      empty = o.kind == 'g' ? !o.needed_child : o.kind == 'a' ? o.empty_child || !o.needed_child : false;
      i++;
    } else if (c == '.') { /* an anchor */
      i++;
      continue;
    } else if (c == '!') { /* a negated field */
      i = ms_query_lex_past_ident(t, i + 1, n);
      continue;
    } else if (c != '_' && ms_query_lex_ident_char(c)) { /* a field: `name:` before its item */
      i = ms_query_lex_past_space(t, ms_query_lex_past_ident(t, i, n), n);
      if (i >= n || t[i] != ':') break;
      i++;
      continue;
    } else if (c == '(' || c == '[') {
      uint32_t inner = ms_query_lex_past_space(t, i + 1, n);
      if (c == '(' && inner < n && t[inner] == '#') { /* a predicate: not an item */
        i = ms_query_lex_past_group(t, i, n);
        if (i == MS_QUERY_LEX_NONE) break;
        continue;
      }
      open_item o = {c == '[' ? 'a' : inner < n && ms_query_lex_ident_char(t[inner]) ? 'n' : 'g', false, false};
      ms_array_push(&open, o);
      i = o.kind == 'n' ? ms_query_lex_past_node_type(t, inner, n) : i + 1;
      continue;
    } else if (c == '"') {
      i = ms_query_lex_past_string(t, i, n);
      if (i == MS_QUERY_LEX_NONE) break;
    } else if (c == '_') {
      i++;
    } else {
      break; /* tree-sitter rejects the text */
    }
    i = past_suffixes(t, i, n, &empty, &loop);
    if (open.len > 0) {
      open_item *parent = &open.items[open.len - 1];
      if (empty) parent->empty_child = true;
      else parent->needed_child = true;
    }
  }
  ms_array_free(&open);
  *at = loop;
  return loop != MS_QUERY_LEX_NONE;
}
