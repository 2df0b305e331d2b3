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
#include "core/budget.h"
#include "core/result_codec.h"
#include "core/walker.h"
#include "core/work_queues.h"
#include "core/worker.h"
#include "project/project.h"
#include "util/array.h"
#include "util/buildid.h"
#include "util/path.h"
#include "util/sha256.h"
#include "util/xalloc.h"

#define MAX_JOBS 256

typedef struct item {
  char *path;
  const char *root_real; /* borrowed from the scan's roots */
  ms_lang_id lang;
  bool is_dir;
  bool stated;          /* files: sb holds the walker's stat(2) data */
  struct stat sb;
  ms_ignore_frame *ign; /* directories: a reference to the parent's ignore frame */
  char *rel;            /* directories: path from the ignore top, NULL when ignore files are off */
  bool in_repo;
} item;

typedef ms_array(ms_file_result) result_array;

typedef struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;   /* workers wait on it for work */
  pthread_cond_t idle;   /* the watcher waits on it for the end: signalled when pending is 0 */
  ms_work_queues queues; /* of items: one queue per worker, with stealing (work_queues.h) */
  uint32_t pending;     /* items queued or being processed */
  uint32_t files_done;  /* files analysed, for the progress callback */
  size_t cancel;        /* set (atomically) when the timeout hits */
  const ms_ruleset *rules;
  const ms_scan_options *opts;
  ms_membudget *mem;    /* NULL without --memory-limit */
} pool;

typedef struct worker_ctx {
  pool *p;
  uint32_t index; /* its queue */
  ms_worker w;
  result_array results;
  ms_array(item) outbox; /* children found while expanding, pushed in one batch */
  const char *root_real;
  bool in_repo;
  size_t stop;           /* the worker's stop flag: scan timeout or its file's deadline */
  ms_deadline deadline;  /* --file-timeout */
  result_array context;  /* other shards' files, facts only */
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
  ms_array_push(&c->outbox, ((item){.path = path, .root_real = root_real, .lang = MS_LANG_NONE, .is_dir = true,
                                     .ign = ign, .rel = rel, .in_repo = c->in_repo}));
}

static void on_file(void *payload, char *path, ms_lang_id lang, const struct stat *sb) {
  worker_ctx *c = payload;
  item it = {.path = path, .root_real = c->root_real, .lang = lang, .stated = sb != NULL};
  if (sb) it.sb = *sb;
  ms_array_push(&c->outbox, it);
}

static void item_dispose(item *it) {
  ms_free(it->path);
  ms_free(it->rel);
  ms_ignore_frame_unref(it->ign);
}

bool ms_scan_in_shard(const char *path, uint32_t index, uint32_t count) {
  if (count <= 1) return true;
  uint8_t d[32];
  ms_sha256 h;
  ms_sha256_init(&h);
  ms_sha256_update(&h, path, strlen(path));
  ms_sha256_final(&h, d);
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v = v << 8 | d[i];
  return v % count == index - 1;
}

static void on_skip(void *payload, ms_file_result *r) {
  worker_ctx *c = payload;
  const ms_scan_options *o = c->p->opts;
  /* Each skipped file is reported by exactly one shard. */
  if (ms_scan_in_shard(r->path, o->shard_index, o->shard_count)) ms_array_push(&c->results, *r);
  else ms_file_result_dispose(r);
  ms_free(r);
}

static void skip_file(ms_file_result *r, const char *path, ms_lang_id lang, ms_skip_reason why, char *detail) {
  memset(r, 0, sizeof *r);
  r->path = ms_xstrdup(path);
  r->lang = lang;
  r->skip = why;
  r->skip_detail = detail;
}

