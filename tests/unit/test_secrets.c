/* match/secrets.c and util/redact.c: filters, keyword prefilter, redaction of every finding,
 * --no-redact, confidence in test code, and the loader's checks of the secret keys. */
#include <stdio.h>

#include "core/worker.h"
#include "harness.h"
#include "match/secrets.h"
#include "rules/ruleset.h"
#include "util/redact.h"
#include "util/xalloc.h"

#define HEAD(id, msg)                                                                               \
  "id: " id "\ntitle: T\nseverity: HIGH\nconfidence: high\ncwe: 798\nmessage: \"" msg "\"\n"       \
  "description: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [text]\n"

/* A secret rule gated by the keyword "zzkw", and a plain regex rule that quotes the whole
 * assignment in its message: the second must not leak what the first found. */
static const char *const secret_rule = HEAD("t-secret", "token {{secret}} in {{name}}")
    "keywords: [ZZKW]\nentropy: 3.0\nallow_names: ['^allowed_']\n"
    "secret: '(?<name>[a-z_]+) = \"(?<secret>tok_[A-Za-z0-9]{20})\"'\n";
static const char *const quote_rule = HEAD("t-quote", "assigns {{all}}")
    "regex: '(?<all>[a-z_]+ = \"[^\"]+\")'\n";

static const char token[] = "tok_Q7fK2mXp9LcR4vT8wZ1s"; /* fake */

static ms_ruleset *load(const char *const *yaml, int n, ms_error *err) {
  ms_ruleset *rs = ms_ruleset_new();
  ms_status st = MS_OK;
  for (int i = 0; i < n && st == MS_OK; i++) st = ms_ruleset_add_yaml(rs, "r.yaml", yaml[i], strlen(yaml[i]), err);
  if (st == MS_OK) st = ms_ruleset_freeze(rs, err);
  if (st < 0) {
    ms_ruleset_free(rs);
    return NULL;
  }
  return rs;
}

static void scan(const ms_ruleset *rs, const char *path, const char *text, bool no_redact, ms_file_result *r) {
  ms_scan_options o;
  ms_scan_options_init(&o);
  o.no_redact = no_redact;
  ms_worker w;
  ms_worker_init(&w, rs, &o, 0);
  memset(r, 0, sizeof *r);
  ms_worker_scan_buffer(&w, path, MS_LANG_PYTHON, text, (uint32_t)strlen(text), r);
  ms_worker_dispose(&w);
}

static const ms_finding *find(const ms_file_result *r, const ms_ruleset *rs, const char *id) {
  for (uint32_t i = 0; i < r->findings.len; i++)
    if (strcmp(ms_ruleset_get(rs, r->findings.items[i].rule)->id, id) == 0) return &r->findings.items[i];
  return NULL;
}

void test_secrets__redact_format(void) {
  char *a = ms_redact_format("ghp_ArBcAo6rDfT7I9WFjl5Lv3uoxrreulm01XIO", 40);
  char *b = ms_redact_format("v1QNymZm", 8);
  char *c = ms_redact_format("abc", 3);
  MS_CHECK_STR(a, "ghp_…(40 chars)");
  MS_CHECK_STR(b, "v1…(8 chars)");
  MS_CHECK_STR(c, "…(3 chars)");
  ms_free(a);
  ms_free(b);
  ms_free(c);
}

void test_secrets__redact_replace_whole_and_cut(void) {
  char *s = ms_xstrdup("x = \"tok_Q7fK2mXp9LcR4vT8wZ1s\"; y = tok_Q7fK2mXp9Lc…");
  MS_CHECK(ms_redact_replace(&s, token, strlen(token), "tok_…(24 chars)"));
  MS_CHECK_STR(s, "x = \"tok_…(24 chars)\"; y = tok_…(24 chars)…");
  MS_CHECK(!ms_redact_replace(&s, token, strlen(token), "tok_…(24 chars)"));
  ms_free(s);
}

