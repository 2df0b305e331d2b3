/* Patterns that differ only in their predicates are compiled once; see query_dedup.h. */
#include "match/query_dedup.h"

#include <string.h>

#include "match/query_lex.h"
#include "util/xalloc.h"

/* `(`, blanks, `#`: a predicate. */
static bool at_predicate(const char *t, uint32_t i, uint32_t n) {
  if (t[i] != '(') return false;
  for (i++; i < n && ms_query_lex_blank(t[i]); i++) {
  }
  return i < n && t[i] == '#';
}

/* The pattern's structure: its text without comments and predicates, blanks collapsed
 * (strings kept as written). Two patterns with the same key differ only in predicates. When
 * preds is not NULL, the predicates are appended to it, in order, as written. */
static char *structure_key(const char *t, uint32_t n, ms_strbuf *preds) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  bool gap = false;
  for (uint32_t i = 0; i < n;) {
    char c = t[i];
    uint32_t next = i + 1;
    if (c == ';') {
      next = ms_query_lex_past_comment(t, i, n);
      gap = true;
    } else if (at_predicate(t, i, n)) {
      next = ms_query_lex_past_group(t, i, n);
      if (next == MS_QUERY_LEX_NONE) next = n;
      if (preds) {
        ms_strbuf_putc(preds, ' ');
        ms_strbuf_put(preds, t + i, next - i);
      }
      gap = true;
    } else if (ms_query_lex_blank(c)) {
      gap = true;
    } else {
      if (c == '"') next = ms_query_lex_past_string(t, i, n);
      if (next == MS_QUERY_LEX_NONE) next = n;
      if (gap && b.len > 0) ms_strbuf_putc(&b, ' ');
      gap = false;
      ms_strbuf_put(&b, t + i, next - i);
    }
    i = next;
  }
  char *key = ms_xstrdup(b.len ? ms_strbuf_cstr(&b) : "");
  ms_strbuf_dispose(&b);
  return key;
}

/* From just past a top-level pattern's closing bracket: past the captures and quantifier that
 * follow it (`[...] @match`). */
static uint32_t past_suffixes(const char *t, uint32_t end, uint32_t n) {
  for (;;) {
    uint32_t j = end;
    while (j < n && ms_query_lex_blank(t[j])) j++;
    if (j < n && t[j] == '@') {
      end = ms_query_lex_past_ident(t, j + 1, n); /* a capture name */
    } else if (j < n && (t[j] == '*' || t[j] == '+' || t[j] == '?')) {
      end = j + 1;
    } else {
      return end;
    }
  }
}

bool ms_query_dedup_split(const char *text, uint32_t n, ms_query_pieces *pieces) {
  uint32_t first = pieces->len;
  for (uint32_t i = 0; i < n;) {
    char c = text[i];
    if (ms_query_lex_blank(c)) {
      i++;
    } else if (c == ';') {
      i = ms_query_lex_past_comment(text, i, n);
    } else if (c == '(' || c == '[') {
      uint32_t end = ms_query_lex_past_group(text, i, n);
      if (end == MS_QUERY_LEX_NONE) break;
      end = past_suffixes(text, end, n);
      ms_query_piece p = {0, text + i, end - i, -1, NULL};
      ms_array_push(pieces, p);
      i = end;
    } else {
      break;
    }
    if (i >= n) return true;
  }
  pieces->len = first;
  return false;
}

bool ms_query_dedup_append(ms_strbuf *src, const char *text, uint32_t n, ms_query_pieces *pieces) {
  uint32_t first = pieces->len;
  /* First the split, so that a text this reading does not follow adds nothing. */
  if (!ms_query_dedup_split(text, n, pieces)) return false;
  ms_strbuf preds = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t k = first; k < pieces->len; k++)
    pieces->items[k].key = structure_key(pieces->items[k].text, pieces->items[k].len, NULL);
  for (uint32_t k = first; k < pieces->len; k++) {
    ms_query_piece *p = &pieces->items[k];
    /* A key holding a nested node is a pattern with parent steps: only those cost. */
    bool costly = p->key[0] != '\0' && strchr(p->key + 1, '(') != NULL && !at_predicate(p->text, 0, p->len);
    for (uint32_t j = 0; j < k && costly && p->same_as < 0; j++)
      if (pieces->items[j].same_as < 0 && strcmp(pieces->items[j].key, p->key) == 0) p->same_as = (int32_t)j;
    p->start = (uint32_t)src->len;
    if (p->same_as < 0) {
      ms_strbuf_put(src, p->text, p->len);
    } else {
      ms_strbuf_clear(&preds);
      ms_free(structure_key(p->text, p->len, &preds));
      ms_strbuf_puts(src, "((comment)");
      ms_strbuf_put(src, preds.ptr, preds.len);
      ms_strbuf_putc(src, ')');
    }
    ms_strbuf_putc(src, '\n');
  }
  ms_strbuf_dispose(&preds);
  return true;
}

void ms_query_pieces_free(ms_query_pieces *pieces) {
  for (uint32_t k = 0; k < pieces->len; k++) ms_free(pieces->items[k].key);
  ms_array_free(pieces);
}
