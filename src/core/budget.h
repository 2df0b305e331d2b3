/* Resource limits of a scan: the memory budget that --memory-limit sets (how many bytes the
 * files being analysed at once may need) and the per-file time budget (--file-timeout).
 * Both are shared by the worker threads; see docs/cache.md ("Limits"). */
#ifndef MS_CORE_BUDGET_H
#define MS_CORE_BUDGET_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ms_membudget {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  uint64_t total, used;  /* bytes */
  uint64_t kept;         /* of used: what results kept until the end of the scan hold */
  const size_t *cancel;  /* the scan's stop flag: waiting ends when it is set */
} ms_membudget;

/** Peak memory estimated for analysing a file of size bytes (parsed: syntax tree and
 * matcher state; other languages: the text and its line index). */
uint64_t ms_membudget_estimate(uint64_t size, bool parsed);
/** total: bytes the files in flight may use together. */
void ms_membudget_init(ms_membudget *self, uint64_t total, const size_t *cancel);
void ms_membudget_dispose(ms_membudget *self);
/** Reserves n bytes, waiting while other files hold too much. MS_ETOOBIG when n can never
 * fit, MS_ECANCELLED when the scan stopped while waiting. */
int ms_membudget_acquire(ms_membudget *self, uint64_t n);
void ms_membudget_release(ms_membudget *self, uint64_t n);
/** Counts n bytes as used until the end of the scan (a file's result, kept for the report):
 * never waits; files that no longer fit beside what is kept are then skipped, not waited for. */
void ms_membudget_keep(ms_membudget *self, uint64_t n);
/** Resident memory the process has used so far (its peak), in bytes; 0 when unknown. */
uint64_t ms_membudget_baseline(void);

/* One worker's per-file deadline. The worker arms it when it starts a file and disarms it
 * when done; a watcher thread calls ms_deadline_check, which raises the worker's stop flag
 * (which cancels the parse and the matchers) once the deadline has passed. The lock makes
 * sure a late check can never stop the worker's next file. */
typedef struct ms_deadline {
  pthread_mutex_t lock;
  double at;        /* monotonic seconds; 0 = disarmed */
  bool fired;
  size_t *stop;     /* the worker's stop flag */
} ms_deadline;

void ms_deadline_init(ms_deadline *self, size_t *stop);
void ms_deadline_dispose(ms_deadline *self);
/** Arms the deadline seconds from now (0 = none) and clears the stop flag, unless the whole
 * scan is being stopped (*scan_cancel set; the pointer may be NULL). */
void ms_deadline_arm(ms_deadline *self, double seconds, const size_t *scan_cancel);
/** Disarms; true when the deadline fired for this file. */
bool ms_deadline_disarm(ms_deadline *self);
/** Raises the stop flag if the armed deadline is before now. */
void ms_deadline_check(ms_deadline *self, double now);
/** Raises the stop flag whatever the deadline (the whole scan is stopping). */
void ms_deadline_stop(ms_deadline *self);
/** CLOCK_MONOTONIC in seconds. */
double ms_deadline_now(void);

#endif
