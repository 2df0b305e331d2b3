/* The result cache; see cache.h and docs/cache.md for the threat model.
 *
 * An entry file is: "MSCE", u32 codec version, the 32-byte key it was written for, u32
 * payload length, the payload (result_codec), then HMAC-SHA256 over everything before it.
 * The key inside the entry stops one entry being swapped for another's name; the HMAC stops
 * anyone without the secret from writing an entry we accept.
 *
 * The stat index (stat_index.h) is the file STAT_INDEX: "MSSI", u32 format version, u32
 * payload length, the payload, HMAC-SHA256 over everything before it. Loaded when the cache
 * opens, rewritten (same temporary file and rename) after a scan that learnt a stamp.
 *
 * The entry pack (entry_pack.h) is the file PACK_FILE: the entries a large scan used, looked up
 * before the entry files, each copy checked like an entry file. The entries a scan finds or
 * makes are kept in memory (up to used_limit bytes) until it ends: then a scan that rewrites
 * the pack puts its new entries there alone, and any other writes them to entry files. */
#include "core/cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/entry_pack.h"
#include "core/result_codec.h"
#include "core/stat_index.h"
#include "util/array.h"
#include "util/hmac.h"
#include "util/le.h"
#include "util/path.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAGIC "MSCE"
#define HEADER_LEN (4 + 4 + 32 + 4)
#define MAC_LEN 32
#define MAX_ENTRY_BYTES (64u * 1024 * 1024)
#define ENTRY_EXT ".entry"
#define TMP_PREFIX ".tmp-"
#define KEY_BYTES 32
#define TOUCH_AFTER_SECONDS 3600   /* refresh an entry's mtime on a hit at most this often */
#define STALE_TMP_SECONDS 3600     /* temporary files older than this belong to a dead writer */
#define EVICT_STAMP ".last-eviction" /* its mtime: when the directory was last listed for eviction */
#define EVICT_INTERVAL_SECONDS 60  /* small writers list the directory at most this often */
#define EVICT_CLOCK_SKEW_SECONDS 5 /* a stamp this far ahead of time() is current (file times
                                      come from another clock; NFS servers drift); further
                                      ahead, the clock went back: list */
#define EVICT_NOW_FRACTION 64      /* a scan that wrote more than max_size / this evicts at once */
#define STAT_INDEX "stat-index"
#define STAT_MAGIC "MSSI"
#define STAT_VERSION 1u
#define STAT_HEADER_LEN (4 + 4 + 4)
#define STAT_MAX_BYTES (STAT_HEADER_LEN + MAC_LEN + MS_STAT_INDEX_MAX_RECORDS * MS_STAT_INDEX_RECORD_BYTES)
#define PACK_FILE "entries.pack"
#define PACK_MIN_ENTRIES 64u   /* a scan that used fewer entries neither writes a pack nor needs one */
#define PACK_SIZE_FRACTION 4u  /* the pack stays under the cache's bound / this */
#define PACK_MAX_BYTES (1ull << 30)
#define PACK_MAX_AGE 8u        /* a copy no scan used in this many rewrites of the pack is dropped */

static const char gitignore_text[] = "# mcp-sentinel result cache: never commit it\n*\n";
static const char tag_text[] =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by mcp-sentinel.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n";

/* Where an entry this scan used came from. */
typedef enum { FROM_PACK, FROM_FILE, NEW } entry_origin;

/* An entry this scan used, kept whole for the pack; one the pack itself served is read from
 * it again only if the pack is rewritten (bytes NULL): a warm scan keeps nothing. A new one
 * is on no disk yet. */
typedef struct used_entry {
  uint8_t key[32];
  uint8_t *bytes;
  uint32_t len;
  entry_origin origin;
} used_entry;

typedef ms_array(used_entry) used_list;

struct ms_cache {
  char *dir;
  uint64_t max_size;
  uint8_t secret[KEY_BYTES];
  size_t secret_len;
  ms_hmac keyed; /* the MAC state after the key, copied for each entry (two hashed blocks fewer) */
  ms_cache_counters counters; /* updated atomically */
  uint32_t tmp_seq;           /* atomically */
  uint64_t bytes_written;     /* by this process, atomically */
  ms_stat_index *stamps;      /* content digests of files by stamp */
  ms_entry_pack *pack;        /* the last large scan's entries, or NULL */
  uint32_t packed;            /* hits the pack served, atomically */
  pthread_mutex_t used_lock;  /* guards the four below */
  used_list used;             /* the entries this scan read or made, for the next pack */
  uint32_t *made;             /* open addressing: 1 + the index in used of each new entry, or 0 */
  uint32_t made_cap, made_len;
  uint64_t used_bytes;
  uint64_t used_limit;        /* past it, nothing is kept and no pack is written */
  bool used_over;
};

static void count(uint32_t *c) { __atomic_fetch_add(c, 1, __ATOMIC_RELAXED); }

/* ---- the HMAC key ------------------------------------------------------------------------ */

