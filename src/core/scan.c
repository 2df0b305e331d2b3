/* The scan driver and its thread pool. One queue holds both directories and files: workers
 * take an item, expand it (directory) or analyse it (file), and push what they find, so the
 * walk itself runs in parallel. Each worker keeps its results locally; the main thread
 * merges and sorts them at the end, so output never depends on scheduling. The queue lock is
 * taken once per item, never while a file is read, parsed or matched. */
#include "core/scan.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/ignore.h"
#include "core/suppress.h"
#include "core/walker.h"
#include "core/worker.h"
#include "project/project.h"
#include "util/array.h"
#include "util/path.h"
#include "util/xalloc.h"

#define MAX_JOBS 256

typedef struct item {
  char *path;
  const char *root_real; /* borrowed from the scan's roots */
  ms_lang_id lang;
  bool is_dir;
  ms_ignore_frame *ign; /* directories: a reference to the parent's ignore frame */
  char *rel;            /* directories: path from the ignore top, NULL when ignore files are off */
  bool in_repo;
} item;

typedef ms_array(ms_file_result) result_array;

typedef struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  ms_array(item) stack; /* LIFO: depth-first, keeps the working set small */
  uint32_t pending;     /* items queued or being processed */
  uint32_t files_done;  /* files analysed, for the progress callback */
  size_t cancel;        /* set (atomically) when the timeout hits */
  const ms_ruleset *rules;
  const ms_scan_options *opts;
} pool;

typedef struct worker_ctx {
  pool *p;
  ms_worker w;
  result_array results;
  ms_array(item) outbox; /* children found while expanding, pushed in one batch */
  const char *root_real;
  bool in_repo;
} worker_ctx;

void ms_scan_options_init(ms_scan_options *self) {
  memset(self, 0, sizeof *self);
  self->max_file_size = MS_DEFAULT_MAX_FILE_SIZE;
  self->max_findings_per_file = MS_DEFAULT_MAX_FINDINGS_PER_FILE;
  self->ignore_files = true;
  self->inline_suppressions = true;
  self->require_rule_id = true;
}

static void on_dir(void *payload, char *path, const char *root_real, ms_ignore_frame *ign, char *rel) {
  worker_ctx *c = payload;
  ms_array_push(&c->outbox, ((item){path, root_real, MS_LANG_NONE, true, ign, rel, c->in_repo}));
}

static void on_file(void *payload, char *path, ms_lang_id lang) {
  worker_ctx *c = payload;
  ms_array_push(&c->outbox, ((item){path, c->root_real, lang, false, NULL, NULL, false}));
}

static void item_dispose(item *it) {
  ms_free(it->path);
  ms_free(it->rel);
  ms_ignore_frame_unref(it->ign);
}

static void on_skip(void *payload, ms_file_result *r) {
  worker_ctx *c = payload;
  ms_array_push(&c->results, *r);
  ms_free(r);
}

static void process(worker_ctx *c, item *it) {
  if (it->is_dir) {
    ms_walk_filter f = {c->p->opts, it->root_real, it->ign, it->rel, it->in_repo};
    ms_walk_sink sink = {on_dir, on_file, on_skip, c};
    c->root_real = it->root_real;
    c->in_repo = it->in_repo;
    ms_walker_expand(&f, it->path, &sink);
  } else {
    ms_file_result r;
    if (ms_worker_scan_file(&c->w, it->path, it->lang, &r)) ms_array_push(&c->results, r);
    else ms_file_result_dispose(&r);
  }
  item_dispose(it);
}

static void *worker_main(void *arg) {
  worker_ctx *c = arg;
  pool *p = c->p;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (p->stack.len == 0 && p->pending > 0 && !p->cancel) pthread_cond_wait(&p->cond, &p->lock);
    if (p->stack.len == 0 || p->cancel) break; /* done, or stopped by the timeout */
    item it = p->stack.items[--p->stack.len];
    pthread_mutex_unlock(&p->lock);

    process(c, &it);

    pthread_mutex_lock(&p->lock);
    p->files_done += !it.is_dir;
    for (uint32_t i = 0; i < c->outbox.len; i++) ms_array_push(&p->stack, c->outbox.items[i]);
    p->pending += c->outbox.len;
    p->pending--;
    if (c->outbox.len > 0 || p->pending == 0) pthread_cond_broadcast(&p->cond);
    ms_array_clear(&c->outbox);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static struct timespec after(double seconds) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += (time_t)seconds;
  t.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
  if (t.tv_nsec >= 1000000000L) t.tv_sec++, t.tv_nsec -= 1000000000L;
  return t;
}

