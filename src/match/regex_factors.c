/* Required literals of a PCRE2 regular expression; see regex_factors.h.
 *
 * Each piece of the expression gets one of three descriptions: EXACT, the finite set of texts
 * it matches ("(?:sp\.)?run" → {"sp.run", "run"}); ANY, a set of literals one of which every
 * text it matches contains; ALL, nothing known. Concatenation crosses exact sets while they
 * stay small and otherwise keeps the better side's literals; alternation unions them, and one
 * branch without literals makes the whole alternation ALL. */
#include "match/regex_factors.h"

#include <stdlib.h>
#include <string.h>

#include "util/find.h"
#include "util/xalloc.h"

#define MAX_LEN 48u
#define MAX_DEPTH 64

typedef enum kind { EXACT, ANY, ALL } kind;

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

typedef struct info {
  kind kind;
  uint32_t n;
  char *s[MS_REGEX_FACTORS_MAX];
  uint32_t len[MS_REGEX_FACTORS_MAX];
} info;

typedef struct parser {
  const char *re;
  uint32_t i, n;
  bool bad;      /* a construct this reading does not follow: no literals at all */
  bool caseless; /* a (?i) was seen: from there on letters match in any case */
} parser;

static info *info_new(kind k) {
  info *x = ms_xcalloc(1, sizeof *x);
  x->kind = k;
  return x;
}

static void info_free(info *x) {
  if (x == NULL) return;
  for (uint32_t k = 0; k < x->n; k++) ms_free(x->s[k]);
  ms_free(x);
}

/* Adds s[0..len) unless present; false when the set is full or the string too long. */
static bool add(info *x, const char *s, uint32_t len) {
  for (uint32_t k = 0; k < x->n; k++)
    if (x->len[k] == len && memcmp(x->s[k], s, len) == 0) return true;
  if (x->n == MS_REGEX_FACTORS_MAX || len > MAX_LEN) return false;
  x->s[x->n] = ms_xmalloc(len + 1);
  memcpy(x->s[x->n], s, len);
  x->s[x->n][len] = '\0';
  x->len[x->n++] = len;
  return true;
}

static info *exact1(const char *s, uint32_t len) {
  info *x = info_new(EXACT);
  add(x, s, len);
  return x;
}

/* Literals every match of x contains, as a new ANY info; ALL when there are none. */
static info *required(const info *x) {
  info *r = info_new(ANY);
  bool ok = x->kind != ALL;
  for (uint32_t k = 0; ok && k < x->n; k++) ok = x->len[k] > 0 && add(r, x->s[k], x->len[k]);
  if (ok && r->n > 0) return r;
  info_free(r);
  return info_new(ALL);
}

static uint32_t shortest(const info *x) {
  uint32_t m = UINT32_MAX;
  for (uint32_t k = 0; k < x->n; k++)
    if (x->len[k] < m) m = x->len[k];
  return x->kind == ALL || x->n == 0 ? 0 : m;
}

/* a followed by b; frees both. */
static info *concat(info *a, info *b) {
  if (a->kind == EXACT && b->kind == EXACT && a->n * b->n <= MS_REGEX_FACTORS_MAX) {
    info *x = info_new(EXACT);
    bool ok = true;
    char buf[2 * MAX_LEN];
    for (uint32_t i = 0; i < a->n && ok; i++)
      for (uint32_t j = 0; j < b->n && ok; j++) {
        ok = a->len[i] + b->len[j] <= MAX_LEN;
        if (!ok) break;
        memcpy(buf, a->s[i], a->len[i]);
        memcpy(buf + a->len[i], b->s[j], b->len[j]);
        ok = add(x, buf, a->len[i] + b->len[j]);
      }
    if (ok) {
      info_free(a);
      info_free(b);
      return x;
    }
    info_free(x);
  }
  info *ra = required(a), *rb = required(b);
  info_free(a);
  info_free(b);
  if (shortest(ra) >= shortest(rb)) {
    info_free(rb);
    return ra;
  }
  info_free(ra);
  return rb;
}

/* a or b; frees both. */
static info *alternate(info *a, info *b) {
  if (a->kind == EXACT && b->kind == EXACT) {
    bool ok = true;
    for (uint32_t k = 0; k < b->n && ok; k++) ok = add(a, b->s[k], b->len[k]);
    if (ok) {
      info_free(b);
      return a;
    }
  }
  info *ra = required(a), *rb = required(b), *x = ra;
  info_free(a);
  info_free(b);
  bool ok = ra->kind == ANY && rb->kind == ANY;
  for (uint32_t k = 0; k < rb->n && ok; k++) ok = add(ra, rb->s[k], rb->len[k]);
  info_free(rb);
  if (!ok) {
    info_free(ra);
    x = info_new(ALL);
  }
  return x;
}

