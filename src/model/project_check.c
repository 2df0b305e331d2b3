/* Project check names; see project_check.h. */
#include "model/project_check.h"

#include <string.h>

static const char *const names[MS_CHECK_COUNT] = {
    [MS_CHECK_MISSING_AUTH] = "missing-auth",
    [MS_CHECK_BIND_ALL_INTERFACES] = "bind-all-interfaces",
    [MS_CHECK_NO_HOST_VALIDATION] = "no-host-validation",
    [MS_CHECK_PERMISSIVE_CORS] = "permissive-cors",
};

const char *ms_project_check_name(ms_project_check id) {
  return (unsigned)id < MS_CHECK_COUNT ? names[id] : NULL;
}

ms_project_check ms_project_check_by_name(const char *name) {
  for (int i = 0; i < MS_CHECK_COUNT; i++)
    if (strcmp(names[i], name) == 0) return (ms_project_check)i;
  return MS_CHECK_COUNT;
}

bool ms_project_check_placeholder(const char *name, size_t len) {
  static const char *const known[] = {"what", "transport", "host", "tool", NULL};
  for (const char *const *k = known; *k; k++)
    if (strlen(*k) == len && strncmp(*k, name, len) == 0) return true;
  return false;
}

const char *ms_project_check_names(void) { return "missing-auth, bind-all-interfaces, no-host-validation, permissive-cors"; }
