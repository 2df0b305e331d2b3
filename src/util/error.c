/* ms_error: message + position; see error.h. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

ms_status ms_error_set(ms_error *self, ms_status code, const char *file, uint32_t line, uint32_t col,
                       const char *fmt, ...) {
  if (self == NULL) return code;
  ms_error_clear(self);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  va_list ap;
  va_start(ap, fmt);
  ms_strbuf_vprintf(&b, fmt, ap);
  va_end(ap);
  self->code = code;
  self->file = file ? ms_xstrdup(file) : NULL;
  self->line = line;
  self->col = col;
  self->message = ms_strbuf_detach(&b);
  return code;
}

char *ms_error_format(const ms_error *self) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  if (self->file) {
    ms_strbuf_puts(&b, self->file);
    if (self->line) {
      ms_strbuf_printf(&b, ":%u", self->line);
      if (self->col) ms_strbuf_printf(&b, ":%u", self->col);
    }
    ms_strbuf_puts(&b, ": ");
  }
  ms_strbuf_puts(&b, self->message ? self->message : "unknown error");
  return ms_strbuf_detach(&b);
}

void ms_error_clear(ms_error *self) {
  ms_free(self->file);
  ms_free(self->message);
  self->file = self->message = NULL;
  self->code = MS_OK;
  self->line = self->col = 0;
}
