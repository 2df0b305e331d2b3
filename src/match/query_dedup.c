/* Patterns that differ only in their predicates are compiled once; see query_dedup.h. */
#include "match/query_dedup.h"

#include <string.h>

#include "util/xalloc.h"

#define NONE UINT32_MAX

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* tree-sitter's identifier characters (capture names). */
static bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '?' || c == '!';
}

/* From an opening quote: just past the closing one, or NONE when unclosed. */
static uint32_t past_string(const char *t, uint32_t i, uint32_t n) {
  for (i++; i < n; i++) {
    if (t[i] == '\\') i++;
    else if (t[i] == '"') return i + 1;
  }
  return NONE;
}

/* From a `;`: to the end of the line. */
static uint32_t past_comment(const char *t, uint32_t i, uint32_t n) {
  while (i < n && t[i] != '\n') i++;
  return i;
}

/* From an opening bracket: just past the bracket that closes it, or NONE. */
static uint32_t past_group(const char *t, uint32_t i, uint32_t n) {
  uint32_t depth = 0;
  while (i < n) {
    char c = t[i];
    if (c == '"') {
      i = past_string(t, i, n);
      if (i == NONE) return NONE;
      continue;
    }
    if (c == ';') {
      i = past_comment(t, i, n);
      continue;
    }
    if (c == '(' || c == '[') depth++;
    else if ((c == ')' || c == ']') && --depth == 0) return i + 1;
    i++;
  }
  return NONE;
}

/* `(`, blanks, `#`: a predicate. */
static bool at_predicate(const char *t, uint32_t i, uint32_t n) {
  if (t[i] != '(') return false;
  for (i++; i < n && is_blank(t[i]); i++) {
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
      next = past_comment(t, i, n);
      gap = true;
    } else if (at_predicate(t, i, n)) {
      next = past_group(t, i, n);
      if (next == NONE) next = n;
      if (preds) {
        ms_strbuf_putc(preds, ' ');
        ms_strbuf_put(preds, t + i, next - i);
      }
      gap = true;
    } else if (is_blank(c)) {
      gap = true;
    } else {
      if (c == '"') next = past_string(t, i, n);
      if (next == NONE) next = n;
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
    while (j < n && is_blank(t[j])) j++;
    if (j < n && t[j] == '@') {
      for (j++; j < n && ident_char(t[j]); j++) {
      }
      end = j;
    } else if (j < n && (t[j] == '*' || t[j] == '+' || t[j] == '?')) {
      end = j + 1;
    } else {
      return end;
    }
  }
}

bool ms_query_dedup_append(ms_strbuf *src, const char *text, ms_query_pieces *pieces) {
  uint32_t n = (uint32_t)strlen(text), first = pieces->len;
  /* First the split, so that a text this reading does not follow adds nothing. */
  for (uint32_t i = 0; i < n;) {
    char c = text[i];
    if (is_blank(c)) {
      i++;
    } else if (c == ';') {
      i = past_comment(text, i, n);
    } else if (c == '(' || c == '[') {
      uint32_t end = past_group(text, i, n);
      if (end == NONE) break;
      end = past_suffixes(text, end, n);
      ms_query_piece p = {0, text + i, end - i, -1, structure_key(text + i, end - i, NULL)};
      ms_array_push(pieces, p);
      i = end;
    } else {
      break;
    }
    if (i >= n) {
      /* Whole text read: write the pieces. */
      ms_strbuf preds = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
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
  }
  for (uint32_t k = first; k < pieces->len; k++) ms_free(pieces->items[k].key);
  pieces->len = first;
  return false;
}

void ms_query_pieces_free(ms_query_pieces *pieces) {
  for (uint32_t k = 0; k < pieces->len; k++) ms_free(pieces->items[k].key);
  ms_array_free(pieces);
}