static char *default_key_file(void) {
  const char *env = getenv(MS_CACHE_KEY_FILE_ENV);
  if (env && env[0]) return ms_xstrdup(env);
  const char *state = getenv("XDG_STATE_HOME");
  if (state && state[0] == '/') return ms_xasprintf("%s/mcp-sentinel/cache-key", state);
  const char *home = getenv("HOME");
  if (home && home[0] == '/') return ms_xasprintf("%s/.local/state/mcp-sentinel/cache-key", home);
  return NULL;
}

static int mkdir_p(const char *path, mode_t mode) {
  char *p = ms_xstrdup(path);
  int rc = 0;
  for (char *s = p + 1; rc == 0; s++) {
    if (*s != '/' && *s != '\0') continue;
    char saved = *s;
    *s = '\0';
    if (mkdir(p, mode) != 0 && errno != EEXIST) rc = -1;
    *s = saved;
    if (saved == '\0') break;
  }
  ms_free(p);
  return rc;
}

/* Reads the key file, refusing one that another user could have written or read. */
static ms_status read_key(ms_cache *self, const char *path, ms_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return ms_error_set(err, MS_EIO, path, 0, 0, "cannot read the cache key: %s", strerror(errno));
  struct stat sb;
  ms_status st = MS_OK;
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    st = ms_error_set(err, MS_EIO, path, 0, 0, "the cache key is not a regular file");
  } else if (sb.st_uid != geteuid() || (sb.st_mode & 077) != 0) {
    st = ms_error_set(err, MS_EIO, path, 0, 0,
                      "the cache key must belong to the current user and be private (chmod 600)");
  } else if (read(fd, self->secret, KEY_BYTES) != KEY_BYTES) {
    st = ms_error_set(err, MS_EIO, path, 0, 0, "the cache key is truncated; delete it to get a new one");
  }
  close(fd);
  self->secret_len = KEY_BYTES;
  return st;
}

/* Creates the key file if it does not exist; concurrent scans race through link(2), so
 * exactly one key wins and every process reads that one. */
static ms_status create_key(const char *path, ms_error *err) {
  char *dir = ms_xstrdup(path);
  char *slash = strrchr(dir, '/');
  if (slash && slash != dir) *slash = '\0';
  ms_status st = MS_OK;
  char *tmp = ms_xasprintf("%s.tmp.%ld", path, (long)getpid());
  uint8_t key[KEY_BYTES];
  if (mkdir_p(dir, 0700) != 0) {
    st = ms_error_set(err, MS_EIO, dir, 0, 0, "cannot create the directory of the cache key: %s", strerror(errno));
    goto cleanup;
  }
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
    st = ms_error_set(err, MS_EIO, path, 0, 0, "no random bytes for the cache key: %s", strerror(errno));
    goto cleanup;
  }
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    st = ms_error_set(err, MS_EIO, tmp, 0, 0, "cannot create the cache key: %s", strerror(errno));
    goto cleanup;
  }
  bool ok = write(fd, key, sizeof key) == (ssize_t)sizeof key && fsync(fd) == 0;
  close(fd);
  if (!ok || (link(tmp, path) != 0 && errno != EEXIST))
    st = ms_error_set(err, MS_EIO, path, 0, 0, "cannot create the cache key: %s", strerror(errno));
  unlink(tmp);
cleanup:
  ms_free(tmp);
  ms_free(dir);
  return st;
}

static ms_status load_secret(ms_cache *self, ms_error *err) {
  const char *env = getenv(MS_CACHE_KEY_ENV);
  if (env && env[0]) {
    ms_sha256 h;
    ms_sha256_init(&h);
    ms_sha256_update(&h, env, strlen(env));
    ms_sha256_final(&h, self->secret);
    self->secret_len = KEY_BYTES;
    return MS_OK;
  }
  char *path = default_key_file();
  if (path == NULL)
    return ms_error_set(err, MS_EIO, NULL, 0, 0, "no place for the cache key (set HOME, %s or %s)",
                        MS_CACHE_KEY_ENV, MS_CACHE_KEY_FILE_ENV);
  ms_status st = MS_OK;
  if (access(path, F_OK) != 0) st = create_key(path, err);
  if (st == MS_OK) st = read_key(self, path, err);
  ms_free(path);
  return st;
}

/* ---- opening ----------------------------------------------------------------------------- */

static void write_marker(const char *dir, const char *name, const char *text) {
  char *path = ms_path_join(dir, name);
  if (access(path, F_OK) != 0) {
    FILE *f = fopen(path, "wx");
    if (f) {
      fputs(text, f);
      fclose(f);
    }
  }
  ms_free(path);
}

static uint8_t *read_stamps(const ms_cache *self, size_t *payload_len);

