/* `mcp-sentinel init [--force] [DIR]`: writes a commented starting .mcp-sentinel.yml (every key
 * from cli/config.c's table, commented out). An existing file is kept unless --force. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/config.h"
#include "cli/exit.h"
#include "util/path.h"
#include "util/xalloc.h"

static const char init_help[] =
    "usage: mcp-sentinel init [--force] [DIR]\n"
    "\n"
    "Writes DIR/" MS_CONFIG_FILE_NAME " (default DIR: .) with every configuration key, commented\n"
    "out and documented. An existing file is kept unless --force is given.\n";

int ms_cmd_init(int argc, char **argv) {
  bool force = false;
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0) {
      force = true;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(init_help, stdout);
      return MS_EXIT_OK;
    } else if (argv[i][0] == '-' || dir) {
      fprintf(stderr, "mcp-sentinel: unexpected argument '%s'\n\n%s", argv[i], init_help);
      return MS_EXIT_CONFIG;
    } else {
      dir = argv[i];
    }
  }
  char *path = ms_path_join(dir ? dir : ".", MS_CONFIG_FILE_NAME);
  int rc = MS_EXIT_OK;
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), 0644);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (f == NULL) {
    if (errno == EEXIST) {
      fprintf(stderr, "mcp-sentinel: %s already exists; use --force to overwrite it\n", path);
      rc = MS_EXIT_CONFIG;
    } else {
      fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", path, strerror(errno));
      rc = MS_EXIT_FS;
    }
    if (fd >= 0) close(fd);
  } else {
    ms_config_write_template(f);
    if (fflush(f) != 0 || ferror(f)) {
      fprintf(stderr, "mcp-sentinel: cannot write %s: %s\n", path, strerror(errno));
      rc = MS_EXIT_FS;
    }
    if (fclose(f) != 0 && rc == MS_EXIT_OK) rc = MS_EXIT_FS;
    if (rc == MS_EXIT_OK) printf("wrote %s\n", path);
  }
  ms_free(path);
  return rc;
}
