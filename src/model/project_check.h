/* The names of the project-level checks: rules with `project: NAME` select one. Plain data so
 * that the rule loader (which validates names) and the project pass (src/project/, which
 * implements them) share one list without depending on each other. */
#ifndef MS_MODEL_PROJECT_CHECK_H
#define MS_MODEL_PROJECT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ms_project_check {
  MS_CHECK_MISSING_AUTH = 0,        /* "missing-auth" */
  MS_CHECK_BIND_ALL_INTERFACES = 1, /* "bind-all-interfaces" */
  MS_CHECK_NO_HOST_VALIDATION = 2,  /* "no-host-validation" */
  MS_CHECK_PERMISSIVE_CORS = 3,     /* "permissive-cors" */
  MS_CHECK_COUNT,
} ms_project_check;

/** The check's YAML name, or NULL for an invalid id. */
const char *ms_project_check_name(ms_project_check id);
/** The check named name, or MS_CHECK_COUNT when none is. */
ms_project_check ms_project_check_by_name(const char *name);
/** The {{placeholders}} a project rule's message may use (what, transport, host, tool). */
bool ms_project_check_placeholder(const char *name, size_t len);
/** "missing-auth, bind-all-interfaces, ..." for error messages (static storage). */
const char *ms_project_check_names(void);

#endif