ms_status ms_cache_open(ms_cache **out, const char *dir, uint64_t max_size, ms_error *err) {
  *out = NULL;
  if (mkdir_p(dir, 0777) != 0)
    return ms_error_set(err, MS_EIO, dir, 0, 0, "cannot create the cache directory: %s", strerror(errno));
  char *real = realpath(dir, NULL);
  if (real == NULL) return ms_error_set(err, MS_EIO, dir, 0, 0, "cannot open the cache directory: %s", strerror(errno));
  if (access(real, W_OK | X_OK) != 0) {
    ms_status st = ms_error_set(err, MS_EIO, dir, 0, 0, "cannot write the cache directory: %s", strerror(errno));
    free(real); /* from libc's realpath */
    return st;
  }
  ms_cache *self = ms_xcalloc(1, sizeof *self);
  pthread_mutex_init(&self->used_lock, NULL);
  self->dir = ms_xstrdup(real);
  free(real); /* from libc's realpath */
  self->max_size = max_size ? max_size : MS_CACHE_DEFAULT_MAX_SIZE;
  ms_status st = load_secret(self, err);
  if (st < 0) {
    ms_cache_close(self);
    return st;
  }
  ms_hmac_init(&self->keyed, self->secret, self->secret_len);
  self->used_limit = self->max_size / PACK_SIZE_FRACTION < PACK_MAX_BYTES ? self->max_size / PACK_SIZE_FRACTION
                                                                           : PACK_MAX_BYTES;
  char *pack = ms_path_join(self->dir, PACK_FILE);
  self->pack = ms_entry_pack_open(pack, HEADER_LEN + MAC_LEN, MAX_ENTRY_BYTES);
  ms_free(pack);
  write_marker(self->dir, "CACHEDIR.TAG", tag_text);
  write_marker(self->dir, ".gitignore", gitignore_text);
  size_t n = 0;
  uint8_t *stamps = read_stamps(self, &n);
  self->stamps = ms_stat_index_new(stamps ? stamps + STAT_HEADER_LEN : NULL, n);
  ms_free(stamps);
  *out = self;
  return MS_OK;
}

static void used_free(used_list *l) {
  for (uint32_t i = 0; i < l->len; i++) ms_free(l->items[i].bytes);
  ms_array_free(l);
}

/* ---- new entries in memory: found by key until the scan ends ---------------------------- */

static size_t made_slot(const uint8_t key[32], uint32_t cap) {
  return (size_t)(ms_le64_get(key) & (cap - 1)); /* keys are digests: any bits will do */
}

static void made_clear(ms_cache *self) {
  ms_free(self->made);
  self->made = NULL;
  self->made_cap = self->made_len = 0;
}

/* Indexes used.items[i], a new entry (under used_lock). */
static void made_add(ms_cache *self, uint32_t i) {
  if ((self->made_len + 1) * 2 > self->made_cap) {
    uint32_t cap = self->made_cap ? self->made_cap * 2 : 64;
    ms_free(self->made);
    self->made = ms_xcalloc(cap, sizeof *self->made);
    self->made_cap = cap;
    self->made_len = 0;
    for (uint32_t k = 0; k < i; k++)
      if (self->used.items[k].origin == NEW) made_add(self, k);
  }
  size_t s = made_slot(self->used.items[i].key, self->made_cap);
  while (self->made[s] != 0) s = (s + 1) & (self->made_cap - 1);
  self->made[s] = i + 1;
  self->made_len++;
}

/* A copy of the new entry of key that this scan made, or NULL. */
static uint8_t *made_find(ms_cache *self, const uint8_t key[32], size_t *len) {
  uint8_t *copy = NULL;
  pthread_mutex_lock(&self->used_lock);
  if (self->made_cap) {
    for (size_t s = made_slot(key, self->made_cap); self->made[s] != 0; s = (s + 1) & (self->made_cap - 1)) {
      const used_entry *e = &self->used.items[self->made[s] - 1];
      if (memcmp(e->key, key, 32) == 0) {
        copy = ms_xmalloc(e->len);
        memcpy(copy, e->bytes, e->len);
        *len = e->len;
        break;
      }
    }
  }
  pthread_mutex_unlock(&self->used_lock);
  return copy;
}

void ms_cache_close(ms_cache *self) {
  if (self == NULL) return;
  memset(self->secret, 0, sizeof self->secret);
  memset(&self->keyed, 0, sizeof self->keyed); /* as good as the key for forging entries */
  used_free(&self->used); /* new entries left here were not to be written */
  made_clear(self);
  pthread_mutex_destroy(&self->used_lock);
  ms_entry_pack_close(self->pack);
  ms_stat_index_free(self->stamps);
  ms_free(self->dir);
  ms_free(self);
}

const char *ms_cache_dir(const ms_cache *self) { return self->dir; }

void ms_cache_get_counters(const ms_cache *self, ms_cache_counters *out) {
  const ms_cache_counters *c = &self->counters;
  out->hits = __atomic_load_n(&c->hits, __ATOMIC_RELAXED);
  out->misses = __atomic_load_n(&c->misses, __ATOMIC_RELAXED);
  out->writes = __atomic_load_n(&c->writes, __ATOMIC_RELAXED);
  out->rejected = __atomic_load_n(&c->rejected, __ATOMIC_RELAXED);
  out->write_errors = __atomic_load_n(&c->write_errors, __ATOMIC_RELAXED);
  out->evicted = __atomic_load_n(&c->evicted, __ATOMIC_RELAXED);
  out->unread = __atomic_load_n(&c->unread, __ATOMIC_RELAXED);
}

/* ---- keys and entries -------------------------------------------------------------------- */

