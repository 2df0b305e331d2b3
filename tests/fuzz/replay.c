/* Runs a libFuzzer harness over files, without libFuzzer: used by the normal test suite (any
 * compiler, ASan builds included) to replay the regression inputs in tests/fuzz/regressions
 * and the seed inputs, so a crash once found stays fixed. Usage: replay_NAME FILE|DIR... */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static unsigned long replayed;

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return -1;
  }
  size_t cap = 4096, len = 0;
  uint8_t *buf = ms_xmalloc(cap);
  size_t n;
  while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) buf = ms_xrealloc(buf, cap *= 2);
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "%s: read error\n", path);
    ms_free(buf);
    return -1;
  }
  LLVMFuzzerTestOneInput(buf, len);
  ms_free(buf);
  replayed++;
  return 0;
}

static int replay(const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    perror(path);
    return -1;
  }
  if (!S_ISDIR(sb.st_mode)) return replay_file(path);
  DIR *d = opendir(path);
  if (d == NULL) {
    perror(path);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char *child = ms_xasprintf("%s/%s", path, e->d_name);
    if (replay(child) < 0) rc = -1;
    ms_free(child);
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int rc = 0;
  for (int i = 1; i < argc; i++)
    if (replay(argv[i]) < 0) rc = 1;
  printf("replayed %lu inputs\n", replayed);
  return rc;
}
