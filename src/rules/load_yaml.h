/* Reading one rule from YAML text (internal to the rules module). */
#ifndef MS_RULES_LOAD_YAML_H
#define MS_RULES_LOAD_YAML_H

#include <stddef.h>

#include "model/rule.h"
#include "util/error.h"

/** Fills *out from a YAML document; on error *out is left empty and err says where. */
ms_status ms_rule__load_yaml(ms_rule *out, const char *path, const char *text, size_t len, ms_error *err);

#endif