/* Reserves the memory a file needs under --memory-limit; false (r filled) when it cannot. */
static bool admit(worker_ctx *c, const item *it, uint64_t *held, ms_file_result *r) {
  struct stat sb;
  *held = 0;
  if (c->p->mem == NULL || stat(it->path, &sb) != 0) return true; /* the reader reports errors */
  uint64_t need = ms_membudget_estimate((uint64_t)sb.st_size, it->lang < MS_LANG_PARSED_COUNT);
  int st = ms_membudget_acquire(c->p->mem, need);
  if (st == MS_OK) {
    *held = need;
    return true;
  }
  if (st == MS_ECANCELLED) return false;
  skip_file(r, it->path, it->lang, MS_SKIP_MEMORY_LIMIT,
            ms_xasprintf("analysing it would need about %llu MB, more than --memory-limit leaves for files (%llu MB)",
                         (unsigned long long)(need >> 20), (unsigned long long)(c->p->mem->total >> 20)));
  return false;
}

/* What a kept result holds on the heap, roughly (strings and arrays with their allocation
 * overhead): --memory-limit counts it, since results stay until the report. */
static uint64_t retained(const ms_file_result *r) {
  const ms_facts *f = &r->facts;
  return sizeof *r + 64 + (r->path ? strlen(r->path) : 0) + (uint64_t)r->findings.len * (sizeof(ms_finding) + 768) +
         (uint64_t)r->suppressions.len * 160 + (uint64_t)f->handlers.len * (sizeof(ms_handler) + 384) +
         (uint64_t)(f->sites.len + f->texts.len + f->transports.len + f->auths.len + f->binds.len) * 256 +
         (uint64_t)f->modules.len * 64;
}

static void analyse(worker_ctx *c, item *it) {
  const ms_scan_options *o = c->p->opts;
  ms_file_result r;
  memset(&r, 0, sizeof r);
  uint64_t held = 0;
  c->w.facts_only = !ms_scan_in_shard(it->path, o->shard_index, o->shard_count);
  if (!admit(c, it, &held, &r)) {
    if (r.path && !c->w.facts_only) ms_array_push(&c->results, r);
    else if (r.path) ms_file_result_dispose(&r);
    return;
  }
  ms_deadline_arm(&c->deadline, o->file_timeout, &c->p->cancel);
  bool keep = ms_worker_scan_file(&c->w, it->path, it->lang, it->stated ? &it->sb : NULL, &r);
  if (ms_deadline_disarm(&c->deadline) && keep) {
    ms_lang_id lang = (ms_lang_id)r.lang;
    ms_file_result_dispose(&r);
    skip_file(&r, it->path, lang, MS_SKIP_TIMEOUT,
              ms_xasprintf("the analysis took longer than --file-timeout (%g s); its findings are not reported",
                           o->file_timeout));
  }
  if (held) ms_membudget_release(c->p->mem, held);
  if (keep && c->p->mem && (!c->w.facts_only || r.skip == MS_SKIP_NONE)) ms_membudget_keep(c->p->mem, retained(&r));
  if (!keep) ms_file_result_dispose(&r);
  else if (!c->w.facts_only) ms_array_push(&c->results, r);
  else if (r.skip == MS_SKIP_NONE) ms_array_push(&c->context, r);
  else ms_file_result_dispose(&r);
}

static void process(worker_ctx *c, item *it) {
  if (it->is_dir) {
    ms_walk_filter f = {c->p->opts, it->root_real, it->ign, it->rel, it->in_repo};
    ms_walk_sink sink = {on_dir, on_file, on_skip, c};
    c->root_real = it->root_real;
    c->in_repo = it->in_repo;
    ms_walker_expand(&f, it->path, &sink);
  } else {
    analyse(c, it);
  }
  item_dispose(it);
}

