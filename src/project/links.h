/* Grouping scanned files into projects by the imports between them (see links.c). */
#ifndef MS_PROJECT_LINKS_H
#define MS_PROJECT_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "model/finding.h"

/** Sets root[i] to the smallest index of the files connected to files[i] by imports (through
 * any chain, in either direction). root has room for n entries. Deterministic whatever jobs
 * (the threads that resolve imports, the caller's among them); reads only paths and facts. */
void ms_project__components(const ms_file_result *files, uint32_t n, uint32_t jobs, uint32_t *root);
/** Normalises the '/'-separated path of len bytes in place (drops "." and empty segments,
 * folds "x/..", keeps a relative path's leading ".." and a leading '/'); returns its new
 * length. Exposed for tests. */
size_t ms_project__normalise(char *path, size_t len);

#endif
