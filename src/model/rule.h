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
  MS_MATCHER_METADATA = 3, /* weighted signals in tool/resource/prompt metadata (match/metadata.c) */
  MS_MATCHER_PROJECT = 4, /* a built-in check over every file's facts after the scan (src/project/) */
  MS_MATCHER_SECRETS = 5, /* hardcoded credentials: PCRE2 with a (?<secret>...) group (match/secrets.c) */
  MS_MATCHER_COUNT,
} ms_matcher_kind;

/** A regular expression written in a rule file, with where it starts there (for errors). */
typedef struct ms_rule_regex {
  char *source;
  uint32_t line, col; /* 1-based, of its first character */
  uint32_t indent;    /* for block scalars: columns stripped from each following line */
} ms_rule_regex;

/** A weighted test of a `metadata` rule on one metadata text: a detector written in C
 * (`builtin`), or regexes that must all match (`regex`) while none of `unless` does. */
typedef struct ms_rule_signal {
  char *name;
  char *description;    /* what it looks for, for the rule's page; may be NULL */
  uint32_t weight;
  char *builtin;        /* a detector of match/metadata.c ("zero-width", ...), or NULL */
  ms_rule_regex *regex; /* all must match */
  uint32_t nregex;
  ms_rule_regex *unless; /* none may match */
  uint32_t nunless;
  uint32_t line, col;   /* of the signal's entry in the rule file */
} ms_rule_signal;

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
  ms_rule_signal *signals; /* `metadata` rules: the signals, in file order */
  uint32_t nsignals;
  uint32_t levels[MS_SEV_COUNT]; /* `metadata` rules: the least total weight of the fired signals
                                    that gives a finding of each severity (0: level unused) */
  /* `secret` rules only (match/secrets.c): */
  char **keywords;    /* the rule runs only on files containing one of these (ASCII, any case) */
  uint32_t nkeywords;
  double entropy;     /* minimum Shannon entropy (bits per byte) of the secret; 0 = none */
  char **allow;       /* regexes: a secret matching one is not reported (placeholders) */
  uint32_t nallow;
  char **allow_names; /* regexes: a match whose (?<name>...) matches one is not reported */
  uint32_t nallow_names;
  char *sources;         /* taint: query whose @source captures start flows (instead of tool inputs), or NULL */
  uint32_t sources_line, sources_col, sources_indent; /* where `sources` starts in source, as pattern_* */
  char **guards;         /* taint: regexes of `if` conditions that reject a value (group `var` names it) */
  uint32_t nguards;
  /* taint `containment:` (a path checked against a base directory is clean for this rule): */
  char **resolvers;      /* callees whose result is a normalised path (`.resolve`, `path.resolve`) */
  uint32_t nresolvers;
  char **relative;       /* callees whose result is a path relative to a base (`os.path.relpath`) */
  uint32_t nrelative;
  char **inside;         /* regexes: a condition true when the path in group `var` is inside the base */
  uint32_t ninside;
  char **outside;        /* regexes: a condition true when the path in group `var` is outside it */
  uint32_t noutside;
  char **raises;         /* regexes: a statement that raises when the path in group `var` is outside */
  uint32_t nraises;
} ms_rule;

void ms_rule_dispose(ms_rule *self);
/** Maps a byte offset inside rule->pattern to a line and column of rule->source. */
void ms_rule_pattern_position(const ms_rule *self, uint32_t offset, uint32_t *line, uint32_t *col);
/** Maps a byte offset inside re->source to a line and column of the rule file. */
void ms_rule_regex_position(const ms_rule_regex *re, uint32_t offset, uint32_t *line, uint32_t *col);

#endif