static void *worker_main(void *arg) {
  worker_ctx *c = arg;
  pool *p = c->p;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (p->queues.queued == 0 && p->pending > 0 && !p->cancel) pthread_cond_wait(&p->cond, &p->lock);
    item it;
    if (p->cancel || !ms_work_queues_take(&p->queues, c->index, &it)) break; /* done, or the timeout */
    pthread_mutex_unlock(&p->lock);

    process(c, &it);

    pthread_mutex_lock(&p->lock);
    p->files_done += !it.is_dir;
    for (uint32_t i = 0; i < c->outbox.len; i++) ms_work_queues_push(&p->queues, c->index, &c->outbox.items[i]);
    p->pending += c->outbox.len;
    p->pending--;
    if (c->outbox.len > 0 || p->pending == 0) pthread_cond_broadcast(&p->cond);
    /* Not on every directory: a watcher woken 600 times in a scan takes a core from a worker
     * as often. */
    if (p->pending == 0) pthread_cond_signal(&p->idle);
    ms_array_clear(&c->outbox);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static struct timespec realtime_in(double seconds) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += (time_t)seconds;
  ts.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
  if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
  return ts;
}

/* Waits until the work is done. Meanwhile, every tick, stops the workers whose file has
 * outlived --file-timeout; when the whole-scan timeout passes, asks every worker to stop (the
 * flags also cancel a parse or a match loop in progress). Returns true on that timeout. */
static bool watch(pool *p, worker_ctx *ctx, uint32_t nworkers) {
  const ms_scan_options *o = p->opts;
  double tick = o->file_timeout > 0 ? o->file_timeout / 4 : 3600;
  if (tick > 0.25) tick = 0.25;
  if (o->progress && tick > 0.1) tick = 0.1;
  if (tick < 0.002) tick = 0.002;
  double end = o->timeout > 0 ? ms_deadline_now() + o->timeout : 0;
  double next_progress = ms_deadline_now();
  bool timed_out = false;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    /* For a progress bar, ~10 times a second; the first report comes before any wait, so that
     * with the delay at 0 (tests) it is drawn whatever the scheduling. */
    if (o->progress && ms_deadline_now() >= next_progress) {
      next_progress = ms_deadline_now() + 0.1;
      uint32_t done = p->files_done, queued = p->pending;
      pthread_mutex_unlock(&p->lock);
      o->progress(done, queued, o->progress_payload);
      pthread_mutex_lock(&p->lock);
    }
    if (p->pending == 0 || timed_out) break;
    double left = end > 0 ? end - ms_deadline_now() : tick;
    struct timespec ts = realtime_in(left < tick ? (left > 0 ? left : 0) : tick);
    pthread_cond_timedwait(&p->idle, &p->lock, &ts);
    if (p->pending == 0) break;
    double now = ms_deadline_now();
    timed_out = end > 0 && now >= end;
    if (o->file_timeout > 0 && !timed_out)
      for (uint32_t i = 0; i < nworkers; i++) ms_deadline_check(&ctx[i].deadline, now);
  }
  if (timed_out) {
    __atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
    for (uint32_t i = 0; i < nworkers; i++) ms_deadline_stop(&ctx[i].deadline);
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
      item it = {.path = display, .root_real = roots_real[i], .lang = MS_LANG_NONE, .is_dir = true};
      if (o->ignore_files) { /* ignore files apply from the repository's top down */
        ms_ignore_root ir;
        ms_ignore_root_init(&ir, roots_real[i]);
        it.ign = ir.parent;
        it.rel = ir.rel;
        it.in_repo = ir.in_repo;
      }
      ms_work_queues_push(&p->queues, 0, &it);
    } else {
      if (access(path, R_OK) != 0) {
        ms_status st = ms_error_set(err, MS_EIO, path, 0, 0, "cannot read file: %s", strerror(errno));
        ms_free(display);
        return st;
      }
      item it = {.path = display, .root_real = roots_real[i], .lang = ms_lang_detect(path, NULL, 0)};
      ms_work_queues_push(&p->queues, 0, &it);
    }
    p->pending++;
  }
  for (uint32_t i = 0; i < o->nlisted_files; i++) {
    const char *path = o->listed_files[i];
    item it = {.path = ms_xstrdup(path), .lang = ms_lang_detect(path, NULL, 0)};
    ms_work_queues_push(&p->queues, 0, &it);
    p->pending++;
  }
  return MS_OK;
}

