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
  MS_SKIP_TIMEOUT,      /* the analysis took longer than the per-file time budget */
  MS_SKIP_MEMORY_LIMIT, /* the file would need more memory than --memory-limit allows */
} ms_skip_reason;

const char *ms_skip_reason_name(ms_skip_reason r);

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
} ms_file_result;

void ms_finding_dispose(ms_finding *self);
void ms_file_result_dispose(ms_file_result *self);

#endif
