/* What all matchers share: the per-worker scratch they may use and the callback through which
 * they report a match. Matchers never build findings themselves: they report a rule, a byte
 * span and a rendered message, and the worker turns that into a finding. */
#ifndef MS_MATCH_MATCH_H
#define MS_MATCH_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <tree_sitter/api.h>

#include "model/severity.h"

/** Mutable state a matcher needs while running; one per worker thread, never shared. */
typedef struct ms_match_scratch {
  TSQueryCursor *cursor;
  struct ms_tree_query_cursor *tree_cursor; /* our matcher's (tree_query.h) */
  pcre2_match_data *md;
  pcre2_match_context *mctx; /* carries the match and depth limits */
  struct ms_anchor_cache *anchors; /* the query literals' places in the file (anchor_cache.h) */
  uint64_t file;                   /* numbers the files (ms_match_scratch_begin_file); 0: none */
  struct ms_literal_pass *literals; /* one literal pass per file for all its readers (literals.h) */
} ms_match_scratch;

void ms_match_scratch_init(ms_match_scratch *self);
/** Tells the matchers that text[0..len), a file in lang, is matched from now on: what they keep
 * per file (the literals' places) is found again. Without it, nothing is kept between two runs. */
void ms_match_scratch_begin_file(ms_match_scratch *self, uint32_t lang, const char *text, uint32_t len);
/** The literal pass over the current file (literals.h), or NULL outside a file begun. */
struct ms_literal_pass *ms_match_scratch_literals(ms_match_scratch *self);
/** Whether the matchers' test switch name (an environment variable: MCP_SENTINEL_NO_JIT,
 * MCP_SENTINEL_NO_CONFINE...) is set to something other than "" or "0". */
bool ms_match_env_flag(const char *name);
/** JIT-compiles a regex (unless MCP_SENTINEL_NO_JIT is set: memory checkers); the interpreter
 * runs it otherwise. */
void ms_match_jit(pcre2_code *re);
void ms_match_scratch_dispose(ms_match_scratch *self);

/** One step of a data flow (taint): a span of the file and what happens there. */
typedef struct ms_match_step {
  uint32_t start_byte, end_byte;
  char *label; /* owned: "tool parameter `cmd`", "assigned to `c`", ... */
} ms_match_step;

/** One match as a matcher reports it. */
typedef struct ms_match_report {
  uint32_t rule;
  uint32_t start_byte, end_byte;
  char *message;          /* owned; passes to the callee */
  const char *tool;       /* borrowed: the MCP tool the flow starts in, or NULL (the callee
                             then names the tool whose handler contains the span) */
  ms_match_step *steps;   /* owned array (source first, sink last) or NULL; passes to the callee */
  uint32_t nsteps;
  bool has_severity;      /* the finding's severity is `severity`, not the rule's */
  ms_severity severity;   /* (matchers that grade each match, e.g. metadata signals) */
  uint8_t confidence;     /* 0: the rule's; else 1 + ms_confidence (lowered in test code) */
  char *redacted;         /* owned or NULL: how to show the secret in bytes [secret_start,
                             secret_end); the callee then redacts it from every finding of the
                             file (snippets, messages, fingerprints). Passes to the callee. */
  uint32_t secret_start, secret_end;
} ms_match_report;

/** Reports one match; the callee takes ownership of rep's owned members. */
typedef void (*ms_emit_fn)(void *payload, ms_match_report *rep);

/** The file a matcher runs on. */
typedef struct ms_match_input {
  const char *text;
  uint32_t len;
  TSNode root;        /* null node for text-only languages */
  const bool *active; /* per rule index: passed the enabled-set and prefilter checks */
  const size_t *cancel; /* non-zero (read atomically) asks matchers to stop early; may be NULL */
  const struct ms_facts *facts; /* the file's MCP model (handlers, transports) */
  const char *path;   /* the file's display path (test and example code lower confidence) */
  bool no_redact;     /* show secrets whole in messages and snippets (--no-redact) */
  bool one_thread;    /* the scan runs on one thread (-j 1): matchers start no helper thread */
} ms_match_input;

/** True when in->cancel is set. */
static inline bool ms_match_cancelled(const ms_match_input *in) {
  return in->cancel && __atomic_load_n(in->cancel, __ATOMIC_RELAXED) != 0;
}

/** PCRE2 limits, shared by the regex matcher and #match? predicates. */
#define MS_PCRE2_MATCH_LIMIT 1000000u
#define MS_PCRE2_DEPTH_LIMIT 10000u

#endif