/* Sorts by path; overlapping roots (`scan . src`) reach some files twice: keeps one. */
static void sort_unique(result_array *a) {
  if (a->len) qsort(a->items, a->len, sizeof(ms_file_result), cmp_result);
  uint32_t keep = a->len ? 1 : 0;
  for (uint32_t i = 1; i < a->len; i++) {
    if (strcmp(a->items[i].path, a->items[keep - 1].path) == 0) ms_file_result_dispose(&a->items[i]);
    else a->items[keep++] = a->items[i];
  }
  a->len = keep;
}

/* What the process already uses (rules loaded), what lazily compiled queries and each worker
 * add, and the rest for the files in flight. */
#define QUERY_ALLOWANCE (16ull << 20)
#define PER_WORKER_ALLOWANCE (2ull << 20) /* its scratch, and the 1 MB its parse arena keeps */

/* Parse memory each worker keeps mapped between files when no --memory-limit is given (with
 * one, the least: PER_WORKER_ALLOWANCE counts 1 MB). A file whose parse needs more than is kept
 * maps new chunks, and the kernel faults in and zeroes each of their pages: 1 MB kept cost
 * 46,000 page faults per scan of the benchmark corpus, 8 MB 14,000, and the scan's system time
 * fell from 0.20 s to 0.12 s (docs/performance.md, session 12). At most PARSE_KEEP_TOTAL over
 * all workers, so that many cores do not multiply it. */
#define PARSE_KEEP ((size_t)8 << 20)
#define PARSE_KEEP_TOTAL ((size_t)64 << 20)

static ms_status memory_budget(uint64_t limit, uint32_t jobs, ms_membudget *mem, const size_t *cancel, ms_error *err) {
  uint64_t fixed = ms_membudget_baseline() + QUERY_ALLOWANCE + PER_WORKER_ALLOWANCE * jobs;
  if (limit < fixed + (1ull << 20))
    return ms_error_set(err, MS_EPARSE, NULL, 0, 0,
                        "--memory-limit is too small: the rules and %u workers already need about %llu MB", jobs,
                        (unsigned long long)((fixed >> 20) + 1));
  ms_membudget_init(mem, limit - fixed, cancel);
  return MS_OK;
}

/* The digests cache keys start from: full results depend on the binary, the rules, which of
 * them are enabled and the result-affecting options; facts-only results on the binary alone.
 * Without a build identity results cannot be matched to the code that produced them: no
 * cache then. */
static ms_cache *open_cache(const ms_ruleset *rules, const ms_scan_options *o, uint8_t digests[2][32],
                            ms_scan_result *out) {
  uint8_t build[32], rs[32];
  if (!ms_buildid_get(build)) {
    out->cache_warning = ms_xstrdup("no cache: the binary's build identity cannot be determined");
    return NULL;
  }
  ms_ruleset_digest(rules, rs);
  uint32_t version = MS_RESULT_CODEC_VERSION, nrules = ms_ruleset_count(rules);
  for (int k = 0; k < 2; k++) {
    ms_sha256 h;
    ms_sha256_init(&h);
    ms_sha256_update(&h, k == 0 ? "mcp-sentinel results" : "mcp-sentinel facts", k == 0 ? 21 : 19);
    ms_sha256_update(&h, &version, sizeof version);
    ms_sha256_update(&h, build, sizeof build);
    if (k == 0) {
      ms_sha256_update(&h, rs, sizeof rs);
      for (uint32_t i = 0; i < nrules; i++) ms_sha256_update(&h, o->enabled && !o->enabled[i] ? "0" : "1", 1);
      ms_sha256_update(&h, &o->max_findings_per_file, sizeof o->max_findings_per_file);
      if (o->config_digest) ms_sha256_update(&h, o->config_digest, strlen(o->config_digest) + 1);
      /* What else shapes a file's stored result: each rule's severity (severity_overrides),
       * redaction, and which suppression comments are recorded and how they are judged. */
      for (uint32_t i = 0; i < nrules; i++) {
        uint8_t sev = (uint8_t)ms_ruleset_get(rules, i)->severity;
        ms_sha256_update(&h, &sev, 1);
      }
      const bool flags[] = {o->no_redact, o->inline_suppressions, o->honor_nosec, o->require_rule_id};
      ms_sha256_update(&h, flags, sizeof flags);
    }
    ms_sha256_final(&h, digests[k]);
  }
  ms_cache *cache = NULL;
  ms_error err = MS_ERROR_INIT;
  if (ms_cache_open(&cache, o->cache_dir, o->cache_max_size, &err) < 0) {
    char *msg = ms_error_format(&err);
    out->cache_warning = ms_xasprintf("no cache: %s", msg);
    ms_free(msg);
    ms_error_clear(&err);
    return NULL;
  }
  out->cache_used = true;
  out->cache_dir = ms_xstrdup(ms_cache_dir(cache));
  return cache;
}

