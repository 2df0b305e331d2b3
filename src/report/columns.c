/* UTF-16 columns to code-point columns; see columns.h. */
#include "report/columns.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/array.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_SOURCE (64u * 1024u * 1024u) /* larger files keep their columns as given */

struct ms_columns {
  char *path;                /* the file last read, or NULL */
  ms_strbuf text;            /* its content; empty when it could not be read */
  bool ok;
  ms_array(uint32_t) starts; /* byte offset of each line */
};

ms_columns *ms_columns_new(void) {
  ms_columns *self = ms_xcalloc(1, sizeof *self);
  self->text = (ms_strbuf)MS_STRBUF_INIT(MAX_SOURCE);
  return self;
}

void ms_columns_free(ms_columns *self) {
  if (self == NULL) return;
  ms_free(self->path);
  ms_strbuf_dispose(&self->text);
  ms_array_free(&self->starts);
  ms_free(self);
}

uint32_t ms_columns__utf16_to_points(const char *line, size_t len, uint32_t col16) {
  uint32_t units = 1, points = 1; /* the position before the next character */
  size_t i = 0;
  while (units < col16 && i < len) {
    size_t n = ms_utf8_seqlen((const unsigned char *)line + i, len - i);
    units += n == 4 ? 2u : 1u; /* outside the BMP: a surrogate pair */
    points++;
    i += n ? n : 1;
  }
  return units >= col16 ? points : points + (col16 - units);
}

/* Reads path (a regular file, opened non-blocking so a FIFO cannot hang the merge). */
static void load(ms_columns *self, const char *path) {
  ms_free(self->path);
  self->path = ms_xstrdup(path);
  self->text.len = 0;
  ms_array_clear(&self->starts);
  self->ok = false;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  FILE *f = NULL;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (f = fdopen(fd, "rb")) == NULL) {
    close(fd);
    return;
  }
  char chunk[65536];
  size_t n;
  bool ok = true;
  while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) ok = ms_strbuf_put(&self->text, chunk, n) >= 0;
  ok = ok && !ferror(f);
  fclose(f);
  if (!ok) return;
  ms_array_push(&self->starts, 0u);
  for (size_t i = 0; i < self->text.len; i++)
    if (self->text.ptr[i] == '\n') ms_array_push(&self->starts, (uint32_t)(i + 1));
  self->ok = true;
}

/* Converts one column on 1-based line `line`; false when there is no such line. */
static bool convert(const ms_columns *self, uint32_t line, uint32_t *col) {
  if (line == 0 || line > self->starts.len) return false;
  size_t from = self->starts.items[line - 1];
  size_t to = line < self->starts.len ? self->starts.items[line] - 1 : self->text.len;
  if (to > from && self->text.ptr[to - 1] == '\r') to--;
  *col = ms_columns__utf16_to_points(self->text.ptr + from, to - from, *col);
  return true;
}

bool ms_columns_from_utf16(ms_columns *self, const char *path, ms_span *sp) {
  if (self->path == NULL || strcmp(self->path, path) != 0) load(self, path);
  if (!self->ok) return false;
  uint32_t start = sp->start_col, end = sp->end_col;
  if (!convert(self, sp->start_line, &start) || !convert(self, sp->end_line, &end)) return false;
  sp->start_col = start;
  sp->end_col = end;
  return true;
}
