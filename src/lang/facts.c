/* The MCP model extraction entry point (dispatch on language) and the helpers the language
 * extractors share (facts_p.h). Nothing here knows a language's node types: those live in
 * python_facts.c and javascript_facts.c. Strings handed to facts are owned by them. */
#include "lang/facts.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang/facts_p.h"
#include "util/find.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void ms_facts_extract(ms_lang_id lang, TSNode root, const char *text, uint32_t len, ms_facts *out) {
  switch (lang) {
    case MS_LANG_PYTHON: ms_facts_extract_python(root, text, len, out); break;
    case MS_LANG_JAVASCRIPT:
    case MS_LANG_TYPESCRIPT:
    case MS_LANG_TSX: ms_facts_extract_javascript(root, text, len, out); break;
    case MS_LANG_JSON: ms_facts_extract_json(text, len, out); break;
    default: break;
  }
}

/* ---- tree access ---------------------------------------------------------------------------- */

static bool type_in(const char *t, const char *const *types) {
  for (; types && *types; types++)
    if (strcmp(t, *types) == 0) return true;
  return false;
}

/* Per grammar and walk, what each symbol is to the walk (comparing a node's symbol is much
 * cheaper than its type name against each listed one): listed, a guarded kind (the index of
 * its guard + CLASS_GUARD), or neither. Walks are static descriptions at a handful of call
 * sites, so the cache stays small; entries are published with release/acquire and never
 * change. Symbols are matched by name, so every alias of a listed name is listed too. */
#define TYPE_MAPS 32
enum { CLASS_NONE = 0, CLASS_LISTED = 1, CLASS_GUARD = 2 };
typedef struct type_map {
  const TSLanguage *lang;
  const void *key; /* the walk, or the type list of ms_facts__collect */
  uint8_t *cls;    /* per symbol */
  uint8_t *kind;   /* per symbol: its index in the walk's types, or KIND_NONE */
  uint32_t nsymbols;
} type_map;
static type_map type_maps[TYPE_MAPS];
static uint32_t ntype_maps; /* published entries */
static pthread_mutex_t type_maps_lock = PTHREAD_MUTEX_INITIALIZER;

#define KIND_NONE 255

static uint8_t kind_of(const char *name, const char *const *types) {
  for (uint8_t i = 0; name && types && types[i] && i < KIND_NONE; i++)
    if (strcmp(name, types[i]) == 0) return i;
  return KIND_NONE;
}

static uint8_t class_of(const char *name, const ms_facts__walk *w) {
  if (name == NULL) return CLASS_NONE;
  if (type_in(name, w->types)) return CLASS_LISTED;
  for (uint32_t g = 0; w->guards && w->guards[g].type && g < 250; g++)
    if (strcmp(name, w->guards[g].type) == 0) return (uint8_t)(CLASS_GUARD + g);
  return CLASS_NONE;
}

static const type_map *type_map_for(const TSLanguage *lang, const void *key, const ms_facts__walk *w) {
  uint32_t n = __atomic_load_n(&ntype_maps, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < n; i++)
    if (type_maps[i].lang == lang && type_maps[i].key == key) return &type_maps[i];
  pthread_mutex_lock(&type_maps_lock);
  const type_map *found = NULL;
  n = ntype_maps;
  for (uint32_t i = 0; i < n && !found; i++)
    if (type_maps[i].lang == lang && type_maps[i].key == key) found = &type_maps[i];
  if (!found && n < TYPE_MAPS) {
    type_map *m = &type_maps[n];
    m->lang = lang;
    m->key = key;
    m->nsymbols = ts_language_symbol_count(lang);
    m->cls = ms_xcalloc(m->nsymbols ? m->nsymbols : 1, 1);
    m->kind = ms_xmalloc(m->nsymbols ? m->nsymbols : 1);
    /* Anonymous symbols are never listed nor guarded (ts_node_is_named is false for them). */
    for (uint32_t sym = 0; sym < m->nsymbols; sym++) {
      const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
      bool named = ts_language_symbol_type(lang, (TSSymbol)sym) == TSSymbolTypeRegular;
      m->cls[sym] = named ? class_of(name, w) : CLASS_NONE;
      m->kind[sym] = m->cls[sym] == CLASS_LISTED ? kind_of(name, w->types) : KIND_NONE;
    }
    __atomic_store_n(&ntype_maps, n + 1, __ATOMIC_RELEASE);
    found = m;
  }
  pthread_mutex_unlock(&type_maps_lock);
  return found; /* NULL only when the cache is full: callers compare names */
}

