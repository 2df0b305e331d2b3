/* core/work_queues.c: a worker takes back its own newest item (depth first), an idle worker
 * takes the oldest item of the fullest queue, and a queue reuses the room steals free. */
#include <stdio.h>

#include "core/work_queues.h"
#include "harness.h"

static ms_work_queues queues(uint32_t workers) {
  ms_work_queues q;
  ms_work_queues_init(&q, workers, sizeof(int));
  return q;
}

static void push(ms_work_queues *q, uint32_t worker, int v) { ms_work_queues_push(q, worker, &v); }

/* The item worker takes next, or -1 when there is none. */
static int take(ms_work_queues *q, uint32_t worker) {
  int v = -1;
  return ms_work_queues_take(q, worker, &v) ? v : -1;
}

void test_workqueues__one_worker_takes_its_newest_item_first(void) {
  ms_work_queues q = queues(1);
  MS_CHECK_INT(take(&q, 0), -1);
  for (int v = 1; v <= 3; v++) push(&q, 0, v);
  MS_CHECK_INT(q.queued, 3);
  MS_CHECK_INT(take(&q, 0), 3);
  push(&q, 0, 4); /* what expanding item 3 found comes before items 2 and 1 */
  MS_CHECK_INT(take(&q, 0), 4);
  MS_CHECK_INT(take(&q, 0), 2);
  MS_CHECK_INT(take(&q, 0), 1);
  MS_CHECK_INT(take(&q, 0), -1);
  MS_CHECK_INT(q.queued, 0);
  ms_work_queues_dispose(&q);
}

void test_workqueues__an_idle_worker_takes_the_oldest_item_of_the_fullest_queue(void) {
  ms_work_queues q = queues(3);
  for (int v = 1; v <= 3; v++) push(&q, 0, v);
  push(&q, 1, 4);
  push(&q, 1, 5);
  MS_CHECK_INT(take(&q, 2), 1); /* queue 0 holds three: its oldest */
  MS_CHECK_INT(take(&q, 2), 2); /* two each: the lower-numbered queue */
  MS_CHECK_INT(take(&q, 1), 5); /* its own newest */
  MS_CHECK_INT(take(&q, 0), 3);
  MS_CHECK_INT(take(&q, 0), 4); /* its own queue is empty: worker 1's */
  MS_CHECK_INT(take(&q, 1), -1);
  ms_work_queues_dispose(&q);
}

/* A worker numbered past the queues (none of its own) pushes and takes on queue 0. */
void test_workqueues__a_worker_without_a_queue_uses_the_first(void) {
  ms_work_queues q = queues(0);
  MS_CHECK_INT(q.n, 1);
  push(&q, 5, 7);
  MS_CHECK_INT(take(&q, 0), 7);
  ms_work_queues_dispose(&q);
}

void test_workqueues__a_queue_reuses_the_room_steals_free(void) {
  ms_work_queues q = queues(2);
  for (int v = 1; v <= 16; v++) push(&q, 0, v);
  uint32_t cap = q.q[0].cap;
  MS_CHECK_INT(cap, 16);
  for (int v = 1; v <= 4; v++) MS_CHECK_INT(take(&q, 1), v); /* stolen from the bottom */
  for (int v = 17; v <= 20; v++) push(&q, 0, v);        /* moved down, not grown */
  MS_CHECK_INT(q.q[0].cap, cap);
  for (int v = 20; v >= 5; v--) MS_CHECK_INT(take(&q, 0), v);
  MS_CHECK_INT(take(&q, 0), -1);
  ms_work_queues_dispose(&q);
}
