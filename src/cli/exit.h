/* Process exit codes: fixed by design.md, relied on by users' CI scripts. Documented in
 * docs/exit-codes.md and in --help. */
#ifndef MS_CLI_EXIT_H
#define MS_CLI_EXIT_H

typedef enum ms_exit {
  MS_EXIT_OK = 0,        /* nothing at or above the severity threshold */
  MS_EXIT_ERROR = 1,     /* general error */
  MS_EXIT_CONFIG = 2,    /* bad flag, bad value, malformed rule or config */
  MS_EXIT_CRITICAL = 3,  /* CRITICAL findings */
  MS_EXIT_HIGH = 4,      /* HIGH findings (none CRITICAL) */
  MS_EXIT_MEDIUM = 5,    /* MEDIUM findings (none above) */
  MS_EXIT_LOW = 6,       /* LOW findings (none above) */
  MS_EXIT_TIMEOUT = 7,   /* the scan timed out */
  MS_EXIT_FS = 8,        /* file system error: missing or unreadable path, unwritable output */
} ms_exit;

#endif