void test_secrets__filters(void) {
  MS_CHECK(ms_secrets__entropy("aaaaaaaa", 8) < 0.001);
  MS_CHECK(ms_secrets__entropy("abcdabcd", 8) > 1.999 && ms_secrets__entropy("abcdabcd", 8) < 2.001);
  MS_CHECK(ms_secrets__entropy(token, strlen(token)) > 4.0);
  static const char *const placeholders[] = {"${API_KEY}", "{{ .Values.token }}", "<your-token>", "%s:%s", "$TOKEN",
                                             "changeme", "your_api_key_here", "ghp_xxxxxxxxxxxxxxxx", "EXAMPLEKEY1"};
  for (size_t i = 0; i < sizeof placeholders / sizeof *placeholders; i++)
    MS_CHECK(ms_secrets__is_placeholder(placeholders[i], strlen(placeholders[i])));
  MS_CHECK(!ms_secrets__is_placeholder(token, strlen(token)));
  /* A long random value may contain "abcd" by chance: only short ones are placeholders for it. */
  const char *pem_like = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCabcdX7Zq1uT0fLr8m2P";
  MS_CHECK(!ms_secrets__is_placeholder(pem_like, strlen(pem_like)));
  MS_CHECK(ms_secrets__is_placeholder("tok_abcd9Xz", 11));
  /* OpenSSH keys hold long runs of 'A' (zero bytes): not a placeholder sign in long values. */
  const char *ssh = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
  MS_CHECK(!ms_secrets__is_placeholder(ssh, strlen(ssh)));
}

void test_secrets__test_paths(void) {
  MS_CHECK(ms_secrets__is_test_path("tests/test_app.py"));
  MS_CHECK(ms_secrets__is_test_path("pkg/test_app.py"));
  MS_CHECK(ms_secrets__is_test_path("src/__tests__/x.js"));
  MS_CHECK(ms_secrets__is_test_path("src/client.test.ts"));
  MS_CHECK(ms_secrets__is_test_path("docs/setup/config.json"));
  MS_CHECK(ms_secrets__is_test_path(".env.example"));
  MS_CHECK(!ms_secrets__is_test_path("src/latest/app.py"));
  MS_CHECK(!ms_secrets__is_test_path("src/contest.py"));
  MS_CHECK(!ms_secrets__is_test_path("tests"));
}

void test_secrets__keyword_prefilter_any_case(void) {
  ms_error err = MS_ERROR_INIT;
  const char *const yaml[] = {secret_rule};
  ms_ruleset *rs = load(yaml, 1, &err);
  MS_CHECK(rs != NULL);
  char with[160], without[160];
  snprintf(with, sizeof with, "# zzKw\napi = \"%s\"\n", token);
  snprintf(without, sizeof without, "# no keyword\napi = \"%s\"\n", token);
  ms_file_result r;
  scan(rs, "app.py", with, false, &r);
  MS_CHECK_INT(r.findings.len, 1);
  MS_CHECK_INT(r.findings.items[0].span.start_line, 2);
  ms_file_result_dispose(&r);
  scan(rs, "app.py", without, false, &r);
  MS_CHECK_INT(r.findings.len, 0);
  ms_file_result_dispose(&r);
  ms_ruleset_free(rs);
}

void test_secrets__allow_names_and_entropy(void) {
  ms_error err = MS_ERROR_INIT;
  const char *const yaml[] = {secret_rule};
  ms_ruleset *rs = load(yaml, 1, &err);
  MS_CHECK(rs != NULL);
  ms_file_result r;
  char text[200];
  snprintf(text, sizeof text, "# zzkw\nallowed_x = \"%s\"\nlow = \"tok_aaaaaaaaaaaaaaaaaaab\"\n", token);
  scan(rs, "app.py", text, false, &r);
  MS_CHECK_INT(r.findings.len, 0);
  ms_file_result_dispose(&r);
  ms_ruleset_free(rs);
}

