/* The rule files embedded into the binary at build time (see cmake/EmbedRules.cmake). */
#ifndef MS_RULES_BUILTIN_H
#define MS_RULES_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

typedef struct ms_builtin_rule {
  const char *path; /* e.g. "rules/python/py-tls-verify-disabled.yaml" */
  const char *text;
  size_t len;
  uint8_t sha256[32]; /* of text[0..len), computed at build time */
} ms_builtin_rule;

extern const ms_builtin_rule ms_builtin_rules[];
extern const size_t ms_builtin_rule_count;

#endif
