/* Work done the first time any thread needs it, exactly once: a built rule set JIT-compiles its
 * regexes when a worker first runs it, so a scan that analyses nothing (a warm one) never pays
 * for the JIT. The done flag is read with acquire and set with release, so everything the work
 * wrote is visible to every thread that returns from ms_once_run. */
#ifndef MS_UTIL_ONCE_H
#define MS_UTIL_ONCE_H

#include <pthread.h>
#include <stdint.h>

typedef struct ms_once {
  uint32_t done; /* atomically */
  pthread_mutex_t lock;
} ms_once;

void ms_once_init(ms_once *self);
void ms_once_dispose(ms_once *self);
/** Calls fn(arg) unless some call has already run it; returns once it has run. self is the
 * one mutable part of an otherwise read-only object (hence const): the lock guards it. */
void ms_once_run(const ms_once *self, void (*fn)(void *), void *arg);

#endif
