/* MCP metadata in JSON files: the tool, prompt and resource lists that servers publish as data
 * (an MCP Bundle / desktop-extension `manifest.json`, a saved `tools/list` result, a
 * `tools.json` of definitions that a server loads). Clients hand these texts to the model just
 * like descriptions written in code, so tool poisoning is looked for in them too.
 *
 * There is no syntax tree for JSON: a small reader (JSON plus the comments and trailing commas
 * of .jsonc) builds a flat node table with each value's byte span, then every array under a
 * "tools", "prompts", "resources" or "resourceTemplates" key is read the way the JS extractor
 * reads a low-level ListTools result. Nesting is bounded (MAX_DEPTH); a file that is not JSON,
 * or nests deeper, gives no texts. */
#include "lang/facts.h"

#include <string.h>

#include "lang/facts_p.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_DEPTH 48
#define NONE UINT32_MAX

typedef enum jtype { J_OBJECT, J_ARRAY, J_STRING, J_OTHER } jtype;

typedef struct jnode {
  jtype type;
  uint32_t start, end;          /* the value's bytes (a string with its quotes) */
  uint32_t key_start, key_end;  /* an object member's key, without quotes; 0, 0 otherwise */
  uint32_t first, next;         /* first child, next sibling (NONE) */
} jnode;

typedef struct reader {
  const char *s;
  uint32_t len, pos;
  ms_array(jnode) nodes;
  ms_facts *out;
} reader;

/* Skips blanks and comments. */
static void skip(reader *r) {
  while (r->pos < r->len) {
    char c = r->s[r->pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      r->pos++;
    } else if (c == '/' && r->pos + 1 < r->len && r->s[r->pos + 1] == '/') {
      while (r->pos < r->len && r->s[r->pos] != '\n') r->pos++;
    } else if (c == '/' && r->pos + 1 < r->len && r->s[r->pos + 1] == '*') {
      const char *e = memmem(r->s + r->pos + 2, r->len - r->pos - 2, "*/", 2);
      r->pos = e ? (uint32_t)(e - r->s) + 2 : r->len;
    } else {
      return;
    }
  }
}

/* A string starting at pos (a quote): moves past it. */
static bool string_end(reader *r) {
  for (r->pos++; r->pos < r->len; r->pos++) {
    if (r->s[r->pos] == '\\') r->pos++;
    else if (r->s[r->pos] == '"') return ++r->pos, true;
  }
  return false;
}

static uint32_t add_node(reader *r, jtype type, uint32_t start) {
  jnode n = {type, start, start, 0, 0, NONE, NONE};
  ms_array_push(&r->nodes, n);
  return r->nodes.len - 1;
}

static bool value(reader *r, uint32_t depth, uint32_t *out);

/* The members of an object or elements of an array, linked under parent. */
static bool members(reader *r, uint32_t parent, bool object, uint32_t depth) {
  char close = object ? '}' : ']';
  uint32_t last = NONE;
  r->pos++;
  for (;;) {
    skip(r);
    if (r->pos >= r->len) return false;
    if (r->s[r->pos] == close) return r->pos++, true;
    uint32_t ks = 0, ke = 0;
    if (object) {
      if (r->s[r->pos] != '"') return false;
      ks = r->pos + 1;
      if (!string_end(r)) return false;
      ke = r->pos - 1;
      skip(r);
      if (r->pos >= r->len || r->s[r->pos] != ':') return false;
      r->pos++;
    }
    uint32_t child;
    if (!value(r, depth + 1, &child)) return false;
    r->nodes.items[child].key_start = ks;
    r->nodes.items[child].key_end = ke;
    if (last == NONE) r->nodes.items[parent].first = child;
    else r->nodes.items[last].next = child;
    last = child;
    skip(r);
    if (r->pos < r->len && r->s[r->pos] == ',') r->pos++;
    else if (r->pos >= r->len || r->s[r->pos] != close) return false;
  }
}

static bool value(reader *r, uint32_t depth, uint32_t *out) {
  skip(r);
  if (r->pos >= r->len || depth > MAX_DEPTH) return false;
  char c = r->s[r->pos];
  uint32_t n = add_node(r, c == '{' ? J_OBJECT : c == '[' ? J_ARRAY : c == '"' ? J_STRING : J_OTHER, r->pos);
  bool ok;
  if (c == '{' || c == '[') {
    ok = members(r, n, c == '{', depth);
  } else if (c == '"') {
    ok = string_end(r);
  } else { /* a number, true, false, null */
    uint32_t start = r->pos;
    while (r->pos < r->len && strchr(",]} \t\r\n/", r->s[r->pos]) == NULL) r->pos++;
    ok = r->pos > start;
  }
  r->nodes.items[n].end = r->pos;
  *out = n;
  return ok;
}

/* ---- reading the tree ------------------------------------------------------------------------ */

static bool key_is(const reader *r, const jnode *n, const char *key) {
  size_t l = strlen(key);
  return n->key_end - n->key_start == l && memcmp(r->s + n->key_start, key, l) == 0;
}

static const jnode *member(const reader *r, const jnode *obj, const char *key) {
  if (obj == NULL || obj->type != J_OBJECT) return NULL;
  for (uint32_t i = obj->first; i != NONE; i = r->nodes.items[i].next)
    if (key_is(r, &r->nodes.items[i], key)) return &r->nodes.items[i];
  return NULL;
}

