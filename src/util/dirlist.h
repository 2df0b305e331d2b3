/* Listing a directory's entry names in a stable (byte-wise sorted) order. */
#ifndef MS_UTIL_DIRLIST_H
#define MS_UTIL_DIRLIST_H

#include <stdint.h>

#include "util/array.h"
#include "util/status.h"

typedef ms_array(char *) ms_dirlist;

/** Fills out with the names in dir, sorted, without "." entries and hidden (dot) files.
 * MS_EIO with errno set when dir cannot be opened. Free with ms_dirlist_dispose. */
ms_status ms_dirlist_read(ms_dirlist *out, const char *dir);
void ms_dirlist_dispose(ms_dirlist *self);

#endif
