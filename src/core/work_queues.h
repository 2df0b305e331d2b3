/* The scan's queues of work (directories to expand, files to analyse), one per worker, with
 * stealing. A worker pushes what it finds onto its own queue and takes back the newest item:
 * depth first, which keeps the working set small. A worker whose queue is empty takes the
 * oldest item of the fullest queue, the biggest piece of work left (a directory near the top).
 * So two workers spread over two subtrees from the start and meet again only when one runs out:
 * the queries each part of the tree needs are compiled while the other worker goes on, instead
 * of both workers needing, and one waiting for, the same new query at once. The scan puts its
 * starting items (roots, a list of files) on the first queue: with `--staged`, whose list ends
 * with the files to analyse, the first worker takes those and the others the cached files from
 * the start of the list (spreading them instead made both compile, and wait for, the same new
 * queries: docs/performance.md, session 15).
 *
 * Not thread-safe: the caller's lock guards every call. Items are copied in and out. */
#ifndef MS_CORE_WORK_QUEUES_H
#define MS_CORE_WORK_QUEUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ms_work_queue {
  unsigned char *items; /* queued: items [head, len) of elem bytes each */
  uint32_t head, len, cap;
} ms_work_queue;

typedef struct ms_work_queues {
  ms_work_queue *q; /* one per worker */
  uint32_t n;
  size_t elem;
  uint32_t queued; /* items in all queues */
} ms_work_queues;

/** Empty queues for workers 0..workers-1 (at least one) of items of elem_size bytes. */
void ms_work_queues_init(ms_work_queues *self, uint32_t workers, size_t elem_size);
/** Queues a copy of *item on worker's queue. */
void ms_work_queues_push(ms_work_queues *self, uint32_t worker, const void *item);
/** Moves the next item for worker into *out: the newest of its own queue, else the oldest of
 * the fullest queue (the lowest-numbered of equals). False when every queue is empty. */
bool ms_work_queues_take(ms_work_queues *self, uint32_t worker, void *out);
/** Frees the queues; items still queued are dropped (take them first to dispose of them). */
void ms_work_queues_dispose(ms_work_queues *self);

#endif
