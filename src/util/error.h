/* An error with a message and an optional source position, filled by loaders through an
 * out-param (the way ts_query_new reports offset and kind). Printed as FILE:LINE:COL: msg. */
#ifndef MS_UTIL_ERROR_H
#define MS_UTIL_ERROR_H

#include <stdint.h>

#include "util/status.h"

typedef struct ms_error {
  ms_status code;
  char *file;    /* owned; NULL when the error has no source file */
  uint32_t line; /* 1-based; 0 = unknown */
  uint32_t col;  /* 1-based; 0 = unknown */
  char *message; /* owned */
} ms_error;

#define MS_ERROR_INIT {MS_OK, NULL, 0, 0, NULL}

/** Sets the error (replacing any previous one) and returns code. */
ms_status ms_error_set(ms_error *self, ms_status code, const char *file, uint32_t line, uint32_t col,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/** "file:line:col: message" (parts omitted when unknown); caller frees with ms_free. */
char *ms_error_format(const ms_error *self);
void ms_error_clear(ms_error *self);

#endif
