/* One-time work; see once.h. */
#include "util/once.h"

void ms_once_init(ms_once *self) {
  self->done = 0;
  pthread_mutex_init(&self->lock, NULL);
}

void ms_once_dispose(ms_once *self) { pthread_mutex_destroy(&self->lock); }

void ms_once_run(const ms_once *self, void (*fn)(void *), void *arg) {
  if (__atomic_load_n(&self->done, __ATOMIC_ACQUIRE)) return;
  ms_once *o = (ms_once *)self; /* never defined const: see once.h */
  pthread_mutex_lock(&o->lock);
  if (!o->done) {
    fn(arg);
    __atomic_store_n(&o->done, 1, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&o->lock);
}
