/* Syntax trees in a per-thread arena: see parse_arena.h.
 *
 * Every block tree-sitter gets has a 16-byte header: its usable size and whether it came from
 * malloc outside any parse, from an arena's chunks or, past MAX_MEDIUM bytes, from malloc for
 * an arena (then also on the arena's list of large blocks, which the reset frees). An arena
 * block is of a size class (multiples of 16 bytes up to 512, then four per power of two); a freed one
 * goes onto its class's free list and is reused by the parse: error recovery frees and
 * reallocates a lot, and a parse that never reused memory would need hundreds of times the
 * file's size. */
#include "lang/parse_arena.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ALIGN 16u
#define MAX_SMALL 512u         /* small classes: every multiple of 16 up to this */
#define SMALL_CLASSES (MAX_SMALL / ALIGN)
#define MAX_MEDIUM (128u << 10) /* medium classes: four per power of two, up to this */
#define NCLASS (SMALL_CLASSES + 4u * 8u) /* 640 bytes .. 128 KiB */
#define CHUNK ((1u << 20) - sizeof(chunk)) /* a chunk's data */
#define HEAP_BLOCK 0x48454150u /* "HEAP": malloc'ed, outside any arena */
#define ARENA_BLOCK 0x4152454eu /* "AREN": carved from a chunk, of a size class */
#define LARGE_BLOCK 0x4c415247u /* "LARG": malloc'ed for an arena, on its list of large blocks */

typedef struct header {
  size_t size;   /* usable bytes after the header (an ARENA_BLOCK's: its class size) */
  uint32_t kind; /* HEAP_BLOCK, ARENA_BLOCK or LARGE_BLOCK */
  uint32_t cls;  /* ARENA_BLOCK: its size class */
} header;

_Static_assert(sizeof(header) == ALIGN, "the header keeps blocks 16-byte aligned");

typedef struct chunk {
  struct chunk *next;
  size_t used; /* of CHUNK bytes of data */
  _Alignas(16) unsigned char data[];
} chunk;

/* A large block's links, before its header: a reset frees those the parse did not. */
typedef struct large {
  struct large *prev, *next;
  ms_parse_arena *owner;
  size_t pad;
} large;

struct ms_parse_arena {
  size_t keep;   /* chunk bytes a reset keeps for the next parse: at least one chunk */
  chunk *chunks; /* in use, the one being carved first */
  chunk *spare;  /* emptied by the last reset, kept for the next parse */
  void *free_list[NCLASS];
  large *larges; /* live large blocks */
};

/* The arena the calling thread is parsing into, or NULL: blocks then come from malloc. */
static _Thread_local ms_parse_arena *current;

static header *header_of(void *p) { return (header *)p - 1; }

static void *heap_alloc(size_t n) {
  header *h = ms_xmalloc(sizeof(header) + n);
  h->size = n;
  h->kind = HEAP_BLOCK;
  return h + 1;
}

/* Chunks are mapped, not malloc'ed, so that a freed one goes back to the system at once (the
 * peak RSS stays what --memory-limit accounts for) and never fragments malloc's heap. */
static chunk *map_chunk(void) {
  chunk *c = mmap(NULL, sizeof(chunk) + CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (c == MAP_FAILED) ms_oom(sizeof(chunk) + CHUNK);
  POISON(c->data, CHUNK);
  return c;
}

static void unmap_chunk(chunk *c) {
  UNPOISON(c->data, CHUNK);
  munmap(c, sizeof(chunk) + CHUNK);
}

/* The class of a request of n bytes (n <= MAX_MEDIUM) and the size it rounds up to. */
static uint32_t class_of(size_t n, size_t *size) {
  if (n <= MAX_SMALL) {
    uint32_t c = n == 0 ? 0 : (uint32_t)((n - 1) / ALIGN);
    *size = (size_t)(c + 1) * ALIGN;
    return c;
  }
  uint32_t c = SMALL_CLASSES;
  size_t base = MAX_SMALL; /* the classes past base are base * 5/4, 6/4, 7/4, 8/4 */
  for (;;) {
    for (size_t q = 5; q <= 8; q++, c++) {
      if (base * q / 4 >= n) {
        *size = base * q / 4;
        return c;
      }
    }
    base *= 2;
  }
}

static void *large_alloc(ms_parse_arena *a, size_t n) {
  large *l = ms_xmalloc(sizeof(large) + sizeof(header) + n);
  l->prev = NULL;
  l->next = a->larges;
  l->owner = a;
  if (a->larges) a->larges->prev = l;
  a->larges = l;
  header *h = (header *)(l + 1);
  h->size = n;
  h->kind = LARGE_BLOCK;
  return h + 1;
}

static void large_free(header *h) {
  large *l = (large *)h - 1;
  if (l->prev) l->prev->next = l->next;
  else l->owner->larges = l->next;
  if (l->next) l->next->prev = l->prev;
  ms_free(l);
}

static void *arena_alloc(ms_parse_arena *a, size_t n) {
  if (n > MAX_MEDIUM) return large_alloc(a, n);
  size_t size = 0;
  uint32_t cls = class_of(n, &size);
  if (a->free_list[cls] != NULL) {
    void *p = a->free_list[cls];
    UNPOISON(header_of(p), sizeof(header) + size);
    a->free_list[cls] = *(void **)p;
    return p;
  }
  size_t need = sizeof(header) + size;
  chunk *c = a->chunks;
  if (c == NULL || CHUNK - c->used < need) {
    if (a->spare != NULL) {
      c = a->spare;
      a->spare = c->next;
    } else {
      c = map_chunk();
    }
    c->used = 0;
    c->next = a->chunks;
    a->chunks = c;
  }
  header *h = (header *)(c->data + c->used);
  c->used += need;
  UNPOISON(h, need);
  h->size = size;
  h->kind = ARENA_BLOCK;
  h->cls = cls;
  return h + 1;
}

static void *ts_arena_malloc(size_t n) { return current ? arena_alloc(current, n) : heap_alloc(n); }

static void *ts_arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) ms_oom(SIZE_MAX);
  void *p = ts_arena_malloc(count * size);
  memset(p, 0, count * size);
  return p;
}

