/* Build identity; see buildid.h. The build-id is read from the executable's own program
 * headers in memory (no file I/O), which the GNU linker fills by default. */
#include "util/buildid.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <unistd.h>

#include "util/sha256.h"

typedef struct found {
  ms_sha256 *h;
  bool ok;
} found;

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

/* The first object dl_iterate_phdr reports is the main program. */
static int visit(struct dl_phdr_info *info, size_t size, void *payload) {
  (void)size;
  found *f = payload;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum && !f->ok; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE) continue;
    const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
    while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
      const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(const void *)p;
      size_t name = align4(n->n_namesz), desc = align4(n->n_descsz);
      if ((size_t)(end - p) - sizeof *n < name + desc) break;
      const unsigned char *nm = p + sizeof *n;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(nm, "GNU", 4) == 0 && n->n_descsz > 0) {
        ms_sha256_update(f->h, nm + name, n->n_descsz);
        f->ok = true;
        break;
      }
      p = nm + name + desc;
    }
  }
  return 1;
}

static bool hash_exe(ms_sha256 *h) {
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[65536];
  ssize_t n;
  bool any = false;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    ms_sha256_update(h, buf, (size_t)n);
    any = true;
  }
  close(fd);
  return any && n == 0;
}

bool ms_buildid_get(uint8_t out[32]) {
  ms_sha256 h;
  ms_sha256_init(&h);
  found f = {&h, false};
  dl_iterate_phdr(visit, &f);
  if (!f.ok) {
    ms_sha256_update(&h, "exe", 4);
    f.ok = hash_exe(&h);
  }
  if (!f.ok) {
    memset(out, 0, 32);
    return false;
  }
  ms_sha256_final(&h, out);
  return true;
}
