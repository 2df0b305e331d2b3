/* match/regex_factors and match/pattern_shape: what lets a query run only around its
 * literals. A literal set that a match could avoid, or a capture called "always there" that a
 * match can lack, would lose findings; these tests hold both readings to PCRE2 and to the
 * query syntax. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "harness.h"
#include "match/pattern_shape.h"
#include "match/regex_factors.h"
#include "util/xalloc.h"

/* The factors of re, sorted and joined with "|" ("" when none), "i:" first when folded. */
static void factors(const char *re, char *out, size_t cap) {
  ms_regex_factors f;
  ms_regex_factors_of(re, (uint32_t)strlen(re), &f);
  char *sorted[MS_REGEX_FACTORS_MAX];
  for (uint32_t i = 0; i < f.n; i++) sorted[i] = f.strings[i];
  for (uint32_t i = 0; i < f.n; i++)
    for (uint32_t j = i + 1; j < f.n; j++)
      if (strcmp(sorted[j], sorted[i]) < 0) {
        char *t = sorted[i];
        sorted[i] = sorted[j];
        sorted[j] = t;
      }
  snprintf(out, cap, "%s", f.n && f.fold_case ? "i:" : "");
  for (uint32_t i = 0; i < f.n; i++)
    snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? "|" : "", sorted[i]);
  ms_regex_factors_dispose(&f);
}

#define CHECK_FACTORS(re, want)          \
  do {                                   \
    char _got[512];                      \
    factors(re, _got, sizeof _got);      \
    MS_CHECK_STR(_got, want);            \
  } while (0)

void test_confine__regex_factors(void) {
  CHECK_FACTORS("\\A(?:(?:subprocess|sp)\\.)?(?:run|call|Popen)\\z", "Popen|call|run");
  CHECK_FACTORS("(?:\\A|\\.)(?:spawn|spawnSync|execFile|execFileSync|execa|execaSync)\\z", "execFile|execa|spawn");
  CHECK_FACTORS("\\.(?:Popen|check_call)\\z", ".Popen|.check_call");
  CHECK_FACTORS("exec", "exec");
  CHECK_FACTORS("ab+c", "ab");         /* b+: at least one b (and then "bc") */
  CHECK_FACTORS("ab*c", "a");          /* b*: maybe none; "a" and "c" tie, the first stays */
  CHECK_FACTORS("colou?r", "color|colour");
  CHECK_FACTORS("x{0,3}yz", "yz");
  CHECK_FACTORS("(?:ab){2}", "ab");
  CHECK_FACTORS("foo|.*", "");         /* one branch without literals: none */
  CHECK_FACTORS("\\d+", "");
  CHECK_FACTORS("[xy]z", "xz|yz");
  CHECK_FACTORS("[a-z]+_key", "_key");
  CHECK_FACTORS("[^a]bc", "bc");
  CHECK_FACTORS("(?<![\\w.])random\\.(?!SystemRandom)\\w+\\(", "random.");
  CHECK_FACTORS("\\bdatetime\\.", "datetime.");
  CHECK_FACTORS("a\\.b\\\\c", "a.b\\c");
  CHECK_FACTORS("(?P<name>abc)d", "abcd");
  CHECK_FACTORS("(?#note)xyz", "xyz");
  /* without case: letters are found in any case (s and k also as U+017F and U+212A) */
  CHECK_FACTORS("(?i)token", "i:token");
  CHECK_FACTORS("(?i)Authorization", "i:authorization");
  CHECK_FACTORS("(?i:bearer)|xAuth", "i:bearer|xauth");
  CHECK_FACTORS("(?i)caf\xC3\xA9x", "i:caf");
  /* what it does not follow gives nothing */
  CHECK_FACTORS("(a)\\1", "");
  CHECK_FACTORS("(?x) a b", "");
  CHECK_FACTORS("\\Qa.b\\E", "");
  CHECK_FACTORS("(?R)", "");
  CHECK_FACTORS("abc)", "");
  CHECK_FACTORS("(abc", "");
  CHECK_FACTORS("\\012abc", "abc");   /* an octal escape is one character, not "12" */
  CHECK_FACTORS("\\x41bc", "bc");
}

/* Whether text contains one of the factors, found as query.c finds them. */
static bool contains_factor(const ms_regex_factors *f, const char *text, size_t len) {
  size_t olen = 0;
  for (uint32_t i = 0; i < f->n; i++)
    if (ms_regex_factors_find(text, len, f->strings[i], f->lengths[i], f->fold_case, &olen)) return true;
  return false;
}