static bool before(struct timespec a, struct timespec b) {
  return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/* Waits until the work is done or the timeout (if any) passes, reporting progress (if asked)
 * every 100 ms; on timeout asks every worker to stop (the flag also cancels a parse or a match
 * loop in progress). Returns true on timeout. */
static bool wait_with_timeout(pool *p, double seconds) {
  const ms_scan_options *o = p->opts;
  struct timespec deadline = after(seconds > 0 ? seconds : 86400.0 * 365);
  bool timed_out = false;
  pthread_mutex_lock(&p->lock);
  struct timespec tick = after(0.1);
  while (p->pending > 0 && !timed_out) {
    struct timespec wake = o->progress && before(tick, deadline) ? tick : deadline;
    pthread_cond_timedwait(&p->cond, &p->lock, &wake);
    struct timespec now = after(0);
    if (seconds > 0 && !before(now, deadline)) timed_out = p->pending > 0;
    if (o->progress && !timed_out && p->pending > 0 && !before(now, tick)) {
      tick = after(0.1);
      uint32_t done = p->files_done, queued = p->pending;
      pthread_mutex_unlock(&p->lock);
      o->progress(done, queued, o->progress_payload);
      pthread_mutex_lock(&p->lock);
    }
  }
  if (timed_out) {
    __atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
    pthread_cond_broadcast(&p->cond);
  }
  pthread_mutex_unlock(&p->lock);
  return timed_out;
}

static int cmp_result(const void *a, const void *b) {
  return strcmp(((const ms_file_result *)a)->path, ((const ms_file_result *)b)->path);
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double mono_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (uint32_t)n;
}

/* Validates the roots and seeds the queue. Explicit files are analysed whatever their
 * directory, but an unsupported file type is simply not scanned. */
static ms_status seed(pool *p, char **roots_real, ms_error *err) {
  const ms_scan_options *o = p->opts;
  for (uint32_t i = 0; i < o->npaths; i++) {
    const char *path = o->paths[i];
    struct stat sb;
    if (stat(path, &sb) != 0)
      return ms_error_set(err, errno == ENOENT || errno == ENOTDIR ? MS_ENOTFOUND : MS_EIO, path, 0, 0,
                          "cannot scan: %s", strerror(errno));
    roots_real[i] = realpath(path, NULL);
    if (roots_real[i] == NULL) return ms_error_set(err, MS_EIO, path, 0, 0, "cannot resolve path: %s", strerror(errno));
    char *display = ms_path_display(path);
    if (S_ISDIR(sb.st_mode)) {
      if (access(path, R_OK | X_OK) != 0) {
        ms_status st = ms_error_set(err, MS_EIO, path, 0, 0, "cannot read directory: %s", strerror(errno));
        ms_free(display);
        return st;
      }
      item it = {display, roots_real[i], MS_LANG_NONE, true, NULL, NULL, false};
      if (o->ignore_files) { /* ignore files apply from the repository's top down */
        ms_ignore_root ir;
        ms_ignore_root_init(&ir, roots_real[i]);
        it.ign = ir.parent;
        it.rel = ir.rel;
        it.in_repo = ir.in_repo;
      }
      ms_array_push(&p->stack, it);
    } else {
      if (access(path, R_OK) != 0) {
        ms_status st = ms_error_set(err, MS_EIO, path, 0, 0, "cannot read file: %s", strerror(errno));
        ms_free(display);
        return st;
      }
      item it = {display, roots_real[i], ms_lang_detect(path, NULL, 0), false, NULL, NULL, false};
      ms_array_push(&p->stack, it);
    }
    p->pending++;
  }
  return MS_OK;
}

ms_status ms_scan_run(const ms_ruleset *rules, const ms_scan_options *opts, ms_scan_result *out, ms_error *err) {
  memset(out, 0, sizeof *out);
  out->started_at = now_seconds();
  double t0 = mono_seconds();
  pool p;
  memset(&p, 0, sizeof p);
  p.rules = rules;
  p.opts = opts;
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.cond, NULL);
  char **roots_real = ms_xcalloc(opts->npaths ? opts->npaths : 1, sizeof(char *));
  uint32_t jobs = opts->jobs ? opts->jobs : default_jobs();
  if (jobs > MAX_JOBS) jobs = MAX_JOBS;
  worker_ctx *ctx = ms_xcalloc(jobs, sizeof *ctx);
  pthread_t *threads = ms_xcalloc(jobs, sizeof *threads);
  result_array all = MS_ARRAY_INIT;

  ms_status st = seed(&p, roots_real, err);
  if (st < 0) goto cleanup;

  for (uint32_t i = 0; i < jobs; i++) {
    ctx[i].p = &p;
    ms_worker_init(&ctx[i].w, rules, opts);
    ctx[i].w.cancel = &p.cancel;
  }
  uint32_t started = 0;
  for (; started < jobs; started++)
    if (pthread_create(&threads[started], NULL, worker_main, &ctx[started]) != 0) break;
  if (started == 0) worker_main(&ctx[0]); /* no threads to be had: do the work here */
  else if (opts->timeout > 0 || opts->progress) out->timed_out = wait_with_timeout(&p, opts->timeout);
  for (uint32_t i = 0; i < started; i++) pthread_join(threads[i], NULL);

  for (uint32_t i = 0; i < jobs; i++) {
    for (uint32_t k = 0; k < ctx[i].results.len; k++) ms_array_push(&all, ctx[i].results.items[k]);
    ms_array_free(&ctx[i].results);
    ms_array_free(&ctx[i].outbox);
    ms_worker_dispose(&ctx[i].w);
  }
  if (all.len) qsort(all.items, all.len, sizeof(ms_file_result), cmp_result);
  /* Overlapping roots (`scan . src`) reach some files twice: keep one. */
  uint32_t keep = all.len ? 1 : 0;
  for (uint32_t i = 1; i < all.len; i++) {
    if (strcmp(all.items[i].path, all.items[keep - 1].path) == 0) ms_file_result_dispose(&all.items[i]);
    else all.items[keep++] = all.items[i];
  }
  all.len = keep;
  out->files = all.items;
  out->nfiles = all.len;
  all.items = NULL;
  out->jobs = jobs;
  /* Cross-file rules see every file's facts and findings; counted below with the rest. */
  ms_project_run(rules, opts->enabled, out->files, out->nfiles, opts->max_findings_per_file);
  for (uint32_t i = 0; i < out->nfiles; i++) ms_suppress_apply_recorded(opts, rules, &out->files[i]);
  ms_scan_result_recount(out);

cleanup:
  for (uint32_t i = 0; i < p.stack.len; i++) {
    out->paths_not_scanned++;
    item_dispose(&p.stack.items[i]);
  }
  ms_array_free(&p.stack);
  /* roots_real strings are referenced by results only during the scan. */
  for (uint32_t i = 0; i < opts->npaths; i++) free(roots_real[i]); /* from libc's realpath */
  ms_free(roots_real);
  ms_free(ctx);
  ms_free(threads);
  pthread_mutex_destroy(&p.lock);
  pthread_cond_destroy(&p.cond);
  out->elapsed = mono_seconds() - t0;
  return st;
}

