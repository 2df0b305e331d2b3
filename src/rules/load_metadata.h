/* Reading the `metadata` matcher of a rule (its signals and severity levels) from YAML; internal
 * to the rules module. The field-level loader is load_yaml.c. */
#ifndef MS_RULES_LOAD_METADATA_H
#define MS_RULES_LOAD_METADATA_H

#include <stdarg.h>
#include <stddef.h>
#include <yaml.h>

#include "model/rule.h"
#include "util/error.h"

/** Fills r->signals and r->levels from the value v of a rule's `metadata:` key. text[0..len) is
 * the rule file (for positions). On error err says FILE:LINE:COL; r keeps what was read so far
 * (ms_rule_dispose frees it). */
ms_status ms_rule__load_metadata(yaml_document_t *doc, const char *path, const char *text, size_t len, yaml_node_t *v,
                                 ms_rule *r, ms_error *err);
/** Sets err to a parse error at node (FILE:LINE:COL; 0:0 for a NULL node) and returns MS_EPARSE. */
ms_status ms_rule__vfail_at(ms_error *err, const char *path, const yaml_node_t *node, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/** Frees r's signals (called by ms_rule_dispose). */
void ms_rule__dispose_metadata(ms_rule *r);
/** Where the value of scalar v starts in text (line, column, block indentation). */
void ms_rule__scalar_position(const char *text, size_t len, const yaml_node_t *v, uint32_t *line, uint32_t *col,
                              uint32_t *indent);

#endif
