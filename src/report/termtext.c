/* Scanned text in the terminal; see termtext.h. The width table is the East Asian Wide and
 * Fullwidth blocks and the emoji that terminals draw two columns wide (as wcwidth does in a
 * UTF-8 locale), without depending on the user's locale. */
#include "report/termtext.h"

#include <stdbool.h>

#include "util/utf8.h"

typedef struct range {
  uint32_t lo, hi;
} range;

static const range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

/* Shown escaped: characters a terminal draws as nothing, or that reorder what it draws, the
 * means of hiding instructions in text (zero-width and format characters, bidirectional
 * controls, tag characters) and of "Trojan Source"; line and paragraph separators. */
static const range invisible[] = {
    {0x00AD, 0x00AD}, {0x061C, 0x061C}, {0x115F, 0x1160},   {0x180E, 0x180E}, {0x200B, 0x200F},
    {0x2028, 0x202E}, {0x2060, 0x2064}, {0x2066, 0x206F},   {0x3164, 0x3164}, {0xFEFF, 0xFEFF},
    {0xFFA0, 0xFFA0}, {0xFFF9, 0xFFFB}, {0x1D173, 0x1D17A}, {0xE0000, 0xE007F},
};

static const range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440},
    {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
    {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
    {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in(const range *r, size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) { /* binary search: the ranges are sorted and disjoint */
    size_t mid = (lo + hi) / 2;
    if (cp < r[mid].lo) hi = mid;
    else if (cp > r[mid].hi) lo = mid + 1;
    else return true;
  }
  return false;
}

uint32_t ms_termtext__width(uint32_t cp) {
  if (in(zero_width, sizeof zero_width / sizeof zero_width[0], cp)) return 0;
  return in(wide, sizeof wide / sizeof wide[0], cp) ? 2 : 1;
}

/* The code point of the valid n-byte sequence at p. */
static uint32_t decode(const unsigned char *p, size_t n) {
  if (n == 1) return p[0];
  uint32_t cp = p[0] & (0x7Fu >> n);
  for (size_t i = 1; i < n; i++) cp = (cp << 6) | (p[i] & 0x3Fu);
  return cp;
}

/* For the n-byte character cp (n = 0: an invalid byte): 0 when shown as it is, else the
 * columns of its escape: 4 for \xNN (a byte), 6 for \uNNNN, 10 for \UNNNNNNNN. */
static uint32_t escape_kind(size_t n, uint32_t cp) {
  if (n == 0) return 4;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return n == 1 ? 4 : 6;
  if (in(invisible, sizeof invisible / sizeof invisible[0], cp)) return cp > 0xFFFF ? 10 : 6;
  return 0;
}

uint32_t ms_termtext_columns(const char *s, size_t avail, size_t *n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t len = ms_utf8_seqlen(p, avail);
  *n = len ? len : 1;
  uint32_t cp = len ? decode(p, len) : p[0];
  uint32_t esc = escape_kind(len, cp);
  return esc ? esc : ms_termtext__width(cp);
}

void ms_termtext_put(FILE *out, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  size_t left = 0;
  while (p[left]) left++;
  while (left > 0) {
    size_t len = ms_utf8_seqlen(p, left), n = len ? len : 1;
    uint32_t cp = len ? decode(p, len) : p[0];
    switch (escape_kind(len, cp)) {
      case 4: fprintf(out, "\\x%02x", p[0]); break;
      case 6: fprintf(out, "\\u%04x", (unsigned)cp); break;
      case 10: fprintf(out, "\\U%08x", (unsigned)cp); break;
      default: fwrite(p, 1, n, out); break;
    }
    p += n;
    left -= n;
  }
}
