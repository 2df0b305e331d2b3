/* Status codes: 0 is success, negatives are errors. Append-only. */
#ifndef MS_UTIL_STATUS_H
#define MS_UTIL_STATUS_H

typedef enum ms_status {
  MS_OK = 0,
  MS_ERR = -1,        /* generic, see the message */
  MS_ENOTFOUND = -2,  /* a path or name that does not exist */
  MS_EPARSE = -3,     /* bad rule, config or argument */
  MS_EIO = -4,        /* read/write failure */
  MS_ETOOBIG = -5,    /* a bound was exceeded */
  MS_ECANCELLED = -6, /* stopped on request (timeout) */
} ms_status;

#endif