/* Random texts made of the regexes' own pieces: every text PCRE2 matches holds a factor. */
void test_confine__factors_hold_for_matches(void) {
  static const char *const res[] = {
      "\\A(?:(?:subprocess|sp)\\.)?(?:run|call|Popen)\\z", "(?:\\A|_)(?:session_?id|sid)\\z",
      "(?i)(?:\\A|_)(?:token|secret|api_?key)\\z", "(?:(?:\\A|_)(?i:token|secret)|[a-z](?:Token|Secret))\\z",
      "ab+c|x?yz", "(?i)\\A[\"'](?:cmd|powershell)(?:\\.exe)?[\"']\\z", "colou?r(?:s|ed)?"};
  static const char *const pieces[] = {"sp", ".", "subprocess", "run", "call", "Popen", "_", "session", "id",
                                       "sid", "token", "TOKEN", "\xC5\xBF" "ecret", "secret", "api", "key",
                                       "Token", "x", "a", "b", "c", "y", "z", "\"", "'", "cmd", "CMD",
                                       "powershell", ".exe", "colo", "u", "r", "s", "ed", "Secret",
                                       "to\xE2\x84\xAA" "en"};
  const size_t npieces = sizeof pieces / sizeof *pieces;
  unsigned seed = 777;
  for (size_t r = 0; r < sizeof res / sizeof *res; r++) {
    int ec = 0;
    PCRE2_SIZE eo = 0;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)res[r], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec,
                                   &eo, NULL);
    MS_CHECK(re != NULL);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    ms_regex_factors f;
    ms_regex_factors_of(res[r], (uint32_t)strlen(res[r]), &f);
    MS_CHECK(f.n > 0);
    int matched = 0;
    for (int round = 0; round < 20000; round++) {
      char text[128];
      size_t len = 0;
      seed = seed * 1103515245u + 12345u;
      int parts = 1 + (int)((seed >> 16) % 4);
      for (int k = 0; k < parts; k++) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % npieces];
        size_t pl = strlen(p);
        memcpy(text + len, p, pl);
        len += pl;
      }
      if (pcre2_match(re, (PCRE2_SPTR)text, len, 0, 0, md, NULL) < 0) continue;
      matched++;
      if (!contains_factor(&f, text, len)) {
        char d[256];
        snprintf(d, sizeof d, "regex %s matches '%.*s', which holds none of its factors", res[r], (int)len, text);
        ms_test__fail(__FILE__, __LINE__, "contains_factor", d);
        break;
      }
    }
    MS_CHECK(matched > 0);
    ms_regex_factors_dispose(&f);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
  }
}

static bool always(const char *pat, const char *name) {
  return ms_pattern_shape_capture_always(pat, (uint32_t)strlen(pat), name, (uint32_t)strlen(name));
}

void test_confine__find(void) {
  size_t olen = 0;
  const char *t = "x = TOKEN; y = \xC5\xBF" "ecret; z = to\xE2\x84\xAA" "en; Secret";
  const char *at = ms_regex_factors_find(t, strlen(t), "token", 5, true, &olen);
  MS_CHECK(at == t + 4 && olen == 5);
  at = ms_regex_factors_find(t, strlen(t), "secret", 6, true, &olen);
  MS_CHECK(at == t + 15 && olen == 7);
  at = ms_regex_factors_find(at + 1, strlen(at + 1), "secret", 6, true, &olen);
  MS_CHECK(at != NULL && strcmp(at, "Secret") == 0 && olen == 6);
  at = ms_regex_factors_find(t + 5, strlen(t + 5), "token", 5, true, &olen);
  MS_CHECK(at != NULL && olen == 7 && at[2] == '\xE2');
  MS_CHECK(ms_regex_factors_find(t, strlen(t), "token", 5, false, &olen) == NULL); /* as written */
  MS_CHECK(ms_regex_factors_find(t, strlen(t), "TOKEN", 5, false, &olen) == t + 4);
  MS_CHECK(ms_regex_factors_find("tok", 3, "token", 5, true, &olen) == NULL);
  MS_CHECK(ms_regex_factors_find("to\xE2\x84", 4, "tok", 3, true, &olen) == NULL); /* cut short */
}

void test_confine__pattern_shape(void) {
  const char *os_system = "((call\n"
                          "   function: (attribute object: (identifier) @mod attribute: (identifier) @fn) @callee\n"
                          "   arguments: (argument_list . (comment)* . [ (identifier) (call) ] @cmd\n"
                          "     (keyword_argument name: (identifier) @kw)?)) @match\n"
                          " ; a comment with (parens) and @fake\n"
                          " (#eq? @mod \"os\") (#any-of? @fn \"system\" \"popen\") (#eq? @kw \")@x\"))";
  MS_CHECK(always(os_system, "mod"));
  MS_CHECK(always(os_system, "fn"));
  MS_CHECK(always(os_system, "callee"));
  MS_CHECK(always(os_system, "cmd"));   /* the alternation itself is always there */
  MS_CHECK(always(os_system, "match"));
  MS_CHECK(!always(os_system, "kw"));   /* under `?` */
  MS_CHECK(!always(os_system, "fake")); /* in a comment */
  MS_CHECK(!always(os_system, "x"));    /* in a string */
  MS_CHECK(!always("(call [(identifier) @a (attribute) @b])", "a")); /* one branch of an alternation */
  MS_CHECK(!always("(block (comment)* @c)", "c"));
  MS_CHECK(always("(block (comment)+ @c)", "c"));
  MS_CHECK(!always("(block ((comment) @c (identifier))*)", "c"));
  MS_CHECK(always("(call function: (_) @f !arguments)", "f"));
  MS_CHECK(always("(call \"(\" @p)", "p"));
  MS_CHECK(always("((identifier) @x)", "x"));
  /* A supertype path is a node type, blanks before its '/' included; a capture name ends at '/'. */
  MS_CHECK(always("(call function: (expression/identifier) @f)", "f"));
  MS_CHECK(always("(call function: (expression /identifier) @f)", "f"));
  MS_CHECK(!always("(call) @f/x", "f/x"));
  /* A predicate ends at its own closing parenthesis, not at one in a comment inside it. */
  MS_CHECK(always("((identifier) @x (#eq? @x ; not here: )\n \"a\"))", "x"));
  /* not one rooted pattern: never "always" */
  MS_CHECK(!always("((comment) @c (function_definition) @f)", "f")); /* a sequence of siblings */
  MS_CHECK(!always("(call) @a (call) @b", "a"));
  MS_CHECK(!always("(call (identifier) @x", "x"));
  MS_CHECK(!always("(call \"unterminated @x)", "x"));
}

