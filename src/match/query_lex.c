/* The tokens of tree-sitter's query syntax; see query_lex.h. No allocation, no state: every
 * function reads t[i..n) and returns an offset. */
#include "match/query_lex.h"

uint32_t ms_query_lex_past_ident(const char *t, uint32_t i, uint32_t n) {
  while (i < n && ms_query_lex_ident_char(t[i])) i++;
  return i;
}

uint32_t ms_query_lex_past_node_type(const char *t, uint32_t i, uint32_t n) {
  uint32_t end = ms_query_lex_past_ident(t, i, n);
  uint32_t slash = ms_query_lex_past_space(t, end, n);
  if (slash + 1 < n && t[slash] == '/' && ms_query_lex_ident_char(t[slash + 1]))
    end = ms_query_lex_past_ident(t, slash + 1, n);
  return end;
}

uint32_t ms_query_lex_past_string(const char *t, uint32_t i, uint32_t n) {
  for (i++; i < n; i++) {
    if (t[i] == '\\') i++;
    else if (t[i] == '"') return i + 1;
  }
  return MS_QUERY_LEX_NONE;
}

uint32_t ms_query_lex_past_comment(const char *t, uint32_t i, uint32_t n) {
  while (i < n && t[i] != '\n') i++;
  return i;
}

uint32_t ms_query_lex_past_space(const char *t, uint32_t i, uint32_t n) {
  while (i < n) {
    if (t[i] == ';') i = ms_query_lex_past_comment(t, i, n);
    else if (ms_query_lex_blank(t[i])) i++;
    else break;
  }
  return i;
}

uint32_t ms_query_lex_past_group(const char *t, uint32_t i, uint32_t n) {
  uint32_t depth = 0;
  while (i < n) {
    char c = t[i];
    if (c == '"') {
      i = ms_query_lex_past_string(t, i, n);
      if (i == MS_QUERY_LEX_NONE) return MS_QUERY_LEX_NONE;
      continue;
    }
    if (c == ';') {
      i = ms_query_lex_past_comment(t, i, n);
      continue;
    }
    if (c == '(' || c == '[') depth++;
    else if ((c == ')' || c == ']') && --depth == 0) return i + 1;
    i++;
  }
  return MS_QUERY_LEX_NONE;
}
