/* The entry pack of the result cache (docs/cache.md): one file holding the entries a large scan
 * used or wrote, so that the next scan of the same tree finds each file's entry with one
 * pread(2) instead of opening, stat-ing, reading and closing an entry file of its own, and a
 * first scan creates one file instead of one per analysed file.
 *
 * The pack is not trusted: each copy is a whole entry, with the key it was written for and
 * its own HMAC, which the cache checks as it checks an entry file. A pack whose index is
 * malformed is ignored; a copy that fails the checks is a miss of the pack, and the cache then
 * looks for the entry file.
 *
 * Layout: "MSEP", u32 format version, u32 record count, then the records (each a 32-byte key,
 * u32 offset and u32 length of the copy in the file, u32 age: how many rewrites of the pack
 * ago a scan last used it) in strictly increasing key order, then the copies. Little-endian
 * numbers.
 *
 * Thread-safety: ms_entry_pack_read may be called from any thread between open and close. */
#ifndef MS_CORE_ENTRY_PACK_H
#define MS_CORE_ENTRY_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define MS_ENTRY_PACK_MAGIC "MSEP"
#define MS_ENTRY_PACK_MAX_RECORDS 262144u /* like the stat index */

typedef struct ms_entry_pack ms_entry_pack;

/** One entry to pack: its key, its bytes (borrowed) and its age (see the layout). */
typedef struct ms_entry_pack_item {
  uint8_t key[32];
  const uint8_t *bytes;
  uint32_t len;
  uint32_t age;
} ms_entry_pack_item;

/** Opens the pack at path and reads its index; NULL when there is none or it is malformed
 * (records out of order, a copy outside the file or of an impossible length). Copies are
 * between min_len and max_len bytes long. */
ms_entry_pack *ms_entry_pack_open(const char *path, uint32_t min_len, uint32_t max_len);
void ms_entry_pack_close(ms_entry_pack *self);
/** The number of copies the pack holds. */
uint32_t ms_entry_pack_count(const ms_entry_pack *self);
/** The copy stored under key, in a new buffer of *len bytes; NULL when there is none or it
 * cannot be read whole. The bytes are not checked: the caller authenticates them. */
uint8_t *ms_entry_pack_read(const ms_entry_pack *self, const uint8_t key[32], size_t *len);
/** Whether the pack holds a copy under key. */
bool ms_entry_pack_has(const ms_entry_pack *self, const uint8_t key[32]);
/** The i-th record (i < count; in key order): the copy's key, length and age. */
void ms_entry_pack_record(const ms_entry_pack *self, uint32_t i, uint8_t key[32], uint32_t *len, uint32_t *age);
/** The i-th copy, as ms_entry_pack_read. */
uint8_t *ms_entry_pack_read_at(const ms_entry_pack *self, uint32_t i, size_t *len);
/** Writes the pack of items to out (empty; the caller keeps the copies' total under 4 GiB):
 * sorted by key, one copy per key (the youngest). Sorts items in place. */
void ms_entry_pack_encode(ms_entry_pack_item *items, uint32_t n, ms_strbuf *out);

#endif
