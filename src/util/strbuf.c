/* Bounded string builder; see strbuf.h. */
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"

void ms_strbuf_init(ms_strbuf *self, size_t max) {
  self->ptr = NULL;
  self->len = self->cap = 0;
  self->max = max;
}

static ms_status reserve(ms_strbuf *self, size_t extra) {
  if (extra > self->max || self->len > self->max - extra) return MS_ETOOBIG;
  size_t need = self->len + extra + 1;
  if (need <= self->cap) return MS_OK;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < need) cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
  self->ptr = ms_xrealloc(self->ptr, cap);
  self->cap = cap;
  return MS_OK;
}

ms_status ms_strbuf_put(ms_strbuf *self, const char *data, size_t len) {
  ms_status st = reserve(self, len);
  if (st < 0) return st;
  if (len) memcpy(self->ptr + self->len, data, len);
  self->len += len;
  self->ptr[self->len] = '\0';
  return MS_OK;
}

ms_status ms_strbuf_puts(ms_strbuf *self, const char *s) { return ms_strbuf_put(self, s, strlen(s)); }

ms_status ms_strbuf_putc(ms_strbuf *self, char c) { return ms_strbuf_put(self, &c, 1); }

ms_status ms_strbuf_vprintf(ms_strbuf *self, const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  if (n < 0) return MS_ERR;
  ms_status st = reserve(self, (size_t)n);
  if (st < 0) return st;
  vsnprintf(self->ptr + self->len, (size_t)n + 1, fmt, ap);
  self->len += (size_t)n;
  return MS_OK;
}

ms_status ms_strbuf_printf(ms_strbuf *self, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ms_status st = ms_strbuf_vprintf(self, fmt, ap);
  va_end(ap);
  return st;
}

const char *ms_strbuf_cstr(const ms_strbuf *self) { return self->ptr ? self->ptr : ""; }

char *ms_strbuf_detach(ms_strbuf *self) {
  char *p = self->ptr ? self->ptr : ms_xstrdup("");
  self->ptr = NULL;
  self->len = self->cap = 0;
  return p;
}

void ms_strbuf_clear(ms_strbuf *self) {
  self->len = 0;
  if (self->ptr) self->ptr[0] = '\0';
}

void ms_strbuf_dispose(ms_strbuf *self) {
  ms_free(self->ptr);
  self->ptr = NULL;
  self->len = self->cap = 0;
}