void ms_cache_key(const uint8_t scan_digest[32], int lang, const uint8_t content[32], uint8_t out[32]) {
  ms_sha256 h;
  ms_sha256_init(&h);
  ms_sha256_update(&h, scan_digest, 32);
  uint8_t l[4] = {(uint8_t)lang, (uint8_t)(lang >> 8), (uint8_t)(lang >> 16), (uint8_t)(lang >> 24)};
  ms_sha256_update(&h, l, sizeof l);
  ms_sha256_update(&h, content, 32);
  ms_sha256_final(&h, out);
}

static char *entry_path(const ms_cache *self, const uint8_t key[32]) {
  size_t dl = strlen(self->dir);
  char *path = ms_xmalloc(dl + 1 + 64 + sizeof ENTRY_EXT);
  memcpy(path, self->dir, dl);
  path[dl] = '/';
  ms_sha256_hex(key, 32, path + dl + 1);
  memcpy(path + dl + 1 + 64, ENTRY_EXT, sizeof ENTRY_EXT);
  return path;
}

static void mac(const ms_cache *self, const uint8_t *data, size_t len, uint8_t out[32]) {
  ms_hmac h = self->keyed;
  ms_hmac_update(&h, data, len);
  ms_hmac_final(&h, out);
}

/* Reads the regular file open as fd whole when its size is within [min, max]; NULL otherwise. */
static uint8_t *read_whole(int fd, const struct stat *sb, size_t min, size_t max, size_t *len) {
  if (!S_ISREG(sb->st_mode) || sb->st_size < (off_t)min || sb->st_size > (off_t)max) return NULL;
  size_t want = (size_t)sb->st_size, n = 0;
  uint8_t *buf = ms_xmalloc(want ? want : 1);
  while (n < want) {
    ssize_t r = read(fd, buf + n, want - n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  if (n != want) {
    ms_free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* Reads a whole entry file; NULL when absent or unreadable. */
static uint8_t *read_entry(const char *path, size_t *len, bool *present) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  *present = fd >= 0 || errno != ENOENT;
  if (fd < 0) return NULL;
  struct stat sb;
  uint8_t *buf = NULL;
  if (fstat(fd, &sb) == 0) buf = read_whole(fd, &sb, HEADER_LEN + MAC_LEN, MAX_ENTRY_BYTES, len);
  /* Hits keep an entry young, so eviction removes what is no longer used. */
  if (buf && time(NULL) - sb.st_mtime > TOUCH_AFTER_SECONDS) futimens(fd, NULL);
  close(fd);
  return buf;
}

/* Writes len bytes to path through a temporary file in the cache directory and rename(2). */
static bool write_atomically(ms_cache *self, const char *path, const char *data, size_t len) {
  uint32_t seq = __atomic_fetch_add(&self->tmp_seq, 1, __ATOMIC_RELAXED);
  char *tmp = ms_xasprintf("%s/" TMP_PREFIX "%ld-%u", self->dir, (long)getpid(), seq);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  if (ok) {
    size_t n = 0;
    while (ok && n < len) {
      ssize_t w = write(fd, data + n, len - n);
      if (w < 0 && errno == EINTR) continue;
      ok = w > 0;
      if (ok) n += (size_t)w;
    }
    ok = close(fd) == 0 && ok;
    /* No fsync: after a crash a file may be empty or short, which the readers reject. */
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
  }
  ms_free(tmp);
  return ok;
}

/* Writes a new entry to its own file. */
static void write_entry(ms_cache *self, const uint8_t key[32], const uint8_t *bytes, size_t len) {
  char *path = entry_path(self, key);
  bool ok = write_atomically(self, path, (const char *)bytes, len);
  ms_free(path);
  count(ok ? &self->counters.writes : &self->counters.write_errors);
  if (ok) __atomic_fetch_add(&self->bytes_written, (uint64_t)len, __ATOMIC_RELAXED);
}

/* Keeps an entry this scan used (taking buf) while the kept ones fit: its bytes for the pack,
 * only its key when the pack served it. A new entry that does not fit is written to its own
 * file at once; so, when the first one does not fit, are the new entries kept until then,
 * and nothing more is kept (this scan writes no pack). */
static void keep(ms_cache *self, const uint8_t key[32], uint8_t *buf, size_t len, entry_origin origin) {
  used_list spill = MS_ARRAY_INIT;
  pthread_mutex_lock(&self->used_lock);
  if (!self->used_over && self->used.len < MS_ENTRY_PACK_MAX_RECORDS && self->used_bytes + len <= self->used_limit) {
    used_entry e = {.bytes = origin == FROM_PACK ? NULL : buf, .len = (uint32_t)len, .origin = origin};
    memcpy(e.key, key, 32);
    ms_array_push(&self->used, e);
    self->used_bytes += len;
    if (origin == NEW) made_add(self, self->used.len - 1);
    if (origin != FROM_PACK) buf = NULL;
  } else if (!self->used_over) {
    self->used_over = true;
    spill = self->used; /* written outside the lock */
    self->used = (used_list)MS_ARRAY_INIT;
    self->used_bytes = 0;
    made_clear(self);
  }
  pthread_mutex_unlock(&self->used_lock);
  for (uint32_t i = 0; i < spill.len; i++)
    if (spill.items[i].origin == NEW) write_entry(self, spill.items[i].key, spill.items[i].bytes, spill.items[i].len);
  used_free(&spill);
  if (buf && origin == NEW) write_entry(self, key, buf, len);
  ms_free(buf);
}

/* Whether the entry bytes are the entry of key, framed and authentic. */
static bool authentic(const ms_cache *self, const uint8_t key[32], const uint8_t *buf, size_t len) {
  if (len < HEADER_LEN + MAC_LEN) return false;
  uint8_t expect[32];
  bool framed = memcmp(buf, MAGIC, 4) == 0 && ms_le32_get(buf + 4) == MS_RESULT_CODEC_VERSION &&
                memcmp(buf + 8, key, 32) == 0 && (size_t)ms_le32_get(buf + 40) == len - HEADER_LEN - MAC_LEN;
  if (!framed) return false;
  mac(self, buf, len - MAC_LEN, expect);
  return ms_hmac_equal(expect, buf + len - MAC_LEN);
}

/* Fills *out from the entry bytes when they are the entry of key, whole and authentic. */
static bool decode(const ms_cache *self, const uint8_t key[32], const uint8_t *buf, size_t len, uint32_t nrules,
                   ms_file_result *out) {
  if (!authentic(self, key, buf, len)) return false;
  uint32_t payload = ms_le32_get(buf + 40);
  ms_file_result r;
  memset(&r, 0, sizeof r);
  if (ms_result_codec_decode(buf + HEADER_LEN, payload, nrules, &r) != MS_OK) {
    ms_file_result_dispose(&r);
    return false;
  }
  r.path = out->path;
  r.lang = out->lang;
  *out = r;
  return true;
}

static bool lookup(ms_cache *self, const uint8_t key[32], uint32_t nrules, ms_file_result *out) {
  /* The pack first: one pread. A copy that fails the checks only misses the pack (the pack
   * is rewritten by the next large scan); the entry file decides. */
  size_t len = 0;
  uint8_t *buf = ms_entry_pack_read(self->pack, key, &len);
  if (buf && decode(self, key, buf, len, nrules, out)) {
    count(&self->packed);
    keep(self, key, buf, len, FROM_PACK);
    return true;
  }
  ms_free(buf);
  /* An entry this scan made (the same content in another file): not on disk yet. */
  buf = made_find(self, key, &len);
  if (buf && decode(self, key, buf, len, nrules, out)) {
    ms_free(buf);
    return true;
  }
  ms_free(buf);
  char *path = entry_path(self, key);
  bool present = false;
  buf = read_entry(path, &len, &present);
  ms_free(path);
  bool ok = buf && decode(self, key, buf, len, nrules, out);
  if (present && !ok) count(&self->counters.rejected);
  if (ok) keep(self, key, buf, len, FROM_FILE);
  else ms_free(buf);
  return ok;
}

bool ms_cache_get(ms_cache *self, const uint8_t *const keys[], uint32_t nkeys, uint32_t nrules, ms_file_result *out) {
  bool ok = false;
  for (uint32_t i = 0; i < nkeys && !ok; i++) ok = lookup(self, keys[i], nrules, out);
  count(ok ? &self->counters.hits : &self->counters.misses);
  return ok;
}

void ms_cache_put(ms_cache *self, const uint8_t key[32], const ms_file_result *r) {
  ms_strbuf b = MS_STRBUF_INIT(MAX_ENTRY_BYTES);
  uint8_t head[HEADER_LEN] = {0};
  memcpy(head, MAGIC, 4);
  ms_le32_put(head + 4, MS_RESULT_CODEC_VERSION);
  memcpy(head + 8, key, 32);
  ms_strbuf_put(&b, (const char *)head, sizeof head);
  bool ok = ms_result_codec_encode(r, &b) == MS_OK && b.len + MAC_LEN <= MAX_ENTRY_BYTES;
  if (ok) {
    ms_le32_put((uint8_t *)b.ptr + 40, (uint32_t)(b.len - HEADER_LEN));
    uint8_t m[MAC_LEN];
    mac(self, (const uint8_t *)b.ptr, b.len, m);
    ok = ms_strbuf_put(&b, (const char *)m, sizeof m) == MS_OK;
  }
  if (ok) {
    size_t len = b.len;
    keep(self, key, (uint8_t *)ms_strbuf_detach(&b), len, NEW); /* written when the scan ends */
  } else {
    count(&self->counters.write_errors);
  }
  ms_strbuf_dispose(&b);
}

/* ---- the entry pack ---------------------------------------------------------------------- */

void ms_cache_limit_pack(ms_cache *self, uint64_t bytes) {
  if (bytes < self->used_limit) self->used_limit = bytes;
}

typedef struct carried {
  uint32_t index, age, len;
} carried;

static int cmp_carried(const void *a, const void *b) {
  const carried *x = a, *y = b;
  if (x->age != y->age) return x->age < y->age ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Keys, or items that start with one. */
static int cmp_key(const void *a, const void *b) { return memcmp(a, b, 32); }

/* Adds to items (the first m, this scan's, sorted by key) the old pack's copies this scan did
 * not use, youngest first, while the pack stays within the bound and the records' limit; a
 * copy that fails its checks is dropped. Returns the new m; the copies' buffers are in out. */
static uint32_t carry_over(ms_cache *self, ms_entry_pack_item *items, uint32_t m, uint64_t bytes, uint8_t **out) {
  uint32_t used = m;
  uint32_t total = ms_entry_pack_count(self->pack), nc = 0;
  carried *c = ms_xmalloc((size_t)(total ? total : 1) * sizeof *c);
  for (uint32_t i = 0; i < total; i++) {
    uint8_t key[32];
    uint32_t len, age;
    ms_entry_pack_record(self->pack, i, key, &len, &age);
    if (age >= PACK_MAX_AGE - 1 || bsearch(key, items, used, sizeof *items, cmp_key)) continue; /* age: from the file */
    c[nc++] = (carried){i, age, len};
  }
  qsort(c, nc, sizeof *c, cmp_carried);
  uint32_t k = 0;
  for (uint32_t i = 0; i < nc && m < MS_ENTRY_PACK_MAX_RECORDS && bytes + c[i].len <= self->used_limit; i++) {
    size_t len = 0;
    uint8_t *copy = ms_entry_pack_read_at(self->pack, c[i].index, &len);
    ms_entry_pack_record(self->pack, c[i].index, items[m].key, &items[m].len, &items[m].age);
    if (copy == NULL || !authentic(self, items[m].key, copy, len)) {
      ms_free(copy);
      continue;
    }
    items[m].bytes = out[k++] = copy;
    items[m++].age++;
    bytes += len;
  }
  ms_free(c);
  return m;
}

/* Writes the pack of this scan's entries (age 0) and of the old pack's copies this scan did
 * not use (one rewrite older). */
static bool write_pack(ms_cache *self) {
  uint32_t n = self->used.len, old = ms_entry_pack_count(self->pack);
  ms_entry_pack_item *items = ms_xmalloc(((size_t)n + old) * sizeof *items);
  uint8_t **copies = ms_xcalloc((size_t)old + 1, sizeof *copies);
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    used_entry *e = &self->used.items[i];
    size_t len = e->len;
    if (e->bytes == NULL) e->bytes = ms_entry_pack_read(self->pack, e->key, &len); /* checked when it was read */
    if (e->bytes == NULL) continue;
    memcpy(items[m].key, e->key, 32);
    items[m].bytes = e->bytes;
    items[m].age = 0;
    items[m++].len = (uint32_t)len;
  }
  qsort(items, m, sizeof *items, cmp_key);
  m = carry_over(self, items, m, self->used_bytes, copies);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_entry_pack_encode(items, m, &b);
  char *path = ms_path_join(self->dir, PACK_FILE);
  bool ok = write_atomically(self, path, b.ptr, b.len);
  if (ok) __atomic_fetch_add(&self->bytes_written, (uint64_t)b.len, __ATOMIC_RELAXED);
  ms_free(path);
  ms_strbuf_dispose(&b);
  for (uint32_t i = 0; i < old; i++) ms_free(copies[i]);
  ms_free(copies);
  ms_free(items);
  return ok;
}

void ms_cache_save_entries(ms_cache *self) {
  /* The pack is rewritten when it served less than 15/16 of what this scan used: after a first
   * scan, when a scan covers other files than the pack's, or after many changes. A scan of a
   * few files (a pre-commit hook) never replaces the pack of the whole tree. */
  uint32_t n = self->used.len, packed = __atomic_load_n(&self->packed, __ATOMIC_RELAXED);
  bool rewrite = !self->used_over && n >= PACK_MIN_ENTRIES && (uint64_t)packed * 16 < (uint64_t)n * 15;
  bool in_pack = rewrite && write_pack(self);
  if (rewrite && !in_pack) count(&self->counters.write_errors);
  for (uint32_t i = 0; i < n; i++) {
    used_entry *e = &self->used.items[i];
    if (e->origin == NEW && in_pack) {
      count(&self->counters.writes);
    } else if (e->origin == NEW) {
      write_entry(self, e->key, e->bytes, e->len);
    } else if (e->origin == FROM_FILE && in_pack) { /* the pack holds it now */
      char *path = entry_path(self, e->key);
      unlink(path);
      ms_free(path);
    }
  }
  used_free(&self->used);
  made_clear(self);
  self->used_bytes = 0;
}

/* ---- the stat index ---------------------------------------------------------------------- */

/* The index's payload when the file is ours and intact; NULL otherwise (then the index starts
 * empty and is rewritten). */
static uint8_t *read_stamps(const ms_cache *self, size_t *payload_len) {
  char *path = ms_path_join(self->dir, STAT_INDEX);
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  ms_free(path);
  if (fd < 0) return NULL;
  struct stat sb;
  size_t len = 0;
  uint8_t *buf = NULL;
  if (fstat(fd, &sb) == 0)
    buf = read_whole(fd, &sb, STAT_HEADER_LEN + MAC_LEN, STAT_MAX_BYTES, &len);
  close(fd);
  uint8_t expect[MAC_LEN];
  if (buf && memcmp(buf, STAT_MAGIC, 4) == 0 && ms_le32_get(buf + 4) == STAT_VERSION &&
      ms_le32_get(buf + 8) == len - STAT_HEADER_LEN - MAC_LEN) {
    mac(self, buf, len - MAC_LEN, expect);
    if (ms_hmac_equal(expect, buf + len - MAC_LEN)) {
      *payload_len = len - STAT_HEADER_LEN - MAC_LEN;
      return buf;
    }
  }
  ms_free(buf);
  return NULL;
}

const uint8_t *ms_cache_known_content(const ms_cache *self, const ms_file_stamp *stamp) {
  return ms_stat_index_find(self->stamps, stamp);
}

void ms_cache_learn_content(ms_cache *self, const ms_file_stamp *stamp, int64_t opened_ns, const uint8_t content[32]) {
  ms_stat_index_learn(self->stamps, stamp, opened_ns, content);
}

void ms_cache_count_unread(ms_cache *self) { count(&self->counters.unread); }

void ms_cache_save_stamps(ms_cache *self) {
  ms_strbuf b = MS_STRBUF_INIT(STAT_MAX_BYTES);
  uint8_t head[STAT_HEADER_LEN] = {0};
  memcpy(head, STAT_MAGIC, 4);
  ms_le32_put(head + 4, STAT_VERSION);
  ms_strbuf_put(&b, (const char *)head, sizeof head);
  if (ms_stat_index_encode(self->stamps, &b) && b.len > STAT_HEADER_LEN) {
    ms_le32_put((uint8_t *)b.ptr + 8, (uint32_t)(b.len - STAT_HEADER_LEN));
    uint8_t m[MAC_LEN];
    mac(self, (const uint8_t *)b.ptr, b.len, m);
    ms_strbuf_put(&b, (const char *)m, sizeof m);
    char *path = ms_path_join(self->dir, STAT_INDEX);
    if (!write_atomically(self, path, b.ptr, b.len)) count(&self->counters.write_errors);
    ms_free(path);
  }
  ms_strbuf_dispose(&b);
}

/* ---- eviction, stats, clear -------------------------------------------------------------- */

static bool is_entry_name(const char *name) {
  size_t n = strlen(name);
  if (n != 64 + strlen(ENTRY_EXT) || strcmp(name + 64, ENTRY_EXT) != 0) return false;
  for (size_t i = 0; i < 64; i++)
    if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f'))) return false;
  return true;
}

/* The value of a lower-case hex digit (is_entry_name checked it). */
static int hex_digit(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

/* The key an entry file's name (is_entry_name) stands for. */
static void key_of_name(const char *name, uint8_t key[32]) {
  for (size_t k = 0; k < 32; k++) key[k] = (uint8_t)(hex_digit(name[2 * k]) << 4 | hex_digit(name[2 * k + 1]));
}

/* The entry pack in dir, for counting its entries; NULL when there is none. */
static ms_entry_pack *open_pack_of(const char *dir) {
  char *path = ms_path_join(dir, PACK_FILE);
  ms_entry_pack *pack = ms_entry_pack_open(path, HEADER_LEN + MAC_LEN, MAX_ENTRY_BYTES);
  ms_free(path);
  return pack;
}

static bool is_tmp_name(const char *name) { return strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0; }

typedef struct entry_info {
  char *name;
  time_t mtime;
  uint64_t size;
} entry_info;

typedef ms_array(entry_info) entry_list;

/* Lists the entries of dir (and removes stale temporary files when asked). */
static ms_status list_entries(const char *dir, entry_list *out, bool clean_tmp) {
  DIR *d = opendir(dir);
  if (d == NULL) return errno == ENOENT ? MS_ENOTFOUND : MS_EIO;
  int dfd = dirfd(d);
  time_t now = time(NULL);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    bool entry = is_entry_name(e->d_name), tmp = !entry && clean_tmp && is_tmp_name(e->d_name);
    if (!entry && !tmp) continue;
    struct stat sb;
    if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode)) continue;
    if (tmp) {
      if (now - sb.st_mtime > STALE_TMP_SECONDS) unlinkat(dfd, e->d_name, 0);
      continue;
    }
    ms_array_push(out, ((entry_info){ms_xstrdup(e->d_name), sb.st_mtime, (uint64_t)sb.st_size}));
  }
  closedir(d);
  return MS_OK;
}

static void entry_list_dispose(entry_list *l) {
  for (uint32_t i = 0; i < l->len; i++) ms_free(l->items[i].name);
  ms_array_free(l);
}

static int cmp_age(const void *a, const void *b) {
  const entry_info *x = a, *y = b;
  if (x->mtime != y->mtime) return x->mtime < y->mtime ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* The entry pack's size in dir (0 without one). */
static uint64_t pack_size(const char *dir) {
  char *path = ms_path_join(dir, PACK_FILE);
  struct stat sb;
  uint64_t n = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
  ms_free(path);
  return n;
}

/* Whether this scan should list the directory: listing a cache of thousands of entries costs
 * more than a one-file pre-commit scan's analysis. A scan that wrote little defers to one that
 * listed it less than EVICT_INTERVAL_SECONDS ago, so the bound is exceeded by at most what
 * such scans write in that time; the stamp is refreshed whenever the directory is listed. */
static bool eviction_due(ms_cache *self) {
  uint64_t written = __atomic_load_n(&self->bytes_written, __ATOMIC_RELAXED);
  char *stamp = ms_path_join(self->dir, EVICT_STAMP);
  struct stat sb;
  time_t now = time(NULL);
  bool due = written > self->max_size / EVICT_NOW_FRACTION || stat(stamp, &sb) != 0 || !S_ISREG(sb.st_mode) ||
             sb.st_mtime > now + EVICT_CLOCK_SKEW_SECONDS || now - sb.st_mtime >= EVICT_INTERVAL_SECONDS;
  if (due) {
    int fd = open(stamp, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd >= 0) {
      futimens(fd, NULL);
      close(fd);
    }
  }
  ms_free(stamp);
  return due;
}

void ms_cache_evict(ms_cache *self) {
  if (!eviction_due(self)) return;
  entry_list l = MS_ARRAY_INIT;
  if (list_entries(self->dir, &l, true) == MS_OK) {
    uint64_t total = pack_size(self->dir); /* counted, never evicted: the next large scan rewrites it */
    for (uint32_t i = 0; i < l.len; i++) total += l.items[i].size;
    if (total > self->max_size) {
      /* Down to 90% of the bound, so the next scans do not evict again straight away. */
      uint64_t target = self->max_size / 10 * 9;
      qsort(l.items, l.len, sizeof *l.items, cmp_age);
      for (uint32_t i = 0; i < l.len && total > target; i++) {
        char *p = ms_path_join(self->dir, l.items[i].name);
        if (unlink(p) == 0 || errno == ENOENT) {
          total -= l.items[i].size;
          count(&self->counters.evicted);
        }
        ms_free(p);
      }
    }
  }
  entry_list_dispose(&l);
}

ms_status ms_cache_inventory(const char *dir, uint64_t *entries, uint64_t *bytes, ms_error *err) {
  entry_list l = MS_ARRAY_INIT;
  *entries = *bytes = 0;
  ms_status st = list_entries(dir, &l, false);
  if (st == MS_ENOTFOUND) st = MS_OK;
  else if (st < 0) st = ms_error_set(err, MS_EIO, dir, 0, 0, "cannot read the cache directory: %s", strerror(errno));
  for (uint32_t i = 0; i < l.len; i++) *bytes += l.items[i].size;
  if (st == MS_OK) *bytes += pack_size(dir);
  /* The pack's copies, and the entry files it does not hold (a key in both is one entry). */
  ms_entry_pack *pack = st == MS_OK ? open_pack_of(dir) : NULL;
  *entries = ms_entry_pack_count(pack);
  for (uint32_t i = 0; i < l.len; i++) {
    uint8_t key[32];
    key_of_name(l.items[i].name, key);
    if (!ms_entry_pack_has(pack, key)) (*entries)++;
  }
  ms_entry_pack_close(pack);
  entry_list_dispose(&l);
  return st;
}

/* A marker file is ours to remove only if it still holds what we wrote (whole), or starts
 * with our magic (the stat index, the entry pack). Returns whether it was removed. */
static bool remove_marker(const char *dir, const char *name, const char *text, bool whole) {
  char *path = ms_path_join(dir, name);
  FILE *f = fopen(path, "rb");
  bool removed = false;
  if (f) {
    char buf[512];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t tl = strlen(text);
    removed = (whole ? n == tl : n >= tl) && memcmp(buf, text, tl) == 0 && unlink(path) == 0;
  }
  ms_free(path);
  return removed;
}

ms_status ms_cache_clear(const char *dir, uint64_t *removed, ms_error *err) {
  *removed = 0;
  DIR *d = opendir(dir);
  if (d == NULL) {
    if (errno == ENOENT) return MS_OK;
    return ms_error_set(err, MS_EIO, dir, 0, 0, "cannot read the cache directory: %s", strerror(errno));
  }
  ms_status st = MS_OK;
  ms_entry_pack *pack = open_pack_of(dir); /* its entries are counted as removed with it */
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    bool entry = is_entry_name(e->d_name);
    if (!entry && !is_tmp_name(e->d_name)) continue;
    uint8_t key[32];
    if (entry) key_of_name(e->d_name, key);
    if (unlinkat(dirfd(d), e->d_name, 0) == 0) *removed += entry && !ms_entry_pack_has(pack, key);
    else if (errno != ENOENT)
      st = ms_error_set(err, MS_EIO, dir, 0, 0, "cannot remove %s: %s", e->d_name, strerror(errno));
  }
  closedir(d);
  if (st == MS_OK) {
    char *stamp = ms_path_join(dir, EVICT_STAMP);
    struct stat sb;
    if (lstat(stamp, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) unlink(stamp);
    ms_free(stamp);
    remove_marker(dir, STAT_INDEX, STAT_MAGIC, false);
    if (remove_marker(dir, PACK_FILE, MS_ENTRY_PACK_MAGIC, false)) *removed += ms_entry_pack_count(pack);
    remove_marker(dir, "CACHEDIR.TAG", tag_text, true);
    remove_marker(dir, ".gitignore", gitignore_text, true);
    rmdir(dir); /* only succeeds when nothing else is left */
  }
  ms_entry_pack_close(pack);
  return st;
}
