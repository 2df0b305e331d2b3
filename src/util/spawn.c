/* posix_spawnp with pipes; see spawn.h. Children are always reaped, also on errors, and
 * the pipes are read with poll(2) so that neither stream can fill up and stall the child. */
#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_STDERR (64u * 1024u)

extern char **environ;

static void close_fd(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

/* Starts the child with stdout to out_w and stderr to err_w (-1: /dev/null). */
static ms_status start(pid_t *pid, const char *const *argv, const char *stdin_path, int out_w, int err_w) {
  posix_spawn_file_actions_t fa;
  if (posix_spawn_file_actions_init(&fa) != 0) return MS_EIO;
  posix_spawn_file_actions_addopen(&fa, 0, stdin_path ? stdin_path : "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_w, 1);
  if (err_w >= 0) posix_spawn_file_actions_adddup2(&fa, err_w, 2);
  else posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(pid, argv[0], &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    errno = rc;
    return rc == ENOENT ? MS_ENOTFOUND : MS_EIO;
  }
  return MS_OK;
}

static int reap(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ms_status ms_spawn_start(ms_spawn *self, const char *const *argv, const char *stdin_path) {
  int p[2];
  self->pid = -1;
  self->out_fd = -1;
  if (pipe2(p, O_CLOEXEC) != 0) return MS_EIO;
  ms_status st = start(&self->pid, argv, stdin_path, p[1], -1);
  close(p[1]);
  if (st < 0) {
    close(p[0]);
    return st;
  }
  self->out_fd = p[0];
  return MS_OK;
}

int ms_spawn_wait(ms_spawn *self) {
  close_fd(&self->out_fd);
  if (self->pid <= 0) return -1;
  int rc = reap(self->pid);
  self->pid = -1;
  return rc;
}

ms_status ms_spawn_capture(const char *const *argv, ms_strbuf *out, ms_strbuf *err, int *exit_status) {
  int po[2] = {-1, -1}, pe[2] = {-1, -1};
  *exit_status = -1;
  if (pipe2(po, O_CLOEXEC) != 0) return MS_EIO;
  if (pipe2(pe, O_CLOEXEC) != 0) {
    close(po[0]);
    close(po[1]);
    return MS_EIO;
  }
  pid_t pid;
  ms_status st = start(&pid, argv, NULL, po[1], pe[1]);
  close_fd(&po[1]);
  close_fd(&pe[1]);
  if (st < 0) {
    int saved = errno;
    close_fd(&po[0]);
    close_fd(&pe[0]);
    errno = saved;
    return st;
  }
  ms_status result = MS_OK;
  char buf[65536];
  while (po[0] >= 0 || pe[0] >= 0) {
    struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      result = MS_EIO;
      break;
    }
    for (int i = 0; i < 2; i++) {
      int *fd = i == 0 ? &po[0] : &pe[0];
      if (*fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(*fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close_fd(fd);
        continue;
      }
      if (i == 0) {
        /* Past the cap: keep draining so the child can finish, but remember the overflow. */
        if (result == MS_OK && ms_strbuf_put(out, buf, (size_t)n) < 0) result = MS_ETOOBIG;
      } else if (err && err->len + (size_t)n <= MAX_STDERR) {
        ms_strbuf_put(err, buf, (size_t)n);
      }
    }
  }
  close_fd(&po[0]);
  close_fd(&pe[0]);
  *exit_status = reap(pid);
  return result;
}
