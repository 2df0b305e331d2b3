/* Escaping of scanned text (paths, snippets, messages, tool names) for each output syntax.
 * Everything a scanned repository controls goes through one of these before it is written,
 * so a file name or a snippet can never become markup, a table column or a second line. */
#ifndef MS_REPORT_ESCAPE_H
#define MS_REPORT_ESCAPE_H

#include <stdio.h>

/** HTML text or a quoted attribute value: & < > " ' become entities; C0 controls (other
 * than tab and newline) and DEL are shown as \xNN; invalid UTF-8 becomes U+FFFD. */
void ms_escape_html(FILE *out, const char *s);
/** XML 1.0 text or attribute value: & < > " ' become entities; characters XML 1.0 cannot hold
 * (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are shown as \xNN / \uFFFE;
 * invalid UTF-8 becomes U+FFFD. Tab, LF and CR are written as character references, so that
 * attribute values keep them. */
void ms_escape_xml(FILE *out, const char *s);
/** One cell of a GitHub-flavoured Markdown table: Markdown punctuation is backslash-escaped
 * (so nothing becomes emphasis, a link, code or a column break), < > & become entities (no raw
 * HTML), and line breaks become spaces. */
void ms_escape_md_cell(FILE *out, const char *s);
/** One field of a line-oriented format: backslash, newline, CR and tab become \\ \n \r \t,
 * other controls \xNN, so every record stays on its own line. */
void ms_escape_line(FILE *out, const char *s);

#endif
