/* Git's wildmatch (WM_PATHNAME), written from its documented behaviour; see wildmatch.h.
 * The "abort" results stop the backtracking early: once the text is exhausted, or once a
 * single '*' would have to cross a '/', no longer match can succeed. They do not bound
 * patterns of many double-star segments, which try every way of spreading the path's
 * directories over them: a step budget does (found by fuzz_ignore). Patterns come from the scanned
 * repository; a match that runs out of budget is a non-match: the file is scanned, not
 * ignored, and a finding is not suppressed. */
#include "util/wildmatch.h"

#include <ctype.h>
#include <string.h>

enum { WM_MATCH = 0, WM_NOMATCH = 1, WM_ABORT_ALL = -1, WM_ABORT_TO_STARSTAR = -2 };

/* Characters compared per match at most: far above what real patterns need (the longest
 * tests and .gitignore files take a few thousand). */
#define WM_BUDGET 200000L

typedef unsigned char uchar;

/* [:name:] at p (just after "[:"); sets *end past ":]". -1 when the name is unknown. */
static int class_matches(const uchar *p, const uchar **end, uchar c) {
  const uchar *close = (const uchar *)strstr((const char *)p, ":]");
  if (close == NULL) return -1;
  size_t n = (size_t)(close - p);
  *end = close + 1; /* on the ']' of ":]" */
#define IS(name) (n == sizeof(name) - 1 && memcmp(p, name, n) == 0)
  if (IS("alnum")) return isalnum(c) != 0;
  if (IS("alpha")) return isalpha(c) != 0;
  if (IS("blank")) return c == ' ' || c == '\t';
  if (IS("cntrl")) return iscntrl(c) != 0;
  if (IS("digit")) return isdigit(c) != 0;
  if (IS("graph")) return isgraph(c) != 0;
  if (IS("lower")) return islower(c) != 0;
  if (IS("print")) return isprint(c) != 0;
  if (IS("punct")) return ispunct(c) != 0;
  if (IS("space")) return isspace(c) != 0;
  if (IS("upper")) return isupper(c) != 0;
  if (IS("xdigit")) return isxdigit(c) != 0;
#undef IS
  return -1;
}

static int dowild(const uchar *p, const uchar *text, const uchar *pattern, long *budget) {
  uchar p_ch;
  for (; (p_ch = *p) != '\0'; text++, p++) {
    if (--*budget < 0) return WM_ABORT_ALL;
    uchar t_ch = *text;
    if (t_ch == '\0' && p_ch != '*') return WM_ABORT_ALL;
    switch (p_ch) {
      case '\\':
        p_ch = *++p;
        if (p_ch == '\0') return WM_NOMATCH; /* a trailing backslash matches nothing */
        if (t_ch != p_ch) return WM_NOMATCH;
        continue;
      default:
        if (t_ch != p_ch) return WM_NOMATCH;
        continue;
      case '?':
        if (t_ch == '/') return WM_NOMATCH;
        continue;
      case '*': {
        bool match_slash;
        if (*++p == '*') {
          const uchar *prev = p - 2;
          while (*++p == '*') {}
          if ((prev < pattern || *prev == '/') && (*p == '\0' || *p == '/' || (p[0] == '\\' && p[1] == '/'))) {
            if (p[0] == '/' && dowild(p + 1, text, pattern, budget) == WM_MATCH) return WM_MATCH;
            match_slash = true;
          } else {
            match_slash = false; /* "a**b": two ordinary stars */
          }
        } else {
          match_slash = false;
        }
        if (*p == '\0') return match_slash || strchr((const char *)text, '/') == NULL ? WM_MATCH : WM_NOMATCH;
        if (!match_slash && *p == '/') {
          const char *slash = strchr((const char *)text, '/');
          if (slash == NULL) return WM_NOMATCH;
          text = (const uchar *)slash;
          break; /* the loop consumes the slash of both */
        }
        for (;;) {
          if (t_ch == '\0') break;
          int m = dowild(p, text, pattern, budget);
          if (m != WM_NOMATCH) {
            if (!match_slash || m != WM_ABORT_TO_STARSTAR) return m;
          } else if (!match_slash && t_ch == '/') {
            return WM_ABORT_TO_STARSTAR;
          }
          t_ch = *++text;
        }
        return WM_ABORT_ALL;
      }
      case '[': {
        p_ch = *++p;
        if (p_ch == '^') p_ch = '!';
        bool negated = p_ch == '!', matched = false;
        if (negated) p_ch = *++p;
        uchar prev_ch = 0;
        do {
          if (p_ch == '\0') return WM_ABORT_ALL;
          if (p_ch == '\\') {
            p_ch = *++p;
            if (p_ch == '\0') return WM_ABORT_ALL;
            if (t_ch == p_ch) matched = true;
          } else if (p_ch == '-' && prev_ch && p[1] && p[1] != ']') {
            p_ch = *++p;
            if (p_ch == '\\') {
              p_ch = *++p;
              if (p_ch == '\0') return WM_ABORT_ALL;
            }
            if (t_ch <= p_ch && t_ch >= prev_ch) matched = true;
            p_ch = 0; /* a range ends: no range may start from its end */
          } else if (p_ch == '[' && p[1] == ':') {
            const uchar *end = NULL;
            int m = class_matches(p + 2, &end, t_ch);
            if (m < 0) return WM_ABORT_ALL; /* malformed class: git rejects the pattern */
            if (m) matched = true;
            p = end;
            p_ch = 0;
          } else if (t_ch == p_ch) {
            matched = true;
          }
          prev_ch = p_ch;
        } while ((p_ch = *++p) != ']');
        if (matched == negated || t_ch == '/') return WM_NOMATCH;
        continue;
      }
    }
  }
  return *text ? WM_NOMATCH : WM_MATCH;
}

bool ms_wildmatch(const char *pattern, const char *text) {
  const uchar *p = (const uchar *)pattern;
  long budget = WM_BUDGET;
  return dowild(p, (const uchar *)text, p, &budget) == WM_MATCH;
}