static uint8_t class_of_node(const type_map *m, const ms_facts__walk *w, TSNode n) {
  if (m == NULL) return class_of(ts_node_type(n), w);
  TSSymbol sym = ts_node_symbol(n);
  return sym < m->nsymbols ? m->cls[sym] : CLASS_NONE;
}

bool ms_facts__may_hold(const ms_facts__guard *g, const char *s, uint32_t n) {
  for (const char *c = g->chars; c && *c; c++)
    if (memchr(s, *c, n) != NULL) return true;
  for (const char *const *w = g->words; w && *w; w++)
    if (ms_find(s, n, *w, strlen(*w)) != NULL) return true;
  return false;
}

/* A guarded node's subtree is skipped when its text shows none of the guard's tokens; a
 * subtree with a syntax error (an ERROR node may hold anything, a MISSING token has no
 * text) is always walked. The cursor is on the node's first child: when that child is an
 * anonymous leaf (the kind's own opening token, `(` of arguments, `{` of a body), only the
 * text after it is searched, as no node below the guarded one can need that token (guarded
 * kinds are never objects or declarations, whose own token is what their pairs and
 * declarators need). */
static bool skip_children(const ms_facts__guard *g, const char *text, uint32_t len, TSNode n, const TSTreeCursor *c) {
  if (ts_node_has_error(n)) return false;
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  TSNode first = ts_tree_cursor_current_node(c);
  if (!ts_node_is_named(first) && ts_node_child_count(first) == 0) s = ts_node_end_byte(first);
  if (e > len || s > e) return false;
  return !ms_facts__may_hold(g, text + s, e - s);
}

static void walk(TSNode root, const void *key, const ms_facts__walk *w, const char *text, uint32_t len,
                 ms_facts__nodes *out) {
  if (ts_node_is_null(root)) return;
  const type_map *m = type_map_for(ts_tree_language(root.tree), key, w);
  TSTreeCursor c = ts_tree_cursor_new(root);
  /* Per node entered: how many of its children are still ahead of the cursor. The walk moves on
   * by these counts (ts_node_child_count is the number of children the cursor visits), so it
   * never asks for a sibling past the last child, a search that climbs through the hidden
   * nodes above it and fails, nor for the children of a leaf. */
  ms_array(uint32_t) ahead = MS_ARRAY_INIT;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    uint8_t cls = m ? class_of_node(m, w, n) : ts_node_is_named(n) ? class_of(ts_node_type(n), w) : CLASS_NONE;
    if (cls == CLASS_LISTED) ms_array_push(out, n);
    const ms_facts__guard *g = cls >= CLASS_GUARD ? &w->guards[cls - CLASS_GUARD] : NULL;
    /* A kind that never holds a collected node is not entered at all. */
    bool never = g && (g->chars == NULL || *g->chars == 0) && g->words == NULL && !ts_node_has_error(n);
    uint32_t kids = never ? 0 : ts_node_child_count(n);
    if (kids > 0 && ts_tree_cursor_goto_first_child(&c)) {
      if (g == NULL || !skip_children(g, text, len, n, &c)) {
        ms_array_push(&ahead, kids - 1);
        continue;
      }
      ts_tree_cursor_goto_parent(&c);
    }
    for (;;) {
      if (ahead.len == 0) goto cleanup;
      uint32_t *left = &ahead.items[ahead.len - 1];
      if (*left > 0 && ts_tree_cursor_goto_next_sibling(&c)) {
        --*left;
        break;
      }
      ahead.len--;
      ts_tree_cursor_goto_parent(&c);
    }
  }
