/* Columns of another tool's SARIF counted in UTF-16 code units (SARIF's columnKind
 * "utf16CodeUnits", CodeQL's choice) turned into the code points our logs count and declare
 * (docs/sarif.md): merge-results reads such logs back. The two differ only on lines with
 * characters outside the Basic Multilingual Plane, so the conversion needs the line's text:
 * it is read from the file, once per file. */
#ifndef MS_REPORT_COLUMNS_H
#define MS_REPORT_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

#include "model/finding.h"

typedef struct ms_columns ms_columns;

ms_columns *ms_columns_new(void);
void ms_columns_free(ms_columns *self);

/** Converts sp's start and end columns from UTF-16 code units to code points, on the lines
 * of the file at path (lines end at LF; a CR before it is part of no column). Returns false,
 * leaving sp as it is, when the file cannot be read or has no such line. */
bool ms_columns_from_utf16(ms_columns *self, const char *path, ms_span *sp);

/** The code-point column (1-based) of the position col16 (1-based, in UTF-16 code units) on
 * line[0..len): a column inside a surrogate pair rounds up to the next character; a column
 * past the end goes on counting one per unit. Invalid UTF-8 bytes count one unit each, as
 * ms_utf8_count counts them one code point each. */
uint32_t ms_columns__utf16_to_points(const char *line, size_t len, uint32_t col16);

#endif
