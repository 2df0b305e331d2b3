/* Python string and integer literals as the fact extractor evaluates them: escapes decoded
 * (with the `\N{name}`s that hide text), implicit and `+` concatenation, constants assigned
 * once and the calls that only reshape text. Iterative and bounded (MS_FACTS__EVAL_BUDGET). */
#include "lang/python_p.h"

#include <strings.h>

#include "util/xalloc.h"

/* ---- literals ------------------------------------------------------------------------------- */

/* The code point a `\N{name}` escape names, for the characters that hide text (invisible,
 * bidirectional and tag characters, by name or alias, case-insensitive); -1 for other names,
 * which stay as written. */
static int64_t named_char(const char *s, uint32_t n) {
  static const struct { const char *name; uint32_t cp; } table[] = {
      {"SOFT HYPHEN", 0xAD}, {"SHY", 0xAD}, {"ARABIC LETTER MARK", 0x61C}, {"ALM", 0x61C},
      {"ZERO WIDTH SPACE", 0x200B}, {"ZWSP", 0x200B}, {"ZERO WIDTH NON-JOINER", 0x200C}, {"ZWNJ", 0x200C},
      {"ZERO WIDTH JOINER", 0x200D}, {"ZWJ", 0x200D}, {"LEFT-TO-RIGHT MARK", 0x200E}, {"LRM", 0x200E},
      {"RIGHT-TO-LEFT MARK", 0x200F}, {"RLM", 0x200F}, {"LEFT-TO-RIGHT EMBEDDING", 0x202A}, {"LRE", 0x202A},
      {"RIGHT-TO-LEFT EMBEDDING", 0x202B}, {"RLE", 0x202B}, {"POP DIRECTIONAL FORMATTING", 0x202C},
      {"PDF", 0x202C}, {"LEFT-TO-RIGHT OVERRIDE", 0x202D}, {"LRO", 0x202D}, {"RIGHT-TO-LEFT OVERRIDE", 0x202E},
      {"RLO", 0x202E}, {"WORD JOINER", 0x2060}, {"WJ", 0x2060}, {"LEFT-TO-RIGHT ISOLATE", 0x2066},
      {"LRI", 0x2066}, {"RIGHT-TO-LEFT ISOLATE", 0x2067}, {"RLI", 0x2067}, {"FIRST STRONG ISOLATE", 0x2068},
      {"FSI", 0x2068}, {"POP DIRECTIONAL ISOLATE", 0x2069}, {"PDI", 0x2069},
      {"ZERO WIDTH NO-BREAK SPACE", 0xFEFF}, {"BYTE ORDER MARK", 0xFEFF}, {"BOM", 0xFEFF}, {"ZWNBSP", 0xFEFF},
      {"LANGUAGE TAG", 0xE0001}, {"CANCEL TAG", 0xE007F}, {"TAG SPACE", 0xE0020},
  };
  static const char *const digits[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
  char up[64];
  if (n >= sizeof up) return -1;
  for (uint32_t i = 0; i < n; i++) up[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
  up[n] = '\0';
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(up, table[i].name) == 0) return table[i].cp;
  static const char capital[] = "TAG LATIN CAPITAL LETTER ", small[] = "TAG LATIN SMALL LETTER ", digit[] = "TAG DIGIT ";
  if (n == sizeof capital && strncmp(up, capital, n - 1) == 0 && up[n - 1] >= 'A' && up[n - 1] <= 'Z')
    return 0xE0041 + (up[n - 1] - 'A');
  if (n == sizeof small && strncmp(up, small, n - 1) == 0 && up[n - 1] >= 'A' && up[n - 1] <= 'Z')
    return 0xE0061 + (up[n - 1] - 'A');
  if (strncmp(up, digit, sizeof digit - 1) == 0)
    for (int d = 0; d < 10; d++)
      if (strcmp(up + sizeof digit - 1, digits[d]) == 0) return 0xE0030 + d;
  return -1;
}

/* Appends the value of a Python string body (between the quotes) to b. */
static void decode(ms_strbuf *b, const char *s, uint32_t n, bool raw, bool bytes) {
  for (uint32_t i = 0; i < n && b->len <= MS_FACTS__MAX_LITERAL;) {
    char c = s[i];
    if (c == '\r') { /* source newlines read as \n, as Python's reader does */
      (void)ms_strbuf_putc(b, '\n');
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c != '\\' || raw || i + 1 >= n) {
      (void)ms_strbuf_putc(b, c);
      i++;
      continue;
    }
    char e = s[i + 1];
    i += 2;
    int64_t cp = -1;
    uint32_t digits = 0;
    switch (e) {
      case '\n': break;
      case '\r': if (i < n && s[i] == '\n') i++; break;
      case '\\': case '\'': case '"': (void)ms_strbuf_putc(b, e); break;
      case 'a': cp = 7; break;
      case 'b': cp = 8; break;
      case 'f': cp = 12; break;
      case 'n': cp = 10; break;
      case 'r': cp = 13; break;
      case 't': cp = 9; break;
      case 'v': cp = 11; break;
      case 'x': digits = 2; break;
      case 'u': digits = bytes ? 0 : 4; break;
      case 'U': digits = bytes ? 0 : 8; break;
      case 'N': {
        uint32_t close = i;
        while (close < n && close - i < 64 && s[close] != '}') close++;
        if (!bytes && i < n && s[i] == '{' && close < n && s[close] == '}') cp = named_char(s + i + 1, close - i - 1);
        if (cp >= 0) {
          i = close + 1;
        } else { /* other names stay as written */
          (void)ms_strbuf_putc(b, '\\');
          (void)ms_strbuf_putc(b, e);
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          cp = e - '0';
          for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++) cp = cp * 8 + (s[i++] - '0');
        } else {
          (void)ms_strbuf_putc(b, '\\'); /* unknown escapes stay as written */
          (void)ms_strbuf_putc(b, e);
        }
    }
    if (digits) {
      cp = i + digits <= n ? ms_facts__hex(s + i, digits) : -1;
      if (cp < 0) {
        (void)ms_strbuf_putc(b, '\\');
        (void)ms_strbuf_putc(b, e);
        continue;
      }
      i += digits;
    }
    if (cp >= 0) (void)ms_facts__put_cp(b, (uint32_t)cp);
  }
}

bool ms_python__is_string(TSNode n) {
  return ms_facts__type(n, "string") || ms_facts__type(n, "concatenated_string");
}

/* Appends a `string` node's value; false for f-strings with replacement fields. */
static bool append_string(ms_python *p, TSNode str) {
  uint32_t count = ts_node_child_count(str);
  if (count < 2) return false;
  TSNode start = ts_node_child(str, 0), end = ts_node_child(str, count - 1);
  if (!ms_facts__type(start, "string_start") || !ms_facts__type(end, "string_end")) return false;
  ms_facts__children(str, &p->kids);
  for (uint32_t i = 0; i < p->kids.len; i++)
    if (ms_facts__type(p->kids.items[i], "interpolation")) return false;
  uint32_t plen;
  const char *prefix = ms_facts__text(p->text, p->len, start, &plen);
  bool raw = false, bytes = false;
  for (uint32_t i = 0; i < plen; i++) {
    raw |= prefix[i] == 'r' || prefix[i] == 'R';
    bytes |= prefix[i] == 'b' || prefix[i] == 'B';
  }
  uint32_t s = ts_node_end_byte(start), e = ts_node_start_byte(end);
  if (e > p->len || s > e) return false;
  decode(&p->sb, p->text + s, e - s, raw, bytes);
  return true;
}

/* For a call that only reshapes text, pushes what it stands for onto the evaluation stack:
 * `textwrap.dedent(s)`, `inspect.cleandoc(s)`, `s.strip()` (whitespace does not change what a
 * text says) and `"sep".join([a, b])`. False for any other call. */
static bool push_text_call(ms_python *p, TSNode c) {
  TSNode f = field(c, "function"), name = f, recv = {{0, 0, 0, 0}, NULL, NULL};
  if (ms_facts__type(f, "attribute")) {
    recv = field(f, "object");
    name = field(f, "attribute");
  }
  ms_facts__children(field(c, "arguments"), &p->kids);
  uint32_t n = p->kids.len;
  TSNode a0 = n == 1 ? p->kids.items[0] : recv;
  if (n == 1 && ms_facts__type(a0, "keyword_argument")) return false;
  if ((is(p, name, "dedent") || is(p, name, "cleandoc")) && n == 1) {
    ms_array_push(&p->stack, a0);
  } else if (!ts_node_is_null(recv) && n == 0 && (is(p, name, "strip") || is(p, name, "lstrip") || is(p, name, "rstrip"))) {
    ms_array_push(&p->stack, recv);
  } else if (ms_python__is_string(recv) && is(p, name, "join") && n == 1 &&
             (ms_facts__type(a0, "list") || ms_facts__type(a0, "tuple"))) {
    ms_facts__children(a0, &p->items);
    for (uint32_t i = p->items.len; i > 0; i--) {
      ms_array_push(&p->stack, p->items.items[i - 1]);
      if (i > 1) ms_array_push(&p->stack, recv);
    }
  } else {
    return false;
  }
  return true;
}

/* Python's own literal nodes: strings (not f-strings with fields), implicit concatenation and
 * the text-reshaping calls of push_text_call. */
static bool leaf(void *self, TSNode n, const char *t) {
  ms_python *p = self;
  if (strcmp(t, "string") == 0) return append_string(p, n);
  if (strcmp(t, "call") == 0) return push_text_call(p, n);
  if (strcmp(t, "concatenated_string") != 0) return false;
  ms_facts__children(n, &p->kids);
  for (uint32_t i = p->kids.len; i > 0; i--) ms_array_push(&p->stack, p->kids.items[i - 1]);
  return true;
}

static ms_facts__eval evaluator(ms_python *p) {
  static const char *const wrappers[] = {"parenthesized_expression", NULL};
  static const char *const names[] = {"identifier", NULL};
  ms_facts__eval ev = {p->text, p->len, &p->consts, &p->stack, &p->sb, "binary_operator", wrappers, names, leaf, p};
  return ev;
}

/* The value of a string expression built from literals: strings, implicit and `+`
 * concatenation, parentheses, names assigned exactly once and the text-reshaping calls of
 * push_text_call. Owned, or NULL. */
char *ms_python__eval_str(ms_python *p, TSNode node) {
  ms_facts__eval ev = evaluator(p);
  return ms_facts__eval_str(&ev, node);
}

/* A non-negative integer literal, or a name assigned one exactly once; -1 otherwise. */
int64_t ms_python__eval_int(ms_python *p, TSNode n) {
  ms_facts__eval ev = evaluator(p);
  return ms_facts__eval_int(&ev, n, "integer");
}
