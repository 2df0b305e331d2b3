/* Keyword witnesses of a regex on the line of its match; see line_witness.h.
 *
 * The pattern is parsed into a tree of items: byte sets (a literal, a class, an escape), groups
 * (alternations of sequences), positive lookaheads, zero-width assertions and backreferences,
 * each with its quantifier. A sequence is then walked from the start of a match: assertions
 * are skipped (they only remove matches); while every item so far cannot consume a newline,
 * the texts of the consumed items are crossed into a small finite set, and the walk succeeds
 * once every text of the set holds a keyword before its first newline, or a lookahead, or a
 * group entered at least once, succeeds on every branch. An item with too many texts starts a
 * new set; one that may consume a newline ends the walk with "no". */
#include "util/line_witness.h"

#include <string.h>

#include "util/xalloc.h"

#define MAX_TEXTS 256u
#define MAX_LEN 64u
#define MAX_SET 8u   /* a byte set of more members counts as "any text" */
#define MAX_DEPTH 64
#define INF UINT32_MAX

typedef enum kind { SET, GROUP, AHEAD, ZERO, BACKREF } kind;

typedef struct item item;
typedef struct seq {
  item **items;
  uint32_t n;
} seq;

struct item {
  kind kind;
  uint8_t set[32]; /* SET: the bytes it matches */
  bool nl;         /* may consume a newline */
  uint32_t min, max;
  seq *alts; /* GROUP, AHEAD */
  uint32_t nalts;
};

typedef struct parser {
  const char *re;
  uint32_t i, n;
  bool bad;
} parser;

static void set_add(uint8_t *set, unsigned c) { set[c / 8] |= (uint8_t)(1u << (c % 8)); }
static bool set_has(const uint8_t *set, unsigned c) { return (set[c / 8] >> (c % 8)) & 1u; }

static void set_range(uint8_t *set, unsigned lo, unsigned hi) {
  for (unsigned c = lo; c <= hi; c++) set_add(set, c);
}

static void set_invert(uint8_t *set) {
  for (int k = 0; k < 32; k++) set[k] = (uint8_t)~set[k];
}

static void item_free(item *it);

static void seq_dispose(seq *s) {
  for (uint32_t k = 0; k < s->n; k++) item_free(s->items[k]);
  ms_free(s->items);
}

static void item_free(item *it) {
  if (it == NULL) return;
  for (uint32_t k = 0; k < it->nalts; k++) seq_dispose(&it->alts[k]);
  ms_free(it->alts);
  ms_free(it);
}

static item *item_new(kind k) {
  item *it = ms_xcalloc(1, sizeof *it);
  it->kind = k;
  it->min = it->max = 1;
  return it;
}

/* \d \w \s and their complements, into set; false for any other letter. */
static bool class_escape(char c, uint8_t *set) {
  uint8_t s[32] = {0};
  char l = (char)(c | 0x20);
  if (l == 'd') set_range(s, '0', '9');
  else if (l == 'w') {
    set_range(s, '0', '9');
    set_range(s, 'a', 'z');
    set_range(s, 'A', 'Z');
    set_add(s, '_');
  } else if (l == 's') {
    set_range(s, 9, 13);
    set_add(s, ' ');
  } else return false;
  if (c != l) set_invert(s); /* \D \W \S: everything else, non-ASCII bytes included */
  for (int k = 0; k < 32; k++) set[k] |= s[k];
  return true;
}

