/* Per-worker work queues with stealing (work_queues.h). */
#include "core/work_queues.h"

#include <string.h>

#include "util/array.h"
#include "util/xalloc.h"

void ms_work_queues_init(ms_work_queues *self, uint32_t workers, size_t elem_size) {
  self->n = workers ? workers : 1;
  self->q = ms_xcalloc(self->n, sizeof *self->q);
  self->elem = elem_size;
  self->queued = 0;
}

void ms_work_queues_push(ms_work_queues *self, uint32_t worker, const void *item) {
  ms_work_queue *q = &self->q[worker < self->n ? worker : 0];
  if (q->len == q->cap && q->head > 0) { /* room freed by steals: move the queue down first */
    memmove(q->items, q->items + (size_t)q->head * self->elem, (size_t)(q->len - q->head) * self->elem);
    q->len -= q->head;
    q->head = 0;
  }
  if (q->len == q->cap) {
    q->cap = ms_array__grow(q->cap, q->len + 1);
    q->items = ms_xreallocarray(q->items, q->cap, self->elem);
  }
  memcpy(q->items + (size_t)q->len++ * self->elem, item, self->elem);
  self->queued++;
}

bool ms_work_queues_take(ms_work_queues *self, uint32_t worker, void *out) {
  if (self->queued == 0) return false;
  ms_work_queue *q = &self->q[worker < self->n ? worker : 0];
  uint32_t at;
  if (q->len > q->head) {
    at = --q->len;
  } else {
    for (uint32_t i = 0; i < self->n; i++)
      if (self->q[i].len - self->q[i].head > q->len - q->head) q = &self->q[i];
    at = q->head++;
  }
  memcpy(out, q->items + (size_t)at * self->elem, self->elem);
  if (q->head == q->len) q->head = q->len = 0;
  self->queued--;
  return true;
}

void ms_work_queues_dispose(ms_work_queues *self) {
  for (uint32_t i = 0; i < self->n; i++) ms_free(self->q[i].items);
  ms_free(self->q);
  self->q = NULL;
  self->n = 0;
  self->queued = 0;
}
