/* The scan's progress bar on stderr: only on a terminal, never in CI logs (CI set) or with
 * --quiet, and only once a scan has run for a second, so quick scans print nothing. */
#ifndef MS_CLI_PROGRESS_H
#define MS_CLI_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ms_progress {
  FILE *out;
  double started;  /* monotonic seconds */
  double delay;    /* seconds before the first draw */
  bool drawn;      /* a bar is on screen and must be cleared */
} ms_progress;

/** True when a bar belongs on `out`: a TTY, CI unset or empty, TERM not "dumb". */
bool ms_progress_wanted(FILE *out);
void ms_progress_init(ms_progress *self, FILE *out);
/** An ms_scan_options.progress callback; payload is the ms_progress. */
void ms_progress_update(uint32_t files_done, uint32_t queued, void *payload);
/** Clears the bar, if one was drawn. */
void ms_progress_finish(ms_progress *self);

#endif