cleanup:
  ms_array_free(&ahead);
  ts_tree_cursor_delete(&c);
}

void ms_facts__walk_collect(TSNode root, const ms_facts__walk *w, const char *text, uint32_t len, ms_facts__nodes *out) {
  walk(root, w, w, text, len, out);
}

int ms_facts__walk_kind(const ms_facts__walk *w, TSNode n) {
  if (ts_node_is_null(n)) return -1;
  const type_map *m = type_map_for(ts_tree_language(n.tree), w, w);
  uint8_t k = KIND_NONE;
  if (m == NULL) k = ts_node_is_named(n) ? kind_of(ts_node_type(n), w->types) : KIND_NONE;
  else if (ts_node_symbol(n) < m->nsymbols) k = m->kind[ts_node_symbol(n)];
  return k == KIND_NONE ? -1 : k;
}

void ms_facts__collect(TSNode root, const char *const *types, ms_facts__nodes *out) {
  ms_facts__walk w = {types, NULL};
  walk(root, types, &w, NULL, 0, out);
}

/* A direct-mapped per-thread cache of field ids keyed by (grammar, name pointer): the
 * callers pass string literals, and ts_node_child_by_field_name looks the name up by a
 * linear scan of the grammar's field names on every call. A miss only costs that scan, so
 * no lock is needed and a collision merely evicts. */
#define FIELD_CACHE 256
typedef struct field_slot {
  const TSLanguage *lang;
  const char *name;
  TSFieldId id;
} field_slot;

TSNode ms_facts__field(TSNode n, const char *name) {
  static _Thread_local field_slot cache[FIELD_CACHE];
  if (ts_node_is_null(n)) return n;
  const TSLanguage *lang = ts_tree_language(n.tree);
  uintptr_t h = ((uintptr_t)name >> 3) ^ ((uintptr_t)lang >> 7);
  field_slot *s = &cache[(h ^ (h >> 8)) % FIELD_CACHE];
  if (s->lang != lang || s->name != name) {
    s->lang = lang;
    s->name = name;
    s->id = ts_language_field_id_for_name(lang, name, (uint32_t)strlen(name));
  }
  /* Same as ts_node_child_by_field_name: an unknown name (id 0) gives a null node. */
  return ts_node_child_by_field_id(n, s->id);
}

static bool is_comment(TSNode n) {
  const char *t = ts_node_type(n);
  size_t l = strlen(t);
  return l >= 7 && strcmp(t + l - 7, "comment") == 0;
}

void ms_facts__children(TSNode node, ms_facts__nodes *out) {
  ms_array_clear(out);
  if (ts_node_is_null(node)) return;
  /* A cursor: ts_node_named_child(i) is O(i), which is quadratic over long argument lists. */
  TSTreeCursor c = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (ts_node_is_named(n) && !is_comment(n)) ms_array_push(out, n);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
}

TSNode ms_facts__first_child(TSNode node) {
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  if (ts_node_is_null(node)) return none;
  uint32_t n = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(node, i);
    if (!is_comment(c)) return c;
  }
  return none;
}

const char *ms_facts__text(const char *text, uint32_t len, TSNode node, uint32_t *out_len) {
  if (ts_node_is_null(node)) {
    *out_len = 0;
    return text;
  }
  uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  if (e > len) e = len;
  if (s > e) s = e;
  *out_len = e - s;
  return text + s;
}

bool ms_facts__is(const char *text, uint32_t len, TSNode node, const char *s) {
  uint32_t n;
  const char *p = ms_facts__text(text, len, node, &n);
  return strlen(s) == n && memcmp(p, s, n) == 0;
}

/* A per-thread open-addressed table from (grammar, name pointer) to the symbols of that
 * grammar named so: the callers pass string literals, and comparing a node's symbol with a
 * few ids is much cheaper than its type name with strcmp. Every symbol with the name is
 * listed (TypeScript and TSX have aliases that share a name with other symbols). Entries are
 * never evicted; when the table is full, or a name has more symbols than a slot holds, the
 * name is compared. */
