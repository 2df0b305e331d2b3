/* Loading one YAML document with libyaml, with syntax errors as FILE:LINE:COL (shared by the
 * rule loader and the configuration loader). */
#ifndef MS_UTIL_YAMLDOC_H
#define MS_UTIL_YAMLDOC_H

#include <stddef.h>
#include <yaml.h>

#include "util/error.h"

/** Parses text (path names it in errors) into *doc. On MS_OK the caller deletes doc with
 * yaml_document_delete; on error (MS_EPARSE "invalid YAML: ..." with its position) there is
 * nothing to delete. */
ms_status ms_yamldoc_load(yaml_document_t *doc, const char *path, const char *text, size_t len, ms_error *err);

#endif