static void ts_arena_free(void *p) {
  if (p == NULL) return;
  header *h = header_of(p);
  if (h->kind == HEAP_BLOCK) {
    ms_free(h);
  } else if (h->kind == LARGE_BLOCK) {
    large_free(h);
  } else if (current != NULL) {
    /* An arena block is only freed by the thread parsing into its arena: while it parses, or
     * when the parser made for the parse is deleted. */
    *(void **)p = current->free_list[h->cls];
    current->free_list[h->cls] = p;
    POISON((char *)p + sizeof(void *), h->size - sizeof(void *));
  }
}

static void *ts_arena_realloc(void *p, size_t n) {
  if (p == NULL) return ts_arena_malloc(n);
  header *h = header_of(p);
  if (h->kind == HEAP_BLOCK) { /* stays on the heap: it may outlive the parse */
    h = ms_xrealloc(h, sizeof(header) + n);
    h->size = n;
    return h + 1;
  }
  if (n <= h->size) return p;
  void *q = ts_arena_malloc(n);
  memcpy(q, p, h->size);
  ts_arena_free(p);
  return q;
}

/* Installed before main, before any tree-sitter object exists: a block allocated with another
 * allocator would have no header. */
__attribute__((constructor)) static void install(void) {
  ts_set_allocator(ts_arena_malloc, ts_arena_calloc, ts_arena_realloc, ts_arena_free);
}

ms_parse_arena *ms_parse_arena_new(size_t keep) {
  ms_parse_arena *self = ms_xcalloc(1, sizeof(ms_parse_arena));
  self->keep = keep > CHUNK ? keep : CHUNK;
  return self;
}

static void free_chunks(chunk *c) {
  while (c) {
    chunk *next = c->next;
    unmap_chunk(c);
    c = next;
  }
}

static void free_larges(ms_parse_arena *self) {
  while (self->larges) large_free((header *)(self->larges + 1));
}

void ms_parse_arena_delete(ms_parse_arena *self) {
  if (self == NULL) return;
  free_larges(self);
  free_chunks(self->chunks);
  free_chunks(self->spare);
  ms_free(self);
}

TSTree *ms_parse_arena_parse(ms_parse_arena *self, const TSLanguage *language, const char *text, uint32_t len,
                             const size_t *cancel) {
  ms_parse_arena *outer = current;
  current = self;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  ts_parser_set_cancellation_flag(parser, cancel);
  TSTree *tree = ts_parser_parse_string(parser, NULL, text, len);
  ts_parser_delete(parser);
  current = outer;
  return tree;
}

void ms_parse_arena_reset(ms_parse_arena *self) {
  memset(self->free_list, 0, sizeof self->free_list);
  free_larges(self);
  /* Every chunk becomes spare, after the spare ones; keep bytes of them are kept. */
  chunk **tail = &self->spare;
  while (*tail) tail = &(*tail)->next;
  *tail = self->chunks;
  self->chunks = NULL;
  size_t kept = 0;
  for (chunk **link = &self->spare; *link;) {
    chunk *c = *link;
    if (kept + CHUNK <= self->keep) {
      kept += CHUNK;
      c->used = 0;
      POISON(c->data, CHUNK);
      link = &c->next;
    } else {
      *link = c->next;
      unmap_chunk(c);
    }
  }
}

size_t ms_parse_arena_size(const ms_parse_arena *self) {
  size_t n = 0;
  for (const chunk *c = self->chunks; c; c = c->next) n++;
  for (const chunk *c = self->spare; c; c = c->next) n++;
  return n * CHUNK;
}