#define TYPE_CACHE 1024 /* a power of two */
#define TYPE_CACHE_MAX (TYPE_CACHE * 3 / 4)
#define TYPE_SYMS 6
typedef struct type_slot {
  const TSLanguage *lang; /* NULL: free */
  const char *name;
  uint32_t n; /* symbols named name, or TYPE_SYMS + 1: too many, compare names */
  TSSymbol sym[TYPE_SYMS];
} type_slot;

static const type_slot *type_slot_for(const TSLanguage *lang, const char *name) {
  static _Thread_local type_slot cache[TYPE_CACHE];
  static _Thread_local uint32_t used;
  uintptr_t h = ((uintptr_t)name >> 3) ^ ((uintptr_t)lang >> 7);
  h ^= h >> 11;
  for (uint32_t i = (uint32_t)h % TYPE_CACHE;; i = (i + 1) % TYPE_CACHE) {
    type_slot *s = &cache[i];
    if (s->lang == lang && s->name == name) return s;
    if (s->lang != NULL) continue;
    if (used >= TYPE_CACHE_MAX) return NULL;
    used++;
    s->lang = lang;
    s->name = name;
    s->n = 0;
    uint32_t count = ts_language_symbol_count(lang);
    for (uint32_t sym = 0; sym < count; sym++) {
      const char *sn = ts_language_symbol_name(lang, (TSSymbol)sym);
      if (sn == NULL || strcmp(sn, name) != 0) continue;
      if (s->n == TYPE_SYMS) {
        s->n = TYPE_SYMS + 1;
        break;
      }
      s->sym[s->n++] = (TSSymbol)sym;
    }
    return s;
  }
}

bool ms_facts__symbol_is(const TSLanguage *lang, TSSymbol sym, const char *t) {
  const type_slot *s = type_slot_for(lang, t);
  if (s == NULL || s->n > TYPE_SYMS) {
    const char *name = ts_language_symbol_name(lang, sym);
    return name != NULL && strcmp(name, t) == 0;
  }
  for (uint32_t i = 0; i < s->n; i++)
    if (s->sym[i] == sym) return true;
  return false;
}

/* ts_node_type names the node's symbol before ts_node_symbol maps it to its public symbol,
 * which has the same name (test_facts__symbol_names_agree checks this on parsed trees). */
bool ms_facts__type(TSNode node, const char *t) {
  return !ts_node_is_null(node) && ms_facts__symbol_is(ts_tree_language(node.tree), ts_node_symbol(node), t);
}

char *ms_facts__dup(const char *text, uint32_t len, TSNode node) {
  uint32_t n;
  const char *p = ms_facts__text(text, len, node, &n);
  return ms_utf8_sanitize(p, n);
}

uint32_t ms_facts__line(TSNode node) { return ts_node_start_point(node).row + 1; }
uint32_t ms_facts__col(TSNode node) { return ts_node_start_point(node).column + 1; }

/* ---- literals ------------------------------------------------------------------------------- */

ms_status ms_facts__put_cp(ms_strbuf *b, uint32_t cp) {
  char u[4];
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    u[0] = (char)cp;
    return ms_strbuf_put(b, u, 1);
  }
  if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    return ms_strbuf_put(b, u, 2);
  }
  if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    return ms_strbuf_put(b, u, 3);
  }
  u[0] = (char)(0xF0 | (cp >> 18));
  u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  u[3] = (char)(0x80 | (cp & 0x3F));
  return ms_strbuf_put(b, u, 4);
}