static bool at_end(const parser *p) { return p->i >= p->n; }
static char peek(const parser *p) { return at_end(p) ? '\0' : p->re[p->i]; }

static info *parse_alt(parser *p, int depth);

/* A character class: [...] with its escapes and POSIX classes. A small set of plain
 * characters is exact; anything else (ranges, negation, escapes) matches "anything". */
static info *parse_class(parser *p) {
  p->i++; /* [ */
  bool negated = peek(p) == '^', plain = !negated;
  if (negated) p->i++;
  char chars[8];
  uint32_t nchars = 0;
  bool first = true;
  while (!at_end(p) && (peek(p) != ']' || first)) {
    char c = peek(p);
    first = false;
    if (c == '[' && p->i + 1 < p->n && p->re[p->i + 1] == ':') { /* [:alpha:] */
      const char *close = memmem(p->re + p->i, p->n - p->i, ":]", 2);
      if (close == NULL) break;
      p->i = (uint32_t)(close - p->re) + 2;
      plain = false;
      continue;
    }
    if (c == '\\') {
      p->i += 2;
      plain = false;
      continue;
    }
    if (c == '-' || (unsigned char)c >= 0x80) plain = false;
    if (nchars < sizeof chars) chars[nchars] = c;
    nchars++;
    p->i++;
  }
  if (at_end(p)) {
    p->bad = true;
    return info_new(ALL);
  }
  p->i++; /* ] */
  if (!plain || nchars == 0 || nchars > 4) return info_new(ALL);
  info *x = info_new(EXACT);
  for (uint32_t k = 0; k < nchars; k++) add(x, &chars[k], 1);
  return x;
}

/* After a backslash. */
static info *parse_escape(parser *p) {
  p->i++;
  if (at_end(p)) {
    p->bad = true;
    return info_new(ALL);
  }
  char c = p->re[p->i++];
  if (strchr("AzZbBG", c)) return exact1("", 0); /* assertions: match no text */
  if (strchr("QEKgk", c) || (c >= '1' && c <= '9')) { /* quoting, \K, back-references */
    p->bad = true;
    return info_new(ALL);
  }
  if (strchr("pPxocNu", c)) { /* \p{..}, \x{..}, \o{..}, \cX, \N{..}: one character of some kind */
    if (peek(p) == '{') {
      while (!at_end(p) && peek(p) != '}') p->i++;
      p->i++;
    } else if (c == 'p' || c == 'P' || c == 'c') {
      p->i++;
    } else if (c == 'x' || c == 'o') {
      for (int k = 0; k < 2 && !at_end(p) && p->re[p->i] && strchr("0123456789abcdefABCDEF", p->re[p->i]); k++) p->i++;
    }
    return info_new(ALL);
  }
  if (c == '0') /* \0, \012: octal */
    for (int k = 0; k < 2 && !at_end(p) && peek(p) >= '0' && peek(p) <= '7'; k++) p->i++;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return info_new(ALL); /* \d \w \s \n \t \R \X \0 ...: a character of some kind */
  return exact1(&c, 1);   /* an escaped punctuation character stands for itself */
}

