/* Temporary directories with guaranteed removal; see tmpdir.h. The registry is the one
 * piece of process-wide mutable state here: a signal handler has no other way to find the
 * directories. Slots are filled before they are marked live (and cleared the other way
 * round), so the handler never reads a half-written path. Removal uses raw getdents64 so
 * the same code is safe inside the handler. */
#include "util/tmpdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/path.h"
#include "util/xalloc.h"

#define MAX_DEPTH 512

typedef struct slot {
  volatile sig_atomic_t live;
  char path[PATH_MAX];
} slot;

static slot registry[MS_TMPDIR_MAX];
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static volatile sig_atomic_t handlers_installed;

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/* Empties the directory open as dfd. Entries are unlinked while the listing is read, so
 * each pass restarts from the beginning until a pass finds nothing left to remove. */
static void empty_dir(int dfd, int depth) {
  char buf[4096];
  for (int pass = 0; pass < 64; pass++) {
    bool removed_any = false;
    if (lseek(dfd, 0, SEEK_SET) < 0) return;
    for (;;) {
      long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      for (long off = 0; off < n;) {
        struct linux_dirent64 *e = (struct linux_dirent64 *)(void *)(buf + off);
        off += e->d_reclen;
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        if (unlinkat(dfd, name, 0) == 0) {
          removed_any = true;
          continue;
        }
        if (errno != EISDIR && errno != EPERM) continue;
        int sub = depth < MAX_DEPTH ? openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        if (sub < 0) continue;
        empty_dir(sub, depth + 1);
        close(sub);
        if (unlinkat(dfd, name, AT_REMOVEDIR) == 0) removed_any = true;
      }
    }
    if (!removed_any) break;
  }
}

ms_status ms_tmpdir__remove_tree(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? MS_OK : MS_EIO;
  empty_dir(fd, 0);
  close(fd);
  if (rmdir(path) != 0 && errno != ENOENT) return MS_EIO;
  return MS_OK;
}

static void on_signal(int sig) {
  int saved = errno;
  for (int i = 0; i < MS_TMPDIR_MAX; i++)
    if (registry[i].live) ms_tmpdir__remove_tree(registry[i].path);
  signal(sig, SIG_DFL);
  errno = saved;
  raise(sig);
}

static void install_handlers(void) {
  if (handlers_installed) return;
  handlers_installed = 1;
  for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
    struct sigaction old;
    /* A signal the parent set to be ignored (nohup, a backgrounded job) stays ignored. */
    if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < sizeof cleanup_signals / sizeof cleanup_signals[0]; k++)
      sigaddset(&sa.sa_mask, cleanup_signals[k]);
    sigaction(cleanup_signals[i], &sa, NULL);
  }
}

ms_status ms_tmpdir_create(const char *prefix, char **out) {
  *out = NULL;
  int free_slot = -1;
  for (int i = 0; i < MS_TMPDIR_MAX && free_slot < 0; i++)
    if (!registry[i].live) free_slot = i;
  if (free_slot < 0) return MS_ETOOBIG;
  const char *base = getenv("TMPDIR");
  struct stat sb;
  if (base == NULL || base[0] != '/' || stat(base, &sb) != 0 || !S_ISDIR(sb.st_mode)) base = "/tmp";
  /* Normalised, so that paths below it read the same however TMPDIR was spelled. */
  char *norm = ms_path_normalize(base);
  char *templ = ms_xasprintf("%s%s%sXXXXXX", norm, strcmp(norm, "/") == 0 ? "" : "/", prefix);
  ms_free(norm);
  if (strlen(templ) >= PATH_MAX || mkdtemp(templ) == NULL) {
    int saved = errno;
    ms_free(templ);
    errno = saved ? saved : ENAMETOOLONG;
    return MS_EIO;
  }
  install_handlers();
  memcpy(registry[free_slot].path, templ, strlen(templ) + 1);
  registry[free_slot].live = 1;
  *out = templ;
  return MS_OK;
}

ms_status ms_tmpdir_remove(const char *path) {
  if (path == NULL) return MS_OK;
  ms_status st = ms_tmpdir__remove_tree(path);
  int saved = errno;
  for (int i = 0; i < MS_TMPDIR_MAX; i++)
    if (registry[i].live && strcmp(registry[i].path, path) == 0) registry[i].live = 0;
  errno = saved;
  return st;
}
