/* ms-parse-floor: the lower bound for a tree-sitter based scanner. Walks the given directories
 * the way `mcp-sentinel scan` selects files (same extensions, same default excluded directories
 * and patterns, same 2 MiB size limit), reads each file and parses it with the same grammars
 * and runtime, then frees the tree. No queries, no rules, no report.
 *
 *   ms-parse-floor [-j N] DIR...     prints "files N bytes N lines N" on stdout
 *
 * Exit status 0, or 1 on an error (unreadable directory, parse failure of the runtime). */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

#define MAX_FILE_SIZE (2u * 1024u * 1024u) /* MS_DEFAULT_MAX_FILE_SIZE */

static const char *const skip_dirs[] = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                                        "dist", "build", ".mcp-sentinel-cache", ".tox", ".mypy_cache",
                                        ".pytest_cache", NULL};

typedef struct {
  char *path;
  const TSLanguage *(*lang)(void);
} job;

static job *jobs;
static size_t njobs, capjobs;
static atomic_size_t next_job;
static atomic_ullong total_bytes, total_lines;
static atomic_int failed;

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n);
  if (!q) {
    fputs("ms-parse-floor: out of memory\n", stderr);
    exit(1);
  }
  return q;
}

static const TSLanguage *(*lang_for(const char *name))(void) {
  const char *dot = strrchr(name, '.');
  if (!dot) return NULL;
  dot++;
  if (fnmatch("*.min.js", name, 0) == 0 || fnmatch("*.bundle.js", name, 0) == 0) return NULL;
  if (!strcmp(dot, "py") || !strcmp(dot, "pyi") || !strcmp(dot, "pyw")) return tree_sitter_python;
  if (!strcmp(dot, "js") || !strcmp(dot, "mjs") || !strcmp(dot, "cjs") || !strcmp(dot, "jsx"))
    return tree_sitter_javascript;
  if (!strcmp(dot, "ts") || !strcmp(dot, "mts") || !strcmp(dot, "cts")) return tree_sitter_typescript;
  if (!strcmp(dot, "tsx")) return tree_sitter_tsx;
  return NULL;
}

static bool skipped_dir(const char *name) {
  for (const char *const *d = skip_dirs; *d; d++)
    if (!strcmp(*d, name)) return true;
  return false;
}

static void walk(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "ms-parse-floor: %s: %s\n", dir, strerror(errno));
    failed = 1;
    return;
  }
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0) {
      free(path);
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!skipped_dir(e->d_name)) walk(path);
      free(path);
    } else if (S_ISREG(st.st_mode) && lang_for(e->d_name) && st.st_size <= MAX_FILE_SIZE) {
      if (njobs == capjobs) {
        capjobs = capjobs ? 2 * capjobs : 1024;
        jobs = xrealloc(jobs, capjobs * sizeof *jobs);
      }
      jobs[njobs++] = (job){path, lang_for(e->d_name)};
    } else {
      free(path);
    }
  }
  closedir(d);
}

static void *worker(void *arg) {
  (void)arg;
  TSParser *parser = ts_parser_new();
  size_t cap = 0;
  char *buf = NULL;
  for (;;) {
    size_t i = atomic_fetch_add(&next_job, 1);
    if (i >= njobs) break;
    FILE *f = fopen(jobs[i].path, "rb");
    if (!f) {
      fprintf(stderr, "ms-parse-floor: %s: %s\n", jobs[i].path, strerror(errno));
      failed = 1;
      continue;
    }
    size_t len = 0, got;
    for (;;) {
      if (len + 65536 > cap) {
        cap = 2 * (len + 65536);
        buf = xrealloc(buf, cap);
      }
      got = fread(buf + len, 1, cap - len, f);
      if (got == 0) break;
      len += got;
    }
    fclose(f);
    unsigned long long lines = 0;
    for (size_t k = 0; k < len; k++) lines += buf[k] == '\n';
    ts_parser_set_language(parser, jobs[i].lang());
    TSTree *tree = ts_parser_parse_string(parser, NULL, buf, (uint32_t)len);
    if (!tree) {
      fprintf(stderr, "ms-parse-floor: %s: parse failed\n", jobs[i].path);
      failed = 1;
      continue;
    }
    ts_tree_delete(tree);
    atomic_fetch_add(&total_bytes, len);
    atomic_fetch_add(&total_lines, lines);
  }
  free(buf);
  ts_parser_delete(parser);
  return NULL;
}

int main(int argc, char **argv) {
  long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
  int opt;
  while ((opt = getopt(argc, argv, "j:")) != -1) {
    if (opt != 'j' || (nthreads = strtol(optarg, NULL, 10)) < 1 || nthreads > 256) {
      fputs("usage: ms-parse-floor [-j N] DIR...\n", stderr);
      return 1;
    }
  }
  if (optind >= argc) {
    fputs("usage: ms-parse-floor [-j N] DIR...\n", stderr);
    return 1;
  }
  for (int i = optind; i < argc; i++) walk(argv[i]);
  pthread_t *tids = xrealloc(NULL, (size_t)nthreads * sizeof *tids);
  for (long t = 0; t < nthreads; t++)
    if (pthread_create(&tids[t], NULL, worker, NULL) != 0) {
      fputs("ms-parse-floor: cannot start a thread\n", stderr);
      return 1;
    }
  for (long t = 0; t < nthreads; t++) pthread_join(tids[t], NULL);
  printf("files %zu bytes %llu lines %llu\n", njobs, (unsigned long long)total_bytes,
         (unsigned long long)total_lines);
  for (size_t i = 0; i < njobs; i++) free(jobs[i].path);
  free(jobs);
  free(tids);
  return failed ? 1 : 0;
}
