/* A growable string with a hard cap (curl dynbuf style): appends past the cap fail with
 * MS_ETOOBIG instead of growing without bound. Always NUL-terminated once non-empty. */
#ifndef MS_UTIL_STRBUF_H
#define MS_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/status.h"

typedef struct ms_strbuf {
  char *ptr;
  size_t len, cap, max;
} ms_strbuf;

#define MS_STRBUF_INIT(max_) {NULL, 0, 0, (max_)}
#define MS_STRBUF_UNBOUNDED ((size_t)-1)

void ms_strbuf_init(ms_strbuf *self, size_t max);
ms_status ms_strbuf_put(ms_strbuf *self, const char *data, size_t len);
ms_status ms_strbuf_puts(ms_strbuf *self, const char *s);
ms_status ms_strbuf_putc(ms_strbuf *self, char c);
ms_status ms_strbuf_printf(ms_strbuf *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
ms_status ms_strbuf_vprintf(ms_strbuf *self, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/** The contents ("" when empty); borrowed until the next append or dispose. */
const char *ms_strbuf_cstr(const ms_strbuf *self);
/** Hands the buffer to the caller (free with ms_free) and resets self. */
char *ms_strbuf_detach(ms_strbuf *self);
void ms_strbuf_clear(ms_strbuf *self);
void ms_strbuf_dispose(ms_strbuf *self);

#endif
