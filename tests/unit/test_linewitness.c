/* util/line_witness: which patterns can be confined to the lines holding their keywords. */
#include <stdbool.h>

#include "harness.h"
#include "util/line_witness.h"

static bool lw(const char *re, const char *kw) {
  const char *k[] = {kw};
  return ms_line_witness(re, k, 1);
}

void test_linewitness__literal_and_lookahead(void) {
  MS_CHECK(lw("(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", "ghp_"));
  MS_CHECK(lw("(?i)(?<![a-z])(?=[a-z_]*?(?:secret|api[_-]?secret))(?<name>[a-z_]++)=", "secret"));
  MS_CHECK(lw("(?i)x(?:gh)?p_key", "p_key"));
  MS_CHECK(lw("(?|ghp_a|xx(?:ghp_))", "ghp_"));
}

void test_linewitness__refuses_what_may_miss(void) {
  MS_CHECK(!lw("a\\s*ghp_", "ghp_"));          /* \s may cross a newline first */
  MS_CHECK(!lw("ghp_x|abc", "ghp_"));          /* a branch without the keyword */
  MS_CHECK(!lw("SK[0-9a-f]{32}", "twilio"));   /* a file-level keyword */
  MS_CHECK(!lw("(?:gh)?p_", "ghp_"));          /* the keyword is optional */
  MS_CHECK(!lw("(?=x)?ghp_", "zzz"));
  MS_CHECK(!lw("(?x) ghp_", "ghp_"));          /* extended mode is not followed */
  MS_CHECK(!lw("\\Qghp_\\E", "ghp_"));
  MS_CHECK(!lw("(?!ghp_)[a-z]+", "ghp_"));     /* a negative lookahead is no witness */
  MS_CHECK(!lw("\\nghp_", "ghp_"));            /* on the next line */
  MS_CHECK(!lw("ghp_", ""));
  MS_CHECK(!lw("(ghp_", "ghp_"));
}
