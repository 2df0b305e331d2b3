/* Running a helper program (git) without a shell: an argv array, PATH lookup, and its output
 * captured through pipes. Nothing here knows which program it runs. */
#ifndef MS_UTIL_SPAWN_H
#define MS_UTIL_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/status.h"
#include "util/strbuf.h"

/** A started child whose standard output the caller reads from out_fd. */
typedef struct ms_spawn {
  pid_t pid;
  int out_fd; /* read end of the child's stdout; -1 once closed */
} ms_spawn;

/** Starts argv[0] (looked up in PATH) with argv (NULL-terminated). Its stdin is stdin_path
 * (NULL: /dev/null), its stderr goes to /dev/null. MS_ENOTFOUND when the program does not
 * exist, MS_EIO on other failures (errno set). Finish with ms_spawn_wait. */
ms_status ms_spawn_start(ms_spawn *self, const char *const *argv, const char *stdin_path);
/** Closes out_fd and reaps the child. Returns its exit status, or -1 when it was killed by a
 * signal or could not be waited for. */
int ms_spawn_wait(ms_spawn *self);

/** Runs argv to completion with stdin from /dev/null, collecting stdout into out (up to its
 * cap) and stderr into err (NULL: discarded; bounded to 64 KiB). *exit_status as for
 * ms_spawn_wait. MS_ENOTFOUND when the program does not exist, MS_ETOOBIG when stdout went
 * past out's cap (the child is still reaped), MS_EIO on pipe or spawn failures. */
ms_status ms_spawn_capture(const char *const *argv, ms_strbuf *out, ms_strbuf *err, int *exit_status);

#endif
