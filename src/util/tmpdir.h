/* Private temporary directories that are removed however the process ends: by the owner
 * (ms_tmpdir_remove), or by a SIGINT/SIGTERM/SIGHUP/SIGQUIT handler that removes every
 * registered directory and then lets the signal take its default course. */
#ifndef MS_UTIL_TMPDIR_H
#define MS_UTIL_TMPDIR_H

#include "util/status.h"

/** At most this many directories are registered at once. */
#define MS_TMPDIR_MAX 4

/** Creates a mode-0700 directory "$TMPDIR/<prefix>XXXXXX" (TMPDIR unset or unusable: /tmp)
 * and registers it for removal on signals. *out (caller frees with ms_free) is its absolute
 * path. MS_EIO with errno set when it cannot be created; MS_ETOOBIG when MS_TMPDIR_MAX are
 * already registered. Not thread-safe: call from the main thread. */
ms_status ms_tmpdir_create(const char *prefix, char **out);
/** Removes the directory and everything in it, and unregisters it. NULL is ignored.
 * MS_EIO when something could not be removed (errno set). */
ms_status ms_tmpdir_remove(const char *path);
/** Removes path recursively using only async-signal-safe calls (open, getdents64, unlinkat,
 * close); symbolic links are removed, never followed. MS_EIO when something remains. */
ms_status ms_tmpdir__remove_tree(const char *path);

#endif
