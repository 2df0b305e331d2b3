/* Sorted directory listings; see dirlist.h. */
#include "util/dirlist.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

ms_status ms_dirlist_read(ms_dirlist *out, const char *dir) {
  ms_dirlist empty = MS_ARRAY_INIT;
  *out = empty;
  DIR *d = opendir(dir);
  if (d == NULL) return MS_EIO;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.') ms_array_push(out, ms_xstrdup(e->d_name));
  closedir(d);
  if (out->len) qsort(out->items, out->len, sizeof(char *), cmp_str);
  return MS_OK;
}

void ms_dirlist_dispose(ms_dirlist *self) {
  for (uint32_t i = 0; i < self->len; i++) ms_free(self->items[i]);
  ms_array_free(self);
}