static int32_t empty_loop(const char *text) {
  uint32_t at = 0;
  return ms_pattern_shape_empty_loop(text, (uint32_t)strlen(text), &at) ? (int32_t)at : -1;
}

/* A quantifier on an item that can already match nothing: tree-sitter 0.20.7's ts_query_new
 * never returns on `(a)**` (found by fuzz_rule_yaml), so query.c refuses such text first. */
void test_confine__empty_loops(void) {
  MS_CHECK_INT(empty_loop("(call (identifier)**) @match"), 19);
  MS_CHECK_INT(empty_loop("(call (identifier)?*) @match"), 19);
  MS_CHECK_INT(empty_loop("(call (identifier)*?) @match"), 19);
  MS_CHECK_INT(empty_loop("(call (identifier)?+) @match"), 19);
  MS_CHECK_INT(empty_loop("(identifier)??"), 13);
  MS_CHECK_INT(empty_loop("_*?"), 2);
  MS_CHECK_INT(empty_loop("\"(\"? *"), 5);                                   /* blanks between */
  MS_CHECK_INT(empty_loop("(call (identifier)* @a ; c\n *) @match"), 28);      /* captures, comments */
  MS_CHECK_INT(empty_loop("(call ((identifier)*)*) @match"), 21);             /* a grouping of one */
  MS_CHECK_INT(empty_loop("(call ((identifier)? . (string)?)*) @match"), 33); /* of all optional items */
  MS_CHECK_INT(empty_loop("(call [(identifier)? (string)]*) @match"), 30);    /* a branch that can */
  MS_CHECK_INT(empty_loop("(call [(identifier) []]*) @match"), 23);           /* an empty alternation */
  MS_CHECK_INT(empty_loop("(call arguments: (argument_list (((identifier)+)*)*))"), 50);
  /* The first one is reported, wherever the patterns go on. */
  MS_CHECK_INT(empty_loop("(call) @match\n(call (identifier)?* (string)**) @match"), 33);
  /* Allowed: every quantifier applies to something that matches a node. */
  MS_CHECK_INT(empty_loop("(call (identifier)* (string)? (integer)+) @match"), -1);
  MS_CHECK_INT(empty_loop("(call (identifier)+* (string)+?) @match"), -1);          /* `+` makes it needed */
  MS_CHECK_INT(empty_loop("(call ((identifier)* (string))*) @match"), -1);         /* one needed item */
  MS_CHECK_INT(empty_loop("(call [(identifier) (string)*@s]) @match"), -1);         /* not quantified */
  MS_CHECK_INT(empty_loop("(call (_ (identifier)?)* (\"(\")*) @match"), -1);        /* a node is needed */
  MS_CHECK_INT(empty_loop("((call) @c (#match? @c \"a**\"))* ; (x)**\n"), -1);      /* strings, comments */
  MS_CHECK_INT(empty_loop("(call (identifier)**"), 19); /* unclosed: tree-sitter still loops first */
  MS_CHECK_INT(empty_loop("(call name : (identifier)?+)"), 26);  /* a blank before a field's ':' */
  MS_CHECK_INT(empty_loop("(call) @match )(identifier)**"), -1); /* tree-sitter stops at the ')' */
  /* At any depth: tree-sitter reads queries nested thousands deep, and loops there too. */
  enum { DEPTH = 5000 };
  char *deep = ms_xmalloc(2 * DEPTH + 32);
  memset(deep, '(', DEPTH);
  memcpy(deep + DEPTH, "(identifier)*?", 14);
  memset(deep + DEPTH + 14, ')', DEPTH);
  deep[2 * DEPTH + 14] = '\0';
  int32_t at = empty_loop(deep);
  deep[DEPTH + 13] = ' '; /* `(identifier)* ` */
  int32_t none = empty_loop(deep);
  ms_free(deep);
  MS_CHECK_INT(at, DEPTH + 13);
  MS_CHECK_INT(none, -1);
}