/* The byte a single-character escape stands for (\t, \., ...), or -1. */
static int char_escape(char c) {
  switch (c) {
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'f': return '\f';
    case 'e': return 27;
    case 'a': return 7;
    default: break;
  }
  unsigned char u = (unsigned char)c;
  if (u >= 0x20 && u < 0x7f && !(u >= '0' && u <= '9') && !((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) return u;
  return -1;
}

static bool more(const parser *p) { return p->i < p->n && !p->bad; }

static void parse_class(parser *p, item *it) {
  bool neg = false;
  if (p->i < p->n && p->re[p->i] == '^') {
    neg = true;
    p->i++;
  }
  bool first = true;
  while (more(p) && (p->re[p->i] != ']' || first)) {
    first = false;
    unsigned char c = (unsigned char)p->re[p->i];
    int lo;
    if (c >= 0x80 || (c == '[' && p->i + 1 < p->n && strchr(":.=", p->re[p->i + 1]))) {
      p->bad = true;
      return;
    }
    if (c == '\\') {
      if (p->i + 1 >= p->n) {
        p->bad = true;
        return;
      }
      char e = p->re[p->i + 1];
      p->i += 2;
      if (class_escape(e, it->set)) continue;
      lo = e == 'b' ? 8 : char_escape(e);
      if (lo < 0) {
        p->bad = true;
        return;
      }
    } else {
      lo = c;
      p->i++;
    }
    if (p->i + 1 < p->n && p->re[p->i] == '-' && p->re[p->i + 1] != ']') {
      unsigned char h = (unsigned char)p->re[p->i + 1];
      int hi = h;
      p->i += 2;
      if (h == '\\') {
        if (p->i >= p->n) {
          p->bad = true;
          return;
        }
        hi = char_escape(p->re[p->i++]);
      }
      if (hi < lo || h >= 0x80) {
        p->bad = true;
        return;
      }
      set_range(it->set, (unsigned)lo, (unsigned)hi);
    } else {
      set_add(it->set, (unsigned)lo);
    }
  }
  if (!more(p)) {
    p->bad = true;
    return;
  }
  p->i++; /* ] */
  if (neg) set_invert(it->set);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static uint32_t parse_number(parser *p) {
  uint64_t v = 0;
  while (p->i < p->n && is_digit(p->re[p->i])) {
    v = v * 10 + (uint64_t)(p->re[p->i++] - '0');
    if (v > 65535) v = 65535;
  }
  return (uint32_t)v;
}

static void parse_quant(parser *p, item *it) {
  if (p->i >= p->n) return;
  char c = p->re[p->i];
  if (c == '?' || c == '*' || c == '+') {
    p->i++;
    it->min = c == '+' ? 1 : 0;
    it->max = c == '?' ? 1 : INF;
  } else if (c == '{') {
    uint32_t start = ++p->i;
    if (p->i >= p->n || !is_digit(p->re[p->i])) {
      p->bad = true; /* a literal {, or {,n}: which one depends on the PCRE2 version */
      return;
    }
    it->min = parse_number(p);
    it->max = it->min;
    if (p->i < p->n && p->re[p->i] == ',') {
      p->i++;
      it->max = p->i < p->n && is_digit(p->re[p->i]) ? parse_number(p) : INF;
    }
    if (p->i >= p->n || p->re[p->i] != '}' || p->i == start || it->max < it->min) {
      p->bad = true;
      return;
    }
    p->i++;
  } else {
    return;
  }
  if (p->i < p->n && (p->re[p->i] == '?' || p->re[p->i] == '+')) p->i++; /* lazy, possessive */
  if (p->i < p->n && strchr("?*+{", p->re[p->i])) p->bad = true;
}

static void parse_alts(parser *p, item *group, int depth);

/* (?flags) or (?flags: with flags from imnsUJ^-; x (extended) is not followed. */
static bool parse_flags(parser *p, bool *is_group) {
  while (p->i < p->n && strchr("imnsUJ^-", p->re[p->i]) && p->re[p->i] != '\0') p->i++;
  if (p->i >= p->n || (p->re[p->i] != ')' && p->re[p->i] != ':')) return false;
  *is_group = p->re[p->i] == ':';
  p->i++;
  return true;
}

/* Skips a group name closed by end; false when there is none. */
static bool skip_name(parser *p, char end) {
  uint32_t start = p->i;
  while (p->i < p->n && p->re[p->i] != end) p->i++;
  if (p->i >= p->n || p->i == start) return false;
  p->i++;
  return true;
}

/* After "(": the item the group makes, or NULL for a flag setting such as (?i). */
static item *parse_group(parser *p, int depth) {
  kind k = GROUP;
  const char *r = p->re + p->i;
  size_t left = p->n - p->i;
  if (left >= 1 && r[0] == '*') {
    p->bad = true; /* (*VERB) */
    return NULL;
  }
  if (left >= 1 && r[0] == '?') {
    p->i++;
    char c = left >= 2 ? r[1] : '\0';
    if (c == ':' || c == '|' || c == '>') p->i++;
    else if (c == '=') {
      p->i++;
      k = AHEAD;
    } else if (c == '!') {
      p->i++;
      k = ZERO;
    } else if (c == '<' && left >= 3 && (r[2] == '=' || r[2] == '!')) {
      p->i += 2;
      k = ZERO;
    } else if (c == '<' || c == '\'' || (c == 'P' && left >= 3 && r[2] == '<')) {
      p->i += c == 'P' ? 2 : 1;
      if (!skip_name(p, c == '\'' ? '\'' : '>')) p->bad = true;
    } else {
      bool is_group = false;
      if (!parse_flags(p, &is_group)) p->bad = true;
      if (p->bad || !is_group) return NULL;
    }
  }
  if (p->bad) return NULL;
  item *it = item_new(k);
  parse_alts(p, it, depth + 1);
  if (!more(p) || p->re[p->i] != ')') {
    p->bad = true;
    return it;
  }
  p->i++;
  for (uint32_t a = 0; a < it->nalts; a++)
    for (uint32_t j = 0; j < it->alts[a].n; j++) it->nl |= it->alts[a].items[j]->nl;
  if (k == ZERO) it->nl = false; /* a lookaround consumes nothing */
  if (k == AHEAD) it->nl = false;
  return it;
}

static item *parse_escape(parser *p) {
  if (p->i >= p->n) {
    p->bad = true;
    return NULL;
  }
  char c = p->re[p->i++];
  item *it;
  if (strchr("bBAzZG", c)) return item_new(ZERO);
  if (c == 'k' || c == 'g' || (c >= '1' && c <= '9')) {
    if (c == 'k' || c == 'g') {
      char open = p->i < p->n ? p->re[p->i] : '\0';
      char close = open == '<' ? '>' : open == '{' ? '}' : open == '\'' ? '\'' : '\0';
      if (close != '\0') {
        p->i++;
        if (!skip_name(p, close)) p->bad = true;
      } else if (c == 'g' && p->i < p->n && (is_digit(p->re[p->i]) || p->re[p->i] == '-')) {
        p->i++;
        parse_number(p);
      } else {
        p->bad = true;
      }
    } else {
      parse_number(p);
    }
    it = item_new(BACKREF);
    it->nl = true;
    return it;
  }
  it = item_new(SET);
  if (!class_escape(c, it->set)) {
    int b = char_escape(c);
    if (b < 0) {
      p->bad = true;
      return it;
    }
    set_add(it->set, (unsigned)b);
  }
  it->nl = set_has(it->set, '\n');
  return it;
}

static void parse_seq(parser *p, seq *s, int depth) {
  uint32_t cap = 0;
  while (more(p) && p->re[p->i] != '|' && p->re[p->i] != ')') {
    unsigned char c = (unsigned char)p->re[p->i++];
    item *it = NULL;
    if (c >= 0x80 || c == '*' || c == '+' || c == '?' || c == '{') {
      p->bad = true;
      return;
    } else if (c == '(') {
      it = parse_group(p, depth);
      if (it == NULL) continue; /* a flag setting */
    } else if (c == '[') {
      it = item_new(SET);
      parse_class(p, it);
      it->nl = set_has(it->set, '\n');
    } else if (c == '.') {
      it = item_new(SET);
      set_range(it->set, 0, 255);
      it->nl = true; /* (?s) may be on */
    } else if (c == '^' || c == '$') {
      it = item_new(ZERO);
    } else if (c == '\\') {
      it = parse_escape(p);
    } else {
      it = item_new(SET);
      set_add(it->set, c);
      it->nl = c == '\n';
    }
    if (it == NULL) return;
    if (s->n == cap) s->items = ms_xreallocarray(s->items, cap = cap ? cap * 2 : 8, sizeof(item *));
    s->items[s->n++] = it;
    parse_quant(p, it);
  }
}

static void parse_alts(parser *p, item *group, int depth) {
  if (depth > MAX_DEPTH) {
    p->bad = true;
    return;
  }
  uint32_t cap = 0;
  for (;;) {
    if (group->nalts == cap) group->alts = ms_xreallocarray(group->alts, cap = cap ? cap * 2 : 4, sizeof(seq));
    seq *s = &group->alts[group->nalts++];
    s->items = NULL;
    s->n = 0;
    parse_seq(p, s, depth);
    if (!more(p) || p->re[p->i] != '|') return;
    p->i++;
  }
}

/* ---- texts -------------------------------------------------------------------------------- */

/* A finite set of lower-cased texts, or "too many" (n == INF). */
typedef struct texts {
  uint32_t n;
  char *s[MAX_TEXTS];
  uint8_t len[MAX_TEXTS]; /* of each text (at most MAX_LEN): set unions compare lengths first */
} texts;

/* Only n needs a value: the texts past it are never read (a zeroed set cost more than the
 * analysis). */
static texts *texts_new(void) {
  texts *t = ms_xmalloc(sizeof(texts));
  t->n = 0;
  return t;
}

static void texts_clear(texts *t) {
  if (t->n != INF)
    for (uint32_t k = 0; k < t->n; k++) ms_free(t->s[k]);
  t->n = 0;
}

static void texts_free(texts *t) {
  if (t == NULL) return;
  texts_clear(t);
  ms_free(t);
}

static void texts_overflow(texts *t) {
  texts_clear(t);
  t->n = INF;
}

static void texts_add(texts *t, const char *s, size_t len) {
  if (t->n == INF) return;
  if (len > MAX_LEN || t->n == MAX_TEXTS) {
    texts_overflow(t);
    return;
  }
  for (uint32_t k = 0; k < t->n; k++)
    if (t->len[k] == len && memcmp(t->s[k], s, len) == 0) return;
  t->len[t->n] = (uint8_t)len;
  t->s[t->n++] = ms_xstrndup(s, len);
}

/* Adds every text of a to t. */
static void texts_add_all(texts *t, const texts *a) {
  for (uint32_t k = 0; k < a->n && t->n != INF; k++) texts_add(t, a->s[k], a->len[k]);
}

/* Exchanges the sets a and b point to (a result built in a scratch set becomes the set). */
static void texts_swap(texts **a, texts **b) {
  texts *t = *a;
  *a = *b;
  *b = t;
}

/* out = a · b (each text of a followed by each of b). */
static void texts_cross(texts *out, const texts *a, const texts *b) {
  texts_clear(out);
  if (a->n == INF || b->n == INF) {
    out->n = INF;
    return;
  }
  char buf[2 * MAX_LEN + 1];
  for (uint32_t i = 0; i < a->n && out->n != INF; i++)
    for (uint32_t j = 0; j < b->n && out->n != INF; j++) {
      size_t la = a->len[i], lb = b->len[j];
      memcpy(buf, a->s[i], la);
      memcpy(buf + la, b->s[j], lb);
      texts_add(out, buf, la + lb);
    }
}

static void texts_copy(texts *out, const texts *a) {
  texts_clear(out);
  if (a->n == INF) out->n = INF;
  else texts_add_all(out, a);
}

static void seq_texts(const seq *s, texts *out);

/* The texts one repetition of it matches. */
static void once_texts(const item *it, texts *out) {
  texts_clear(out);
  if (it->kind == ZERO || it->kind == AHEAD) {
    texts_add(out, "", 0);
  } else if (it->kind == BACKREF) {
    out->n = INF;
  } else if (it->kind == SET) {
    /* Visits set bits only: the walk asks for the same sets again and again, and most are one
     * byte or a class of dozens. Folding case at most halves the count. */
    uint32_t raw = 0;
    for (int k = 0; k < 32; k++) raw += (uint32_t)__builtin_popcount(it->set[k]);
    if (raw > 2 * MAX_SET) {
      out->n = INF;
      return;
    }
    uint8_t low[32] = {0};
    for (unsigned k = 0; k < 32; k++)
      for (unsigned bits = it->set[k]; bits; bits &= bits - 1) {
        unsigned c = k * 8 + (unsigned)__builtin_ctz(bits);
        set_add(low, c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
    uint32_t count = 0;
    for (int k = 0; k < 32; k++) count += (uint32_t)__builtin_popcount(low[k]);
    if (count > MAX_SET) {
      out->n = INF;
      return;
    }
    for (unsigned k = 0; k < 32; k++)
      for (unsigned bits = low[k]; bits; bits &= bits - 1) {
        char ch = (char)(k * 8 + (unsigned)__builtin_ctz(bits));
        texts_add(out, &ch, 1);
      }
  } else {
    texts *b = texts_new();
    for (uint32_t a = 0; a < it->nalts && out->n != INF; a++) {
      seq_texts(&it->alts[a], b);
      if (b->n == INF) texts_overflow(out);
      else texts_add_all(out, b);
    }
    texts_free(b);
  }
}

/* The texts of it with its quantifier. */
static void item_texts(const item *it, texts *out) {
  texts_clear(out);
  if (it->max == INF || it->max > 8) {
    out->n = INF;
    return;
  }
  texts *one = texts_new(), *acc = texts_new(), *tmp = texts_new();
  once_texts(it, one);
  texts_add(acc, "", 0); /* acc: the texts of r repetitions */
  for (uint32_t r = 0; r <= it->max && out->n != INF; r++) {
    if (r >= it->min) {
      if (acc->n == INF) texts_overflow(out);
      else texts_add_all(out, acc);
    }
    if (r < it->max) {
      texts_cross(tmp, acc, one);
      texts_swap(&acc, &tmp);
    }
  }
  texts_free(one);
  texts_free(acc);
  texts_free(tmp);
}

static void seq_texts(const seq *s, texts *out) {
  texts *acc = texts_new(), *x = texts_new(), *tmp = texts_new();
  texts_add(acc, "", 0);
  for (uint32_t k = 0; k < s->n && acc->n != INF; k++) {
    item_texts(s->items[k], x);
    texts_cross(tmp, acc, x);
    texts_swap(&acc, &tmp);
  }
  texts_copy(out, acc);
  texts_free(acc);
  texts_free(x);
  texts_free(tmp);
}

/* ---- the walk ----------------------------------------------------------------------------- */

typedef struct keys {
  const char *const *k;
  uint32_t n;
} keys;

static bool has_keyword(const keys *kw, const char *s) {
  size_t line = strcspn(s, "\n");
  for (uint32_t k = 0; k < kw->n; k++) {
    size_t l = strlen(kw->k[k]);
    for (size_t i = 0; i + l <= line; i++) {
      size_t j = 0;
      while (j < l && s[i + j] == kw->k[k][j]) j++;
      if (j == l) return true;
    }
  }
  return false;
}

static bool all_have_keyword(const keys *kw, const texts *t) {
  if (t->n == INF || t->n == 0) return false;
  for (uint32_t k = 0; k < t->n; k++)
    if (!has_keyword(kw, t->s[k])) return false;
  return true;
}

static bool walk(const keys *kw, const seq *s, const texts *before, int depth);

/* Every branch of a group (or lookahead) entered at a point preceded, on the line, by the texts
 * `before`. */
static bool every_branch(const keys *kw, const item *it, const texts *before, int depth) {
  if (depth > MAX_DEPTH || it->nalts == 0) return false;
  for (uint32_t a = 0; a < it->nalts; a++)
    if (!walk(kw, &it->alts[a], before, depth + 1)) return false;
  return true;
}

/* Whether every match of s, entered after the texts `before` (consumed on the same line),
 * holds a keyword on that line. */
static bool walk(const keys *kw, const seq *s, const texts *before, int depth) {
  texts *acc = texts_new(), *x = texts_new(), *tmp = texts_new(), *empty = texts_new();
  texts_copy(acc, before);
  texts_add(empty, "", 0);
  bool ok = false;
  for (uint32_t k = 0; k < s->n && !ok; k++) {
    const item *it = s->items[k];
    if (it->kind == ZERO) continue;
    if (it->kind == AHEAD) {
      if (it->min >= 1 && every_branch(kw, it, empty, depth)) ok = true;
      continue;
    }
    item_texts(it, x);
    texts_cross(tmp, acc, x);
    if (tmp->n != INF) {
      texts_swap(&acc, &tmp);
      if (all_have_keyword(kw, acc)) ok = true;
    } else {
      if (it->kind == GROUP && it->min >= 1 && every_branch(kw, it, acc, depth)) ok = true;
      texts_clear(acc);
      texts_add(acc, "", 0);
    }
    if (it->nl) break; /* what follows may be on another line */
  }
  texts_free(acc);
  texts_free(x);
  texts_free(tmp);
  texts_free(empty);
  return ok;
}

bool ms_line_witness(const char *re, const char *const *keywords, uint32_t n) {
  if (n == 0) return false;
  char **low = ms_xcalloc(n, sizeof(char *));
  bool ok = true;
  for (uint32_t k = 0; k < n; k++) {
    low[k] = ms_xstrdup(keywords[k]);
    if (low[k][0] == '\0' || strchr(low[k], '\n') != NULL) ok = false;
    for (char *c = low[k]; *c; c++)
      if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
  }
  parser p = {re, 0, (uint32_t)strlen(re), false};
  item *top = item_new(GROUP);
  parse_alts(&p, top, 0);
  if (p.bad || p.i != p.n) ok = false;
  if (ok) {
    keys kw = {(const char *const *)low, n};
    texts *empty = texts_new();
    texts_add(empty, "", 0);
    ok = every_branch(&kw, top, empty, 0);
    texts_free(empty);
  }
  item_free(top);
  for (uint32_t k = 0; k < n; k++) ms_free(low[k]);
  ms_free(low);
  return ok;
}
