/* A query pattern's predicates read from its text; see query_preds.h. */
#include "match/query_preds.h"

#include <string.h>

#include "match/query_lex.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void pred_dispose(ms_text_pred *p) {
  for (uint32_t k = 0; k < p->args.len; k++) ms_free(p->args.items[k].text);
  ms_array_free(&p->args);
  ms_free(p->name);
}

uint32_t ms_query_text_string(const char *t, uint32_t i, uint32_t n, ms_strbuf *b) {
  for (i++; i < n; i++) {
    char c = t[i];
    if (c == '"') return i + 1;
    if (c == '\n') return MS_QUERY_LEX_NONE;
    if (c != '\\') {
      ms_strbuf_putc(b, c);
      continue;
    }
    if (++i == n) return MS_QUERY_LEX_NONE;
    switch (t[i]) {
      case 'n': ms_strbuf_putc(b, '\n'); break;
      case 'r': ms_strbuf_putc(b, '\r'); break;
      case 't': ms_strbuf_putc(b, '\t'); break;
      case '0': ms_strbuf_putc(b, '\0'); break;
      default: ms_strbuf_putc(b, t[i]); break;
    }
  }
  return MS_QUERY_LEX_NONE;
}

static bool ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* From just past the `#` of a predicate: reads it into p up to its closing `)`; the offset past
 * that, or NONE when this reading does not follow it. */
static uint32_t read_predicate(const char *t, uint32_t i, uint32_t n, ms_text_pred *p) {
  if (i >= n || !ident_start(t[i])) return MS_QUERY_LEX_NONE;
  uint32_t end = ms_query_lex_past_ident(t, i, n);
  p->name = ms_xstrndup(t + i, end - i);
  p->name_len = end - i;
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (i = ms_query_lex_past_space(t, end, n); i < n && t[i] != ')'; i = ms_query_lex_past_space(t, i, n)) {
    ms_text_arg a = {false, NULL, 0};
    ms_strbuf_clear(&b);
    if (t[i] == '@') {
      if (i + 1 >= n || !ident_start(t[i + 1])) break;
      end = ms_query_lex_past_ident(t, i + 1, n);
      a.capture = true;
      ms_strbuf_put(&b, t + i + 1, end - i - 1);
    } else if (t[i] == '"') {
      end = ms_query_text_string(t, i, n, &b);
      if (end == MS_QUERY_LEX_NONE) break;
    } else if (ident_start(t[i])) {
      end = ms_query_lex_past_ident(t, i, n);
      ms_strbuf_put(&b, t + i, end - i);
    } else {
      break;
    }
    a.len = (uint32_t)b.len;
    a.text = ms_xstrndup(b.len ? b.ptr : "", b.len); /* a string may hold a NUL (`\0`) */
    ms_array_push(&p->args, a);
    i = end;
  }
  ms_strbuf_dispose(&b);
  return i < n && t[i] == ')' ? i + 1 : MS_QUERY_LEX_NONE;
}

/* From i: the offset of the next predicate's `(`, with *hash the offset of its `#`, or of the
 * next `@` (*hash NONE), comments and strings skipped; n when there is none, NONE when a string
 * is unclosed. */
static uint32_t next_mark(const char *t, uint32_t i, uint32_t n, uint32_t *hash) {
  while (i < n) {
    char c = t[i];
    if (c == ';') {
      i = ms_query_lex_past_comment(t, i, n);
    } else if (c == '"') {
      i = ms_query_lex_past_string(t, i, n);
      if (i == MS_QUERY_LEX_NONE) return MS_QUERY_LEX_NONE;
    } else if (c == '(' && (*hash = ms_query_lex_past_space(t, i + 1, n)) < n && t[*hash] == '#') {
      return i;
    } else if (c == '@') {
      *hash = MS_QUERY_LEX_NONE;
      return i;
    } else {
      i++;
    }
  }
  return n;
}

bool ms_query_text_predicates(const char *t, uint32_t n, ms_text_preds *out) {
  uint32_t first = out->len, hash = 0, i = next_mark(t, 0, n, &hash);
  while (i < n) {
    if (hash == MS_QUERY_LEX_NONE) { /* a capture */
      i = next_mark(t, i + 1, n, &hash);
      continue;
    }
    ms_text_pred p = {NULL, 0, MS_ARRAY_INIT};
    i = read_predicate(t, hash + 1, n, &p);
    if (i == MS_QUERY_LEX_NONE) {
      pred_dispose(&p);
      break;
    }
    ms_array_push(out, p);
    i = next_mark(t, i, n, &hash);
  }
  if (i == n) return true;
  while (out->len > first) pred_dispose(&out->items[--out->len]);
  return false;
}

bool ms_query_text_defines_capture(const char *t, uint32_t n, const char *name, uint32_t nlen) {
  uint32_t hash = 0, i = next_mark(t, 0, n, &hash);
  while (i < n) {
    if (hash != MS_QUERY_LEX_NONE) { /* a predicate names captures, it does not define them */
      i = ms_query_lex_past_group(t, i, n);
      if (i == MS_QUERY_LEX_NONE) return false;
    } else {
      uint32_t end = ms_query_lex_past_ident(t, i + 1, n);
      if (end - i - 1 == nlen && memcmp(t + i + 1, name, nlen) == 0) return true;
      i = end;
    }
    i = next_mark(t, i, n, &hash);
  }
  return false;
}

void ms_text_preds_free(ms_text_preds *preds) {
  for (uint32_t k = 0; k < preds->len; k++) pred_dispose(&preds->items[k]);
  ms_array_free(preds);
}
