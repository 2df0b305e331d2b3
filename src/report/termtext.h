/* Scanned text (paths, snippets, messages, tool names) as the terminal report shows it, and
 * how many columns each character takes there, so that the caret line under a snippet lines
 * up whatever the line holds: wide East Asian characters and emoji take two columns,
 * combining marks none, and what could drive or deceive the terminal is shown escaped. */
#ifndef MS_REPORT_TERMTEXT_H
#define MS_REPORT_TERMTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Writes s, escaping C0 and C1 controls, DEL and invalid UTF-8 bytes as \xNN, and the
 * characters that draw as nothing or reorder the line (zero-width and format characters,
 * bidirectional controls as in "Trojan Source", tag characters, line separators) as \uNNNN
 * or \UNNNNNNNN: hidden instructions in a tool description show in the terminal. */
void ms_termtext_put(FILE *out, const char *s);

/** The columns the character at s[0..avail) takes once written by ms_termtext_put (4, 6 or
 * 10 for an escape); *n is set to its length in bytes (at least 1). */
uint32_t ms_termtext_columns(const char *s, size_t avail, size_t *n);

/** The columns code point cp takes in a terminal: 0 (combining marks, zero-width
 * characters), 2 (East Asian wide and fullwidth, emoji) or 1. */
uint32_t ms_termtext__width(uint32_t cp);

#endif
