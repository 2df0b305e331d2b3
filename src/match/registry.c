/* The matcher table: the only list of matcher kinds. */
#include "match/matcher.h"

#include <string.h>

static const ms_matcher *const matchers[MS_MATCHER_COUNT] = {
    [MS_MATCHER_QUERY] = &ms_matcher_query,
    [MS_MATCHER_REGEX] = &ms_matcher_regex,
    [MS_MATCHER_TAINT] = &ms_matcher_taint,
    [MS_MATCHER_METADATA] = &ms_matcher_metadata,
    [MS_MATCHER_PROJECT] = &ms_matcher_project,
    [MS_MATCHER_SECRETS] = &ms_matcher_secrets,
};

const ms_matcher *ms_matcher_get(ms_matcher_kind kind) {
  return (unsigned)kind < MS_MATCHER_COUNT ? matchers[kind] : NULL;
}

ms_matcher_kind ms_matcher_by_key(const char *key) {
  for (int i = 0; i < MS_MATCHER_COUNT; i++)
    if (strcmp(matchers[i]->key, key) == 0) return (ms_matcher_kind)i;
  return MS_MATCHER_COUNT;
}