void ms_scan_result_recount(ms_scan_result *self) {
  self->files_scanned = self->files_skipped = self->files_with_syntax_errors = 0;
  self->lines_scanned = self->bytes_scanned = 0;
  memset(self->findings_by_severity, 0, sizeof self->findings_by_severity);
  memset(self->suppressed_by_kind, 0, sizeof self->suppressed_by_kind);
  for (uint32_t i = 0; i < self->nfiles; i++) {
    const ms_file_result *r = &self->files[i];
    if (r->skip != MS_SKIP_NONE) {
      self->files_skipped++;
      continue;
    }
    self->files_scanned++;
    self->files_with_syntax_errors += r->syntax_error;
    self->lines_scanned += r->lines;
    self->bytes_scanned += r->bytes;
    for (uint32_t k = 0; k < r->findings.len; k++) {
      const ms_finding *f = &r->findings.items[k];
      if (f->suppress_kind != MS_SUPPRESS_NONE) self->suppressed_by_kind[f->suppress_kind]++;
      else if (f->baseline_state != MS_BASELINE_UNCHANGED) self->findings_by_severity[f->severity]++;
    }
  }
}

void ms_scan_result_dispose(ms_scan_result *self) {
  for (uint32_t i = 0; i < self->nfiles; i++) ms_file_result_dispose(&self->files[i]);
  ms_free(self->files);
  memset(self, 0, sizeof *self);
}
