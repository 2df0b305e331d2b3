/* A rule as loaded from YAML: plain data shared by the loader, the matchers and the reporters.
 * Rules are immutable once their ruleset is frozen; matchers keep their compiled form in the
 * ruleset, not in the rule. */
#ifndef MS_MODEL_RULE_H
#define MS_MODEL_RULE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/severity.h"

/* Matcher kinds; match/registry.c maps each to its engine and its YAML key. */
typedef enum ms_matcher_kind {
  MS_MATCHER_QUERY = 0, /* tree-sitter query with predicates (match/query.c) */
  MS_MATCHER_REGEX = 1, /* PCRE2 over the file text (match/regex.c) */
  MS_MATCHER_TAINT = 2, /* tool input reaching a sink query's @sink (match/taint.c) */
  MS_MATCHER_COUNT,
} ms_matcher_kind;

typedef struct ms_rule {
  char *id;
  char *title;
  char *message;      /* template: {{capture}} is replaced by the capture's text */
  char *description;
  char *remediation;
  char **references;
  uint32_t nreferences;
  char **prefilter;   /* the rule runs only on files containing one of these literals */
  uint32_t nprefilter;
  char **sanitizers;  /* taint: callees whose result carries no taint (besides the built-in ones) */
  uint32_t nsanitizers;
  char **supersedes;  /* ids of pattern rules this rule replaces on the lines it reports */
  uint32_t nsupersedes;
  bool fixed_prefix_safe; /* taint: input only after a fixed "scheme://host/" prefix is safe (URLs) */
  uint32_t version;
  uint32_t cwe;
  ms_severity severity;
  ms_confidence confidence;
  uint32_t langs;     /* bit (1u << ms_lang_id) per language the rule applies to */
  ms_matcher_kind matcher;
  char *pattern;      /* query or regex source */
  char *source;       /* the YAML file it came from, for messages */
  uint32_t pattern_line; /* 1-based line of the pattern's first character in source */
  uint32_t pattern_col;  /* 1-based column of the pattern's first character in source */
  uint32_t pattern_indent; /* for block scalars: columns stripped from each following line */
  bool builtin;          /* embedded in the binary (validated by the test suite) */
  char *sources;         /* taint: query whose @source captures start flows (instead of tool inputs), or NULL */
  uint32_t sources_line, sources_col, sources_indent; /* where `sources` starts in source, as pattern_* */
  char **guards;         /* taint: regexes of `if` conditions that reject a value (group `var` names it) */
  uint32_t nguards;
} ms_rule;

void ms_rule_dispose(ms_rule *self);
/** Maps a byte offset inside rule->pattern to a line and column of rule->source. */
void ms_rule_pattern_position(const ms_rule *self, uint32_t offset, uint32_t *line, uint32_t *col);

#endif