/* After "(": a group of any kind. */
static info *parse_group(parser *p, int depth) {
  p->i++;
  bool assertion = false;
  if (peek(p) == '*') { /* (*VERB) */
    p->bad = true;
    return info_new(ALL);
  }
  if (peek(p) == '?') {
    p->i++;
    char c = peek(p);
    if (c == ':' || c == '>' || c == '|') {
      p->i++;
    } else if (c == '=' || c == '!') {
      p->i++;
      assertion = true;
    } else if (c == '<' && p->i + 1 < p->n && (p->re[p->i + 1] == '=' || p->re[p->i + 1] == '!')) {
      p->i += 2;
      assertion = true;
    } else if (c == '<' || c == '\'' || (c == 'P' && p->i + 1 < p->n && p->re[p->i + 1] == '<')) { /* named */
      char close = c == '\'' ? '\'' : '>';
      while (!at_end(p) && peek(p) != close) p->i++;
      p->i++;
    } else if (c == '#') {
      while (!at_end(p) && peek(p) != ')') p->i++;
      p->i++;
      return exact1("", 0);
    } else { /* flags: (?i) (?s) (?-i) or (?i:...); (?x) changes what every character means */
      uint32_t start = p->i;
      while (!at_end(p) && peek(p) != ')' && peek(p) != ':') p->i++;
      for (uint32_t k = start; k < p->i; k++) {
        if (!strchr("ismnUJ-^", p->re[k])) p->bad = true;
        if (p->re[k] == 'i') p->caseless = true; /* (?-i) too: any case is the safe reading */
      }
      if (p->bad || at_end(p)) {
        p->bad = true;
        return info_new(ALL);
      }
      if (p->re[p->i++] == ')') return exact1("", 0);
    }
  }
  info *x = parse_alt(p, depth + 1);
  if (peek(p) != ')') p->bad = true;
  else p->i++;
  if (assertion) {
    info_free(x);
    return exact1("", 0);
  }
  return x;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* A {n}, {n,} or {n,m} quantifier at p->i: its minimum in *min, or false when the brace is a
 * literal character. */
static bool counted(parser *p, uint32_t *min) {
  uint32_t k = p->i + 1, m = 0;
  if (k >= p->n || !digit(p->re[k])) return false;
  while (k < p->n && digit(p->re[k])) m = m < 1000 ? m * 10 + (uint32_t)(p->re[k++] - '0') : (k++, m);
  if (k < p->n && p->re[k] == ',') {
    k++;
    while (k < p->n && digit(p->re[k])) k++;
  }
  if (k >= p->n || p->re[k] != '}') return false;
  p->i = k + 1;
  *min = m;
  return true;
}

static info *parse_atom(parser *p, int depth) {
  char c = peek(p);
  if (depth > MAX_DEPTH) {
    p->bad = true;
    return info_new(ALL);
  }
  switch (c) {
    case '(': return parse_group(p, depth);
    case '[': return parse_class(p);
    case '\\': return parse_escape(p);
    case '.': p->i++; return info_new(ALL);
    case '^':
    case '$': p->i++; return exact1("", 0);
    default: break;
  }
  uint32_t len = 1; /* one character: a whole UTF-8 sequence */
  if ((unsigned char)c >= 0xC0)
    while (p->i + len < p->n && ((unsigned char)p->re[p->i + len] & 0xC0) == 0x80) len++;
  /* Without case, PCRE2 (UTF) matches non-ASCII letters by Unicode rules: such a character is
   * "some character" here. (It also matches s with U+017F and k with U+212A: the search for
   * folded literals knows those two, see query.c.) */
  bool unicase = p->caseless && (unsigned char)c >= 0x80;
  info *x = unicase ? info_new(ALL) : exact1(p->re + p->i, len);
  p->i += len;
  return x;
}

/* The better of two ANY/ALL infos (the longer shortest literal, then the fewer); frees the
 * other. */
static info *better(info *a, info *b) {
  uint32_t sa = shortest(a), sb = shortest(b);
  if (sa > sb || (sa == sb && sa > 0 && a->n <= b->n) || (sa == 0 && sb == 0)) {
    info_free(b);
    return a;
  }
  info_free(a);
  return b;
}

/* A sequence of atoms, read left to right: consecutive exact atoms grow a run of exact texts
 * (crossed); whatever is not exact ends the run, whose texts then become one candidate
 * literal set; the result is the best candidate, or the exact run if nothing else came. */
static info *parse_concat(parser *p, int depth) {
  info *run = exact1("", 0), *best = info_new(ALL);
  bool exact = true;
  while (!at_end(p) && peek(p) != '|' && peek(p) != ')' && !p->bad) {
    info *a = parse_atom(p, depth);
    char q = peek(p);
    uint32_t min = 1;
    bool quantified = false;
    if (q == '?' || q == '*' || q == '+') {
      p->i++;
      quantified = true;
      min = q == '+';
    } else if (q == '{') {
      quantified = counted(p, &min);
    }
    if (quantified && (peek(p) == '?' || peek(p) == '+')) p->i++; /* lazy or possessive */
    if (quantified && q == '?' && a->kind == EXACT && add(a, "", 0)) quantified = false; /* x? = x or "" */
    if (quantified && min == 0) {                    /* x*, x{0,n}: maybe nothing */
      info_free(a);
      a = info_new(ALL);
    }
    if (a->kind == EXACT) {
      info *copy = quantified ? required(a) : NULL; /* x+: the last copy starts the next run */
      run = concat(run, a);
      if (run->kind != EXACT || quantified) { /* too many texts, or more copies follow */
        best = better(best, required(run));
        info_free(run);
        run = exact1("", 0);
        exact = false;
        if (copy && copy->kind == ANY) {
          info_free(run);
          run = info_new(EXACT);
          for (uint32_t k = 0; k < copy->n; k++) add(run, copy->s[k], copy->len[k]);
        }
      }
      info_free(copy);
    } else {
      best = better(best, required(run));
      best = better(best, a);
      info_free(run);
      run = exact1("", 0);
      exact = false;
    }
  }
  if (exact) {
    info_free(best);
    return run;
  }
  best = better(best, required(run));
  info_free(run);
  return best;
}

static info *parse_alt(parser *p, int depth) {
  info *x = parse_concat(p, depth);
  while (peek(p) == '|' && !p->bad) {
    p->i++;
    x = alternate(x, parse_concat(p, depth));
  }
  return x;
}

void ms_regex_factors_of(const char *re, uint32_t len, ms_regex_factors *out) {
  memset(out, 0, sizeof *out);
  parser p = {re, 0, len, false, false};
  info *x = parse_alt(&p, 0);
  if (!at_end(&p)) p.bad = true; /* an unbalanced ")" */
  info *r = required(x);
  info_free(x);
  out->fold_case = p.caseless; /* literals read before the (?i) are then found in any case too */
  if (!p.bad && r->kind == ANY && out->fold_case)
    for (uint32_t k = 0; k < r->n; k++)
      for (char *c = r->s[k]; *c; c++) *c = (char)lower((unsigned char)*c);
  if (!p.bad && r->kind == ANY) {
    for (uint32_t k = 0; k < r->n; k++) { /* a literal that contains another one is redundant */
      bool redundant = false;
      for (uint32_t j = 0; j < r->n && !redundant; j++)
        redundant = j != k && r->len[j] <= r->len[k] && memmem(r->s[k], r->len[k], r->s[j], r->len[j]) &&
                    (r->len[j] < r->len[k] || j < k);
      if (redundant) continue;
      out->strings[out->n] = ms_xstrdup(r->s[k]);
      out->lengths[out->n++] = r->len[k];
    }
  }
  info_free(r);
}

void ms_regex_factors_dispose(ms_regex_factors *self) {
  for (uint32_t k = 0; k < self->n; k++) ms_free(self->strings[k]);
  self->n = 0;
}

/* ---- finding the literals ------------------------------------------------------------------ */

#define LONG_S "\xC5\xBF"       /* U+017F, which PCRE2 matches as s without case */
#define KELVIN "\xE2\x84\xAA"  /* U+212A, matched as k */

char *ms_regex_factors_fold_text(const char *text, size_t n) {
  if (ms_find(text, n, LONG_S, 2) != NULL || ms_find(text, n, KELVIN, 3) != NULL) return NULL;
  char *out = ms_xmalloc(n + 1);
  for (size_t i = 0; i < n; i++) out[i] = (char)lower((unsigned char)text[i]);
  out[n] = '\0';
  return out;
}

/* Whether text[0..n) starts with lit (lower-case ASCII) in any case, counting U+017F as s and
 * U+212A as k (PCRE2 matches them so without case in UTF mode); the length of the occurrence
 * in *olen. */
static bool folded_at(const char *text, size_t n, const char *lit, uint32_t len, size_t *olen) {
  size_t i = 0;
  for (uint32_t k = 0; k < len; k++) {
    if (i < n && lower((unsigned char)text[i]) == (unsigned char)lit[k]) i++;
    else if (lit[k] == 's' && i + 1 < n && memcmp(text + i, LONG_S, 2) == 0) i += 2;
    else if (lit[k] == 'k' && i + 2 < n && memcmp(text + i, KELVIN, 3) == 0) i += 3;
    else return false;
  }
  *olen = i;
  return true;
}

const char *ms_regex_factors_find(const char *hay, size_t n, const char *lit, uint32_t len, bool fold, size_t *olen) {
  *olen = len;
  if (!fold) return ms_find(hay, n, lit, len);
  if (len == 0) return hay;
  /* The bytes an occurrence can start with, each with its next position (memchr, redone only
   * once passed). */
  unsigned char c0 = (unsigned char)lit[0], firsts[3] = {c0, c0, c0};
  uint32_t nfirsts = 1;
  if (c0 >= 'a' && c0 <= 'z') firsts[nfirsts++] = (unsigned char)(c0 - 32);
  if (c0 == 's' || c0 == 'k') firsts[nfirsts++] = (unsigned char)(c0 == 's' ? LONG_S : KELVIN)[0];
  const char *next[3] = {NULL, NULL, NULL};
  bool done[3] = {false, false, false};
  for (size_t i = 0; i < n;) {
    const char *at = NULL;
    for (uint32_t f = 0; f < nfirsts; f++) {
      if (!done[f] && (next[f] == NULL || next[f] < hay + i)) done[f] = (next[f] = memchr(hay + i, firsts[f], n - i)) == NULL;
      if (!done[f] && (at == NULL || next[f] < at)) at = next[f];
    }
    if (at == NULL) return NULL;
    if (folded_at(at, (size_t)(hay + n - at), lit, len, olen)) return at;
    i = (size_t)(at - hay) + 1;
  }
  return NULL;
}
