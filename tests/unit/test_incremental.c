/* The pieces of the incremental scan modes: path keys, diff hunks, temporary directories
 * that are removed on signals, and the baseline comparison itself. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/baseline.h"
#include "core/git.h"
#include "harness.h"
#include "rules/ruleset.h"
#include "util/path.h"
#include "util/spawn.h"
#include "util/tmpdir.h"
#include "util/xalloc.h"

static void check_norm(const char *in, const char *want, int *bad) {
  char *got = ms_path_normalize(in);
  if (strcmp(got, want) != 0) {
    printf("  normalize(%s) = %s, want %s\n", in, got, want);
    *bad = 1;
  }
  ms_free(got);
}

void test_incremental__path_normalize(void) {
  int bad = 0;
  check_norm("./src//a.py", "src/a.py", &bad);
  check_norm("src/../b/./c/", "b/c", &bad);
  check_norm("../x/../../y", "../../y", &bad);
  check_norm("/a/../../b", "/b", &bad);
  check_norm(".", ".", &bad);
  check_norm("a/..", ".", &bad);
  check_norm("//", "/", &bad);
  MS_CHECK(!bad);
}

void test_incremental__path_relative(void) {
  char *r = ms_path_relative("/repo/src/a.py", "/repo");
  MS_CHECK_STR(r, "src/a.py");
  ms_free(r);
  r = ms_path_relative("/repo/lib/b.py", "/repo/src");
  MS_CHECK_STR(r, "../lib/b.py");
  ms_free(r);
  r = ms_path_relative("/repo/srcx/b.py", "/repo/src/deep");
  MS_CHECK_STR(r, "../../srcx/b.py");
  ms_free(r);
  r = ms_path_relative("/repo", "/repo");
  MS_CHECK_STR(r, ".");
  ms_free(r);
  r = ms_path_relative("/repo", "/repo/src");
  MS_CHECK_STR(r, "..");
  ms_free(r);
  r = ms_path_relative("/x.py", "/");
  MS_CHECK_STR(r, "x.py");
  ms_free(r);
  char *k = ms_baseline_key("/work/repo/./src//a.py", "/work/repo");
  MS_CHECK_STR(k, "src/a.py");
  ms_free(k);
}

void test_incremental__hunks(void) {
  const char *diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
                     "@@ -1,0 +2,3 @@ def f():\n+a\n+b\n+c\n"
                     "@@ -10 +12 @@\n-x\n+y\n"
                     "@@ -20,2 +21,0 @@\n-gone\n-gone\n"
                     "+@@ -1 +99 @@ (an added line that looks like a header is not one)\n";
  ms_line_ranges r = MS_ARRAY_INIT;
  ms_git__parse_hunks(diff, strlen(diff), &r);
  MS_CHECK_INT(r.len, 2);
  MS_CHECK_INT(r.items[0].first, 2);
  MS_CHECK_INT(r.items[0].last, 4);
  MS_CHECK_INT(r.items[1].first, 12);
  MS_CHECK_INT(r.items[1].last, 12);
  ms_array_free(&r);
}

void test_incremental__spawn_capture(void) {
  const char *argv[] = {"sh", "-c", "printf 'a\\0b'; echo oops >&2; exit 3", NULL};
  ms_strbuf out = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED), err = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  int status = 0;
  MS_CHECK_INT(ms_spawn_capture(argv, &out, &err, &status), MS_OK);
  MS_CHECK_INT(status, 3);
  MS_CHECK_INT(out.len, 3);
  MS_CHECK(memcmp(out.ptr, "a\0b", 3) == 0);
  MS_CHECK_STR(ms_strbuf_cstr(&err), "oops\n");
  ms_strbuf_dispose(&out);
  ms_strbuf_dispose(&err);
  const char *missing[] = {"ms-no-such-program-here", NULL};
  ms_strbuf o2 = MS_STRBUF_INIT(16);
  MS_CHECK_INT(ms_spawn_capture(missing, &o2, NULL, &status), MS_ENOTFOUND);
  ms_strbuf_dispose(&o2);
}

static void fill(const char *dir) {
  char *sub = ms_xasprintf("%s/a/b", dir);
  char *a = ms_xasprintf("%s/a", dir);
  mkdir(a, 0700);
  mkdir(sub, 0700);
  for (int i = 0; i < 300; i++) { /* more entries than one getdents64 buffer holds */
    char *f = ms_xasprintf("%s/file-with-a-long-name-%03d.py", sub, i);
    int fd = open(f, O_WRONLY | O_CREAT, 0600);
    if (fd >= 0) close(fd);
    ms_free(f);
  }
  char *link = ms_xasprintf("%s/a/outside", dir);
  if (symlink("/", link) != 0) perror("symlink");
  ms_free(link);
  ms_free(sub);
  ms_free(a);
}

void test_incremental__tmpdir_removed(void) {
  char *dir = NULL;
  MS_CHECK_INT(ms_tmpdir_create("ms-unit.", &dir), MS_OK);
  struct stat sb;
  MS_CHECK(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700);
  fill(dir);
  MS_CHECK_INT(ms_tmpdir_remove(dir), MS_OK);
  MS_CHECK(lstat(dir, &sb) != 0);
  MS_CHECK(stat("/", &sb) == 0); /* the symbolic link was removed, not followed */
  ms_free(dir);
}

void test_incremental__tmpdir_removed_on_signal(void) {
  int fds[2];
  MS_CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  MS_CHECK(pid >= 0);
  if (pid == 0) {
    char *dir = NULL;
    close(fds[0]);
    if (ms_tmpdir_create("ms-unit-signal.", &dir) != MS_OK) _exit(1);
    fill(dir);
    if (write(fds[1], dir, strlen(dir)) < 0) _exit(1);
    close(fds[1]);
    raise(SIGTERM); /* the handler removes the directory, then the signal kills us */
    _exit(2);
  }
  close(fds[1]);
  char path[4096] = {0};
  ssize_t n = read(fds[0], path, sizeof path - 1);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  MS_CHECK(n > 0);
  MS_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
  struct stat sb;
  MS_CHECK(lstat(path, &sb) != 0);
}