/* A string node's value with its escapes decoded (owned), or NULL. */
static char *string_value(const reader *r, const jnode *n) {
  if (n == NULL || n->type != J_STRING || n->end < n->start + 2) return NULL;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  const char *s = r->s;
  for (uint32_t i = n->start + 1; i < n->end - 1; i++) {
    if (s[i] != '\\' || i + 1 >= n->end - 1) {
      ms_strbuf_putc(&b, s[i]);
      continue;
    }
    char e = s[++i];
    const char *plain = strchr("\"\\/bfnrt", e);
    if (plain) {
      ms_strbuf_putc(&b, "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"]);
    } else if (e == 'u' && i + 4 < n->end - 1) {
      int64_t cp = ms_facts__hex(s + i + 1, 4);
      i += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < n->end - 1 && s[i + 1] == '\\' && s[i + 2] == 'u') {
        int64_t lo = ms_facts__hex(s + i + 3, 4);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
      }
      ms_facts__put_cp(&b, cp < 0 ? 0xFFFD : (uint32_t)cp);
    } else {
      ms_strbuf_putc(&b, e);
    }
  }
  char *v = ms_utf8_sanitize(b.ptr ? b.ptr : "", b.len);
  ms_strbuf_dispose(&b);
  return v;
}

static void add_text(reader *r, ms_handler_kind kind, ms_meta_field field, const char *owner, const char *param,
                     const jnode *n) {
  char *v = string_value(r, n);
  if (v == NULL) return;
  ms_meta_text t = {kind, field, owner ? ms_xstrdup(owner) : NULL, param ? ms_xstrdup(param) : NULL, v, n->start,
                    n->end};
  ms_array_push(&r->out->texts, t);
}

/* The descriptions in a JSON schema: of each property (named by its key), of array items and
 * nested objects, bounded by the reader's depth limit. */
static void schema_texts(reader *r, ms_handler_kind kind, const char *owner, const char *param, const jnode *schema,
                         uint32_t depth) {
  if (schema == NULL || schema->type != J_OBJECT || depth > MAX_DEPTH) return;
  const jnode *d = member(r, schema, "description");
  if (d && param) add_text(r, kind, MS_META_PARAM, owner, param, d);
  const jnode *props = member(r, schema, "properties");
  for (uint32_t i = props && props->type == J_OBJECT ? props->first : NONE; i != NONE; i = r->nodes.items[i].next) {
    const jnode *p = &r->nodes.items[i];
    char *name = ms_utf8_sanitize(r->s + p->key_start, p->key_end - p->key_start);
    schema_texts(r, kind, owner, name, p, depth + 1);
    ms_free(name);
  }
  schema_texts(r, kind, owner, param, member(r, schema, "items"), depth + 1);
}

/* One entry of a tools/prompts/resources list: `{ name, title, description, ... }`. */
static void entry(reader *r, ms_handler_kind kind, const jnode *e) {
  char *owner = string_value(r, member(r, e, "name"));
  const jnode *desc = member(r, e, "description"), *title = member(r, e, "title");
  if (owner == NULL || (desc == NULL && title == NULL)) {
    ms_free(owner);
    return;
  }
  add_text(r, kind, MS_META_DESCRIPTION, owner, NULL, desc);
  add_text(r, kind, MS_META_TITLE, owner, NULL, title);
  if (kind == MS_HANDLER_TOOL) {
    add_text(r, kind, MS_META_NAME, owner, NULL, member(r, e, "name"));
    add_text(r, kind, MS_META_TITLE, owner, NULL, member(r, member(r, e, "annotations"), "title"));
    const jnode *schema = member(r, e, "inputSchema");
    if (schema == NULL) schema = member(r, e, "input_schema");
    if (schema == NULL) schema = member(r, e, "parameters");
    schema_texts(r, kind, owner, NULL, schema, 0);
  }
  const jnode *args = member(r, e, "arguments");
  for (uint32_t i = kind == MS_HANDLER_PROMPT && args && args->type == J_ARRAY ? args->first : NONE; i != NONE;
       i = r->nodes.items[i].next) {
    const jnode *a = &r->nodes.items[i];
    char *pname = string_value(r, member(r, a, "name"));
    add_text(r, kind, MS_META_PARAM, owner, pname, member(r, a, "description"));
    ms_free(pname);
  }
  ms_free(owner);
}

void ms_facts_extract_json(const char *text, uint32_t len, ms_facts *out) {
  reader r = {text, len, 0, MS_ARRAY_INIT, out};
  uint32_t root;
  bool ok = value(&r, 0, &root);
  skip(&r);
  if (ok && r.pos == len) {
    uint32_t first = out->texts.len;
    for (uint32_t i = 0; i < r.nodes.len; i++) {
      const jnode *n = &r.nodes.items[i];
      if (n->type != J_ARRAY) continue;
      ms_handler_kind kind;
      if (key_is(&r, n, "tools")) kind = MS_HANDLER_TOOL;
      else if (key_is(&r, n, "prompts")) kind = MS_HANDLER_PROMPT;
      else if (key_is(&r, n, "resources") || key_is(&r, n, "resourceTemplates")) kind = MS_HANDLER_RESOURCE;
      else continue;
      for (uint32_t k = n->first; k != NONE; k = r.nodes.items[k].next)
        if (r.nodes.items[k].type == J_OBJECT) entry(&r, kind, &r.nodes.items[k]);
    }
    ms_facts__finish_texts(out, first);
  }
  ms_array_free(&r.nodes);
}