void test_secrets__every_finding_is_redacted(void) {
  ms_error err = MS_ERROR_INIT;
  const char *const yaml[] = {secret_rule, quote_rule};
  ms_ruleset *rs = load(yaml, 2, &err);
  MS_CHECK(rs != NULL);
  char text[160];
  snprintf(text, sizeof text, "# zzkw\napi = \"%s\"\n", token);
  ms_file_result r;
  scan(rs, "app.py", text, false, &r);
  MS_CHECK_INT(r.findings.len, 2);
  const ms_finding *s = find(&r, rs, "t-secret"), *q = find(&r, rs, "t-quote");
  MS_CHECK(s != NULL && q != NULL);
  MS_CHECK_STR(s->message, "token tok_…(24 chars) in api");
  MS_CHECK_STR(s->snippet, "api = \"tok_…(24 chars)\"");
  MS_CHECK_STR(q->message, "assigns api = \"tok_…(24 chars)\"");
  MS_CHECK_STR(q->snippet, "api = \"tok_…(24 chars)\"");
  MS_CHECK_INT(s->confidence, 0); /* not test code: the rule's */

  /* The fingerprint hashes the redacted line: another secret of the same shape gives the same. */
  char other[160];
  snprintf(other, sizeof other, "# zzkw\napi = \"tok_Zb3nW8qLm2Xc5Vt7Rk9p\"\n");
  ms_file_result r2;
  scan(rs, "app.py", other, false, &r2);
  MS_CHECK_INT(r2.findings.len, 2);
  MS_CHECK_STR(find(&r2, rs, "t-secret")->fingerprint, s->fingerprint);
  ms_file_result_dispose(&r2);
  ms_file_result_dispose(&r);

  scan(rs, "app.py", text, true, &r); /* --no-redact */
  s = find(&r, rs, "t-secret");
  MS_CHECK(s != NULL && strstr(s->message, token) != NULL && strstr(s->snippet, token) != NULL);
  ms_file_result_dispose(&r);

  scan(rs, "tests/test_app.py", text, false, &r);
  s = find(&r, rs, "t-secret");
  MS_CHECK(s != NULL);
  MS_CHECK_INT(ms_finding_confidence(s, MS_CONF_HIGH), MS_CONF_LOW);
  ms_file_result_dispose(&r);
  ms_ruleset_free(rs);
}

void test_secrets__loader_checks_secret_keys(void) {
  static const struct {
    const char *yaml, *error;
  } cases[] = {
      {HEAD("a", "m") "keywords: [kw]\nsecret: 'tok_[a-z]+'\n", "(?<secret>...)"},
      {HEAD("b", "m") "secret: '(?<secret>tok_[a-z]+)'\n", "needs 'keywords'"},
      {HEAD("c", "m") "keywords: [kw]\nentropy: lots\nsecret: '(?<secret>tok_[a-z]+)'\n", "'entropy' must be"},
      {HEAD("d", "m") "keywords: [k]\nsecret: '(?<secret>tok_[a-z]+)'\n", "2 or more"},
      {HEAD("e", "m") "entropy: 3\nregex: 'tok_[a-z]+'\n", "apply to 'secret' rules only"},
      {HEAD("f", "m") "keywords: [kw]\nallow: ['(']\nsecret: '(?<secret>tok_[a-z]+)'\n", "invalid regex in 'allow'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ms_error err = MS_ERROR_INIT;
    const char *const yaml[] = {cases[i].yaml};
    ms_ruleset *rs = load(yaml, 1, &err);
    MS_CHECK(rs == NULL);
    MS_CHECK(err.message != NULL);
    if (strstr(err.message, cases[i].error) == NULL) ms_test__fail(__FILE__, __LINE__, cases[i].error, err.message);
    ms_error_clear(&err);
  }
}

/* Overlapping secrets: the more severe rule reports it; another secret on the line stays. */
void test_secrets__overlaps_go_to_the_most_severe_rule(void) {
  static const char *const generic = "id: t-generic\ntitle: T\nseverity: MEDIUM\nconfidence: medium\ncwe: 798\n"
      "message: m\ndescription: d\nremediation: r\nreferences: [https://cwe.mitre.org/]\nlanguages: [text]\n"
      "keywords: [zzkw]\nsecret: '(?<name>[a-z]+) = \"(?<secret>[^\"]+)\"'\n";
  ms_error err = MS_ERROR_INIT;
  const char *const yaml[] = {secret_rule, generic};
  ms_ruleset *rs = load(yaml, 2, &err);
  MS_CHECK(rs != NULL);
  char text[200];
  snprintf(text, sizeof text, "# zzkw\napi = \"%s\"; other = \"Zb3nW8qLm2Xc5Vt7\"\n", token);
  ms_file_result r;
  scan(rs, "app.py", text, false, &r);
  MS_CHECK_INT(r.findings.len, 2);
  MS_CHECK_STR(ms_ruleset_get(rs, r.findings.items[0].rule)->id, "t-secret");
  MS_CHECK_STR(ms_ruleset_get(rs, r.findings.items[1].rule)->id, "t-generic");
  MS_CHECK_INT(r.findings.items[1].span.start_col, 44);
  /* Both secrets are redacted from both snippets. */
  MS_CHECK_STR(r.findings.items[1].snippet, "api = \"tok_…(24 chars)\"; other = \"Zb3n…(16 chars)\"");
  ms_file_result_dispose(&r);
  ms_ruleset_free(rs);
}
