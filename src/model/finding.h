/* Findings and per-file results: the plain data that matchers produce and reporters read.
 * A finding refers to its rule by index into the ruleset; strings are owned by the finding. */
#ifndef MS_MODEL_FINDING_H
#define MS_MODEL_FINDING_H

#include <stdbool.h>
#include <stdint.h>

#include "model/facts.h"
#include "model/severity.h"
#include "util/array.h"

typedef struct ms_span {
  uint32_t start_byte, end_byte;
  uint32_t start_line, start_col; /* 1-based; columns count code points */
  uint32_t end_line, end_col;     /* end column is exclusive */
} ms_span;

/** A step of a data flow, for findings with a trace (taint). */
typedef struct ms_trace_step {
  ms_span span;
  char *label; /* owned, valid UTF-8 */
} ms_trace_step;

/** How a finding was suppressed (docs/suppressions.md). */
typedef enum ms_suppress_kind {
  MS_SUPPRESS_NONE = 0,
  MS_SUPPRESS_INLINE, /* `mcp-sentinel: ignore[RULE] reason` on the line or the line before */
  MS_SUPPRESS_FILE,   /* `mcp-sentinel: ignore-file[RULE] reason` near the top of the file */
  MS_SUPPRESS_NOSEC,  /* Python `# nosec`, with --honor-nosec */
  MS_SUPPRESS_CONFIG, /* a `suppressions` entry of the configuration */
  MS_SUPPRESS_COUNT,
} ms_suppress_kind;

/** "inline", "file", "nosec", "config" ("none" for NONE). */
const char *ms_suppress_kind_name(ms_suppress_kind k);
/** How a finding compares with the baseline (--baseline); NONE when there is none. */
typedef enum ms_baseline_state {
  MS_BASELINE_NONE = 0,
  MS_BASELINE_NEW,       /* not in the baseline: reported, counts for the exit code */
  MS_BASELINE_UNCHANGED, /* in the baseline: listed in JSON, not counted for the exit code */
} ms_baseline_state;

typedef struct ms_finding {
  uint32_t rule;      /* index into the ruleset */
  ms_severity severity;
  ms_span span;
  char *message;      /* owned, valid UTF-8 */
  char *snippet;      /* owned, the first source line of the span, trimmed, valid UTF-8 */
  char *function;     /* owned, enclosing function name or NULL */
  char *tool;         /* owned, MCP tool name when inside a tool handler, or NULL */
  char *fingerprint;  /* owned, line-independent content hash (hex) */
  ms_array(ms_trace_step) trace; /* source first, sink last; empty for pattern findings */
  uint32_t snippet_col; /* 1-based column (code points) of the snippet's first character in its
                           line, so reporters can place the span in it; 0 = unknown */
  ms_suppress_kind suppress_kind; /* NONE: reported and counted in the exit code */
  char *suppress_reason;          /* owned, the suppression's reason, or NULL */
  ms_baseline_state baseline_state;
  uint8_t confidence; /* 0: the rule's; else 1 + ms_confidence (e.g. lowered in test code) */
} ms_finding;

typedef ms_array(ms_finding) ms_finding_array;

/** Why a file that would have been scanned was not. */
typedef enum ms_skip_reason {
  MS_SKIP_NONE = 0,
  MS_SKIP_TOO_BIG,
  MS_SKIP_BINARY,
  MS_SKIP_UNREADABLE,
  MS_SKIP_SYMLINK_OUTSIDE,
  MS_SKIP_NOT_REGULAR,
  MS_SKIP_IGNORED,        /* matched by .gitignore, .git/info/exclude or .mcp-sentinelignore */
  MS_SKIP_EXCLUDED,       /* matched by the user's exclude_dirs / exclude_patterns */
  MS_SKIP_TIMEOUT,      /* the analysis took longer than the per-file time budget */
  MS_SKIP_MEMORY_LIMIT, /* the file would need more memory than --memory-limit allows */
} ms_skip_reason;

const char *ms_skip_reason_name(ms_skip_reason r);

/** A suppression comment found in a file (inline, file-level or nosec). */
typedef struct ms_suppression {
  ms_suppress_kind kind;
  uint32_t line, col;   /* of the comment, 1-based */
  char *rules;          /* owned: the ids as written ("a,b"), or NULL for every rule */
  char *reason;         /* owned, or NULL when none was given */
  uint32_t uses;        /* findings it suppressed */
  char *problem;        /* owned: why it is questionable or not honoured (warning), or NULL */
  uint32_t end_line;    /* last line of the comment */
  bool standalone;      /* alone on its line(s): it also covers the line after it */
} ms_suppression;

typedef ms_array(ms_suppression) ms_suppression_array;

/** A `suppressions` entry of the configuration. */
typedef struct ms_config_suppression {
  const char *rule;     /* rule id or glob over ids */
  const char *path;     /* gitignore-style glob relative to base */
  const char *base;     /* absolute, resolved directory of the configuration file */
  const char *reason;
  const char *source;   /* the configuration file, for reports */
  uint32_t line;        /* of the entry in source */
} ms_config_suppression;

/** The outcome of one file. */
typedef struct ms_file_result {
  char *path;            /* owned, display path (relative to the cwd when given so) */
  int lang;              /* ms_lang id */
  ms_skip_reason skip;
  char *skip_detail;     /* owned, e.g. strerror text, or NULL */
  bool syntax_error;
  bool findings_truncated; /* the per-file cap was reached */
  uint32_t lines;
  uint64_t bytes;
  ms_finding_array findings;
  ms_facts facts;          /* the file's MCP model: handlers and transports */
  ms_suppression_array suppressions; /* suppression comments, in file order */
  uint32_t *config_uses;   /* owned, per config suppression: findings it suppressed here, or NULL */
  char *source_path;       /* owned: where the content was read when that is not path (a file
                              materialised from git for --staged / --baseline REF), else NULL */
} ms_file_result;

void ms_finding_dispose(ms_finding *self);
/** A finding's fingerprint: 32 hex digits of SHA-256 over the rule id, the snippet without
 * spaces and tabs, and the enclosing function (NULL: none). Owned by the caller. */
char *ms_finding_fingerprint(const char *rule_id, const char *snippet, const char *function);
/** The finding's confidence: its own when set, else rule_confidence (its rule's). */
ms_confidence ms_finding_confidence(const ms_finding *self, ms_confidence rule_confidence);
void ms_file_result_dispose(ms_file_result *self);

#endif
