/* Memory budget and per-file deadlines; see budget.h. */
#include "core/budget.h"

#include <sys/resource.h>
#include <time.h>

#include "util/status.h"

/* Measured: tree-sitter trees plus the matchers' state peak at about 65 bytes per source byte
 * for Python and TypeScript, and at 88 on an 8 MB minified file (the arena the trees are parsed
 * into, lang/parse_arena.c, rounds blocks to size classes); 96 leaves room. Text files need the
 * text and a line index. */
#define PARSED_BYTES_PER_BYTE 96u
#define TEXT_BYTES_PER_BYTE 4u
#define PER_FILE_OVERHEAD (64u * 1024)

uint64_t ms_membudget_estimate(uint64_t size, bool parsed) {
  return size * (parsed ? PARSED_BYTES_PER_BYTE : TEXT_BYTES_PER_BYTE) + PER_FILE_OVERHEAD;
}

void ms_membudget_init(ms_membudget *self, uint64_t total, const size_t *cancel) {
  pthread_mutex_init(&self->lock, NULL);
  pthread_cond_init(&self->cond, NULL);
  self->total = total;
  self->used = self->kept = 0;
  self->cancel = cancel;
}

void ms_membudget_dispose(ms_membudget *self) {
  pthread_mutex_destroy(&self->lock);
  pthread_cond_destroy(&self->cond);
}

int ms_membudget_acquire(ms_membudget *self, uint64_t n) {
  if (n > self->total) return MS_ETOOBIG;
  int rc = MS_OK;
  pthread_mutex_lock(&self->lock);
  while (self->used + n > self->total) {
    if (n > self->total - self->kept) { /* what is kept is never released: waiting cannot help */
      rc = MS_ETOOBIG;
      break;
    }
    if (__atomic_load_n(self->cancel, __ATOMIC_RELAXED)) {
      rc = MS_ECANCELLED;
      break;
    }
    /* Woken by a release; the timed wait also notices a scan timeout. */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    pthread_cond_timedwait(&self->cond, &self->lock, &ts);
  }
  if (rc == MS_OK) self->used += n;
  pthread_mutex_unlock(&self->lock);
  return rc;
}

void ms_membudget_release(ms_membudget *self, uint64_t n) {
  pthread_mutex_lock(&self->lock);
  self->used -= n;
  pthread_cond_broadcast(&self->cond);
  pthread_mutex_unlock(&self->lock);
}

void ms_membudget_keep(ms_membudget *self, uint64_t n) {
  pthread_mutex_lock(&self->lock);
  self->used += n;
  self->kept += n;
  pthread_mutex_unlock(&self->lock);
}

uint64_t ms_membudget_baseline(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return (uint64_t)ru.ru_maxrss * 1024u; /* kilobytes on Linux */
}

double ms_deadline_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ms_deadline_init(ms_deadline *self, size_t *stop) {
  pthread_mutex_init(&self->lock, NULL);
  self->at = 0;
  self->fired = false;
  self->stop = stop;
}

void ms_deadline_dispose(ms_deadline *self) { pthread_mutex_destroy(&self->lock); }

void ms_deadline_arm(ms_deadline *self, double seconds, const size_t *scan_cancel) {
  pthread_mutex_lock(&self->lock);
  self->at = seconds > 0 ? ms_deadline_now() + seconds : 0;
  self->fired = false;
  /* Read under the lock: a scan timeout raises every stop flag under the same lock. */
  bool stopped = scan_cancel && __atomic_load_n(scan_cancel, __ATOMIC_RELAXED);
  __atomic_store_n(self->stop, stopped ? 1 : 0, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&self->lock);
}

bool ms_deadline_disarm(ms_deadline *self) {
  pthread_mutex_lock(&self->lock);
  bool fired = self->fired;
  self->at = 0;
  pthread_mutex_unlock(&self->lock);
  return fired;
}

void ms_deadline_check(ms_deadline *self, double now) {
  pthread_mutex_lock(&self->lock);
  if (self->at > 0 && now >= self->at && !self->fired) {
    self->fired = true;
    __atomic_store_n(self->stop, 1, __ATOMIC_RELAXED);
  }
  pthread_mutex_unlock(&self->lock);
}

void ms_deadline_stop(ms_deadline *self) {
  pthread_mutex_lock(&self->lock);
  __atomic_store_n(self->stop, 1, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&self->lock);
}