int64_t ms_facts__hex(const char *s, uint32_t n) {
  int64_t v = 0;
  if (n == 0 || n > 8) return -1;
  for (uint32_t i = 0; i < n; i++) {
    char c = s[i];
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

int64_t ms_facts__decimal(const char *s, uint32_t n) {
  int64_t v = 0;
  bool digit = false;
  for (uint32_t i = 0; i < n; i++) {
    if (s[i] == '_' && digit) continue;
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
    digit = true;
    if (v >= INT32_MAX) return -1;
  }
  return digit ? v : -1;
}

char *ms_facts__finish(ms_strbuf *b, bool overflow) {
  char *r = overflow ? NULL : ms_utf8_sanitize(ms_strbuf_cstr(b), b->len);
  ms_strbuf_clear(b);
  return r;
}

/* The node a wrapper or bound name stands for, or a null node. */
static TSNode unwrap(const ms_facts__eval *ev, TSNode n, const char *t) {
  if (type_in(t, ev->wrappers)) return ms_facts__first_child(n);
  if (type_in(t, ev->names)) return ms_facts__constant(ev->consts, ev->text, ev->len, n);
  TSNode none = {{0, 0, 0, 0}, NULL, NULL};
  return none;
}

char *ms_facts__eval_str(const ms_facts__eval *ev, TSNode node) {
  bool bad = ts_node_is_null(node);
  uint32_t steps = 0;
  ms_array_clear(ev->stack);
  ms_strbuf_clear(ev->sb);
  if (!bad) ms_array_push(ev->stack, node);
  while (!bad && ev->stack->len > 0) {
    TSNode n = ev->stack->items[--ev->stack->len];
    const char *t = ts_node_is_null(n) ? "" : ts_node_type(n);
    if (++steps > MS_FACTS__EVAL_BUDGET || ev->sb->len > MS_FACTS__MAX_LITERAL || *t == '\0') {
      bad = true;
    } else if (strcmp(t, ev->plus) == 0) {
      bad = !ms_facts__is(ev->text, ev->len, ms_facts__field(n, "operator"), "+");
      if (!bad) ms_array_push(ev->stack, ms_facts__field(n, "right"));
      if (!bad) ms_array_push(ev->stack, ms_facts__field(n, "left"));
    } else if (type_in(t, ev->wrappers) || type_in(t, ev->names)) {
      TSNode inner = unwrap(ev, n, t);
      bad = ts_node_is_null(inner);
      if (!bad) ms_array_push(ev->stack, inner);
    } else {
      bad = !ev->leaf(ev->self, n, t);
    }
  }
  return ms_facts__finish(ev->sb, bad || ev->sb->len > MS_FACTS__MAX_LITERAL);
}

int64_t ms_facts__eval_int(const ms_facts__eval *ev, TSNode n, const char *int_type) {
  for (uint32_t steps = 0; !ts_node_is_null(n) && steps < MS_FACTS__EVAL_BUDGET; steps++) {
    const char *t = ts_node_type(n);
    uint32_t l;
    const char *s = ms_facts__text(ev->text, ev->len, n, &l);
    if (strcmp(t, int_type) == 0) return ms_facts__decimal(s, l);
    n = unwrap(ev, n, t);
  }
  return -1;
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }

char *ms_facts__cleandoc(char *doc) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  char *r = NULL;
  size_t margin = (size_t)-1;
  size_t n = strlen(doc);
  /* The common indentation of the lines after the first that hold text. */
  for (size_t i = 0, line = 0; i <= n; line++) {
    size_t e = i;
    while (e < n && doc[e] != '\n') e++;
    size_t ind = i;
    while (ind < e && is_blank(doc[ind])) ind++;
    if (line > 0 && ind < e && ind - i < margin) margin = ind - i;
    i = e + 1;
  }
  if (margin == (size_t)-1) margin = 0;
  ms_strbuf_put(&b, "", 0);
  for (size_t i = 0, line = 0; i <= n; line++) {
    size_t e = i;
    while (e < n && doc[e] != '\n') e++;
    size_t s = i;
    if (line == 0) {
      while (s < e && is_blank(doc[s])) s++;
    } else {
      while (s < e && s - i < margin && is_blank(doc[s])) s++;
    }
    if (line > 0) ms_strbuf_putc(&b, '\n');
    ms_strbuf_put(&b, doc + s, e - s);
    i = e + 1;
  }
  /* Drop leading and trailing blank lines. */
  const char *p = ms_strbuf_cstr(&b);
  size_t first = 0, last = b.len;
  size_t k = 0;
  while (k < b.len && (is_blank(p[k]) || p[k] == '\n')) {
    if (p[k] == '\n') first = k + 1;
    k++;
  }
  if (k == b.len) {
    r = ms_xstrdup("");
    goto cleanup;
  }
  k = b.len;
  while (k > 0 && (is_blank(p[k - 1]) || p[k - 1] == '\n')) {
    if (p[k - 1] == '\n') last = k - 1;
    k--;
  }
  r = ms_xstrndup(p + first, last - first);
cleanup:
  ms_strbuf_dispose(&b);
  ms_free(doc);
  return r;
}

/* ---- name tables ---------------------------------------------------------------------------- */

void ms_facts__names_add(ms_facts__names *self, const char *s, uint32_t len, TSNode node) {
  ms_facts__name n = {s, len, node, 1};
  ms_array_push(self, n);
}

static int name_cmp(const char *a, uint32_t alen, const char *b, uint32_t blen) {
  int c = memcmp(a, b, alen < blen ? alen : blen);
  if (c != 0) return c;
  return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static int names_order(const void *pa, const void *pb) {
  const ms_facts__name *a = pa, *b = pb;
  int c = name_cmp(a->s, a->len, b->s, b->len);
  if (c != 0) return c;
  uint32_t x = ts_node_start_byte(a->node), y = ts_node_start_byte(b->node);
  return x < y ? -1 : x > y ? 1 : 0;
}

void ms_facts__names_freeze(ms_facts__names *self) {
  if (self->len == 0) return;
  qsort(self->items, self->len, sizeof *self->items, names_order);
  uint32_t w = 0;
  for (uint32_t r = 1; r < self->len; r++) {
    ms_facts__name *keep = &self->items[w];
    if (name_cmp(keep->s, keep->len, self->items[r].s, self->items[r].len) == 0) {
      keep->count++;
    } else {
      self->items[++w] = self->items[r];
    }
  }
  self->len = w + 1;
}

const ms_facts__name *ms_facts__names_find(const ms_facts__names *self, const char *s, uint32_t len) {
  uint32_t lo = 0, hi = self->len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = name_cmp(self->items[mid].s, self->items[mid].len, s, len);
    if (c == 0) return &self->items[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* ---- handlers ------------------------------------------------------------------------------- */

void ms_facts__set_function(ms_handler *h, const char *text, uint32_t len, TSNode fn, TSNode name) {
  h->start_byte = ts_node_start_byte(fn);
  h->end_byte = ts_node_end_byte(fn);
  h->start_line = ts_node_start_point(fn).row + 1;
  h->end_line = ts_node_end_point(fn).row + 1;
  if (!ts_node_is_null(name) && h->function == NULL) h->function = ms_facts__dup(text, len, name);
}

void ms_facts__add_param(ms_handler *h, const char *text, uint32_t len, TSNode name_node) {
  ms_param p = {ms_facts__dup(text, len, name_node), ms_facts__line(name_node), ms_facts__col(name_node)};
  ms_array_push(&h->params, p);
}

void ms_facts__add_text(ms_facts *out, ms_handler_kind kind, ms_meta_field field, const char *owner,
                        const char *param, char *value, TSNode node) {
  if (value == NULL || ts_node_is_null(node)) {
    ms_free(value);
    return;
  }
  ms_meta_text t = {kind, field, owner ? ms_xstrdup(owner) : NULL, param ? ms_xstrdup(param) : NULL, value,
                    ts_node_start_byte(node), ts_node_end_byte(node)};
  ms_array_push(&out->texts, t);
}

void ms_facts__schema_texts(ms_facts *out, TSNode schema, ms_facts__nodes *scratch, ms_facts__eval_fn key,
                            ms_facts__eval_fn eval, void *self, ms_handler_kind kind, const char *owner) {
  static const char *const types[] = {"pair", NULL};
  ms_array_clear(scratch);
  ms_facts__collect(schema, types, scratch);
  for (uint32_t i = 0; i < scratch->len; i++) {
    TSNode pair = scratch->items[i], value = ms_facts__field(pair, "value");
    char *k = key(self, ms_facts__field(pair, "key"));
    bool is_desc = k && strcmp(k, "description") == 0;
    ms_free(k);
    char *text = is_desc ? eval(self, value) : NULL;
    if (text == NULL) continue;
    TSNode holder = ts_node_parent(ts_node_parent(pair)); /* pair -> object -> pair? */
    char *param = ms_facts__type(holder, "pair") ? key(self, ms_facts__field(holder, "key")) : NULL;
    ms_facts__add_text(out, kind, MS_META_PARAM, owner, param, text, value);
    ms_free(param);
  }
}

static int text_order(const void *pa, const void *pb) {
  const ms_meta_text *a = pa, *b = pb;
  if (a->start_byte != b->start_byte) return a->start_byte < b->start_byte ? -1 : 1;
  if (a->end_byte != b->end_byte) return a->end_byte < b->end_byte ? -1 : 1;
  return (int)a->field - (int)b->field;
}

void ms_facts__finish_texts(ms_facts *out, uint32_t first) {
  if (out->texts.len <= first) return;
  qsort(out->texts.items + first, out->texts.len - first, sizeof(ms_meta_text), text_order);
  uint32_t keep = first + 1;
  for (uint32_t i = first + 1; i < out->texts.len; i++) {
    ms_meta_text *prev = &out->texts.items[keep - 1], *cur = &out->texts.items[i];
    if (text_order(prev, cur) == 0) { /* one expression seen by two extraction paths */
      ms_free(cur->owner);
      ms_free(cur->param);
      ms_free(cur->text);
      continue;
    }
    out->texts.items[keep++] = *cur;
  }
  out->texts.len = keep;
}

TSNode ms_facts__constant(const ms_facts__names *consts, const char *text, uint32_t len, TSNode name) {
  uint32_t l;
  const char *s = ms_facts__text(text, len, name, &l);
  const ms_facts__name *c = ms_facts__names_find(consts, s, l);
  TSNode none = {0};
  return c != NULL && c->count == 1 ? c->node : none;
}

/* ---- security configuration ------------------------------------------------------------------ */

bool ms_facts__all_interfaces(const char *host) {
  static const char *const any[] = {"0.0.0.0", "::", "[::]", "", "*", "0:0:0:0:0:0:0:0", NULL};
  for (const char *const *a = any; *a; a++)
    if (strcmp(host, *a) == 0) return true;
  return false;
}

bool ms_facts__loopback(const char *host) {
  return strncmp(host, "127.", 4) == 0 || strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
         strcmp(host, "[::1]") == 0;
}

bool ms_facts__authish(const char *s, uint32_t n) {
  static const char *const words[] = {"auth", "bearer", "token", "jwt", "apikey", "api_key", "verifytoken", NULL};
  for (const char *const *w = words; *w; w++) {
    size_t wl = strlen(*w);
    for (uint32_t i = 0; i + wl <= n; i++)
      if (strncasecmp(s + i, *w, wl) == 0) return true;
  }
  return false;
}

static uint32_t site_of(ms_facts *f, TSNode n) { return ms_facts_add_site(f, ts_node_start_byte(n), ts_node_end_byte(n)); }

void ms_facts__add_auth(ms_facts *f, TSNode n, const char *what) {
  ms_auth a = {ms_xstrdup(what), site_of(f, n)};
  ms_array_push(&f->auths, a);
}

void ms_facts__add_host_check(ms_facts *f, TSNode n, bool enabled, const char *what) {
  ms_host_check c = {enabled, ms_xstrdup(what), site_of(f, n)};
  ms_array_push(&f->host_checks, c);
}

void ms_facts__add_bind(ms_facts *f, TSNode n, const char *what, char *host, int64_t port, bool all_interfaces) {
  ms_bind b = {ms_xstrdup(what), host, port, all_interfaces, site_of(f, n)};
  ms_array_push(&f->binds, b);
}

void ms_facts__add_cors(ms_facts *f, TSNode n, const char *what, bool reflects, bool credentials) {
  ms_cors c = {ms_xstrdup(what), reflects, credentials, site_of(f, n)};
  ms_array_push(&f->cors, c);
}