/* Runs the project pass over this scan's files and, with --shard, the other shards' files
 * (facts only), in one path-sorted array; findings it attaches to another shard's file are
 * dropped there (that shard reports them). */
static void project_pass(const ms_ruleset *rules, const ms_scan_options *opts, ms_scan_result *out) {
  if (out->ncontext_files == 0) {
    ms_project_run(rules, opts->enabled, out->files, out->nfiles, opts->max_findings_per_file, out->jobs);
    return;
  }
  uint32_t n = out->nfiles + out->ncontext_files;
  ms_file_result *all = ms_xmalloc((size_t)n * sizeof *all);
  bool *own = ms_xmalloc((size_t)n * sizeof *own);
  for (uint32_t i = 0, a = 0, b = 0; i < n; i++) { /* merge two path-sorted arrays */
    bool take_own = b >= out->ncontext_files ||
                    (a < out->nfiles && strcmp(out->files[a].path, out->context_files[b].path) <= 0);
    all[i] = take_own ? out->files[a++] : out->context_files[b++];
    own[i] = take_own;
  }
  ms_project_run(rules, opts->enabled, all, n, opts->max_findings_per_file, out->jobs);
  for (uint32_t i = 0, a = 0, b = 0; i < n; i++) {
    if (own[i]) {
      out->files[a++] = all[i];
      continue;
    }
    for (uint32_t k = 0; k < all[i].findings.len; k++) ms_finding_dispose(&all[i].findings.items[k]);
    all[i].findings.len = 0;
    out->context_files[b++] = all[i];
  }
  ms_free(own);
  ms_free(all);
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
  pthread_cond_init(&p.idle, NULL);
  char **roots_real = ms_xcalloc(opts->npaths ? opts->npaths : 1, sizeof(char *));
  uint32_t jobs = opts->jobs ? opts->jobs : default_jobs();
  if (jobs > MAX_JOBS) jobs = MAX_JOBS;
  worker_ctx *ctx = ms_xcalloc(jobs, sizeof *ctx);
  pthread_t *threads = ms_xcalloc(jobs, sizeof *threads);
  ms_work_queues_init(&p.queues, jobs, sizeof(item));
  result_array all = MS_ARRAY_INIT, context = MS_ARRAY_INIT;
  ms_cache *cache = NULL;
  ms_membudget mem;
  uint8_t digests[2][32];
  out->shard_index = opts->shard_index;
  out->shard_count = opts->shard_count;

  ms_status st = seed(&p, roots_real, err);
  if (st < 0) goto cleanup;
  if (opts->memory_limit) {
    st = memory_budget(opts->memory_limit, jobs, &mem, &p.cancel, err);
    if (st < 0) goto cleanup;
    p.mem = &mem;
  }
  if (opts->cache_dir) cache = open_cache(rules, opts, digests, out);
  /* The entries kept for the pack are outside the budget: a small share of it. */
  if (cache && opts->memory_limit) ms_cache_limit_pack(cache, opts->memory_limit / 16);

  size_t parse_keep = opts->memory_limit ? 0 : PARSE_KEEP_TOTAL / jobs;
  if (parse_keep > PARSE_KEEP) parse_keep = PARSE_KEEP;
  for (uint32_t i = 0; i < jobs; i++) {
    ctx[i].p = &p;
    ctx[i].index = i;
    ms_worker_init(&ctx[i].w, rules, opts, parse_keep);
    ctx[i].w.cancel = &ctx[i].stop;
    ctx[i].w.cache = cache;
    ctx[i].w.scan_digest = digests[0];
    ctx[i].w.facts_digest = digests[1];
    ms_deadline_init(&ctx[i].deadline, &ctx[i].stop);
  }
  uint32_t started = 0;
  for (; started < jobs; started++)
    if (pthread_create(&threads[started], NULL, worker_main, &ctx[started]) != 0) break;
  if (started == 0) worker_main(&ctx[0]); /* no threads to be had: do the work here */
  else if (opts->timeout > 0 || opts->file_timeout > 0 || opts->progress) out->timed_out = watch(&p, ctx, jobs);
  for (uint32_t i = 0; i < started; i++) pthread_join(threads[i], NULL);

  for (uint32_t i = 0; i < jobs; i++) {
    for (uint32_t k = 0; k < ctx[i].results.len; k++) ms_array_push(&all, ctx[i].results.items[k]);
    for (uint32_t k = 0; k < ctx[i].context.len; k++) ms_array_push(&context, ctx[i].context.items[k]);
    ms_array_free(&ctx[i].results);
    ms_array_free(&ctx[i].context);
    ms_array_free(&ctx[i].outbox);
    ms_worker_dispose(&ctx[i].w);
    ms_deadline_dispose(&ctx[i].deadline);
  }
  sort_unique(&all);
  sort_unique(&context);
  out->files = all.items;
  out->nfiles = all.len;
  all.items = NULL;
  out->context_files = context.items;
  out->ncontext_files = context.len;
  context.items = NULL;
  out->jobs = jobs;
  if (cache) {
    ms_cache_save_stamps(cache); /* when it learnt something: nothing on an unchanged tree */
    ms_cache_save_entries(cache); /* the new entries; the pack when it served this scan badly */
    ms_cache_get_counters(cache, &out->cache);
    if (out->cache.writes > 0) ms_cache_evict(cache); /* an unchanged tree costs nothing here */
    ms_cache_get_counters(cache, &out->cache);
  }
  /* Cross-file rules see every file's facts and findings (other shards' files too, as facts);
   * then the suppressions recorded per file apply to what they added; then everything is
   * counted. */
  project_pass(rules, opts, out);
  for (uint32_t i = 0; i < out->nfiles; i++) ms_suppress_apply_recorded(opts, rules, &out->files[i]);
  ms_scan_result_recount(out);

cleanup:
  for (item it; ms_work_queues_take(&p.queues, 0, &it);) {
    out->paths_not_scanned++;
    item_dispose(&it);
  }
  ms_work_queues_dispose(&p.queues);
  ms_cache_close(cache);
  if (p.mem) ms_membudget_dispose(p.mem);
  /* roots_real strings are referenced by results only during the scan. */
  for (uint32_t i = 0; i < opts->npaths; i++) free(roots_real[i]); /* from libc's realpath */
  ms_free(roots_real);
  ms_free(ctx);
  ms_free(threads);
  pthread_mutex_destroy(&p.lock);
  pthread_cond_destroy(&p.cond);
  pthread_cond_destroy(&p.idle);
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
  for (uint32_t i = 0; i < self->ncontext_files; i++) ms_file_result_dispose(&self->context_files[i]);
  ms_free(self->context_files);
  ms_free(self->cache_dir);
  ms_free(self->cache_warning);
  memset(self, 0, sizeof *self);
}
