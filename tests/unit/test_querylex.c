/* match/query_lex: the tokens of tree-sitter's query syntax that pattern_shape and query_dedup
 * read. A string or comment read too short or too long would move brackets in or out of a
 * pattern; these cases pin each token's end against what tree-sitter 0.20.7 reads. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "match/query_lex.h"

#define NONE MS_QUERY_LEX_NONE

/* Where a token starting at t[0] ends, over the whole of t. */
static uint32_t past(uint32_t (*fn)(const char *, uint32_t, uint32_t), const char *t) {
  return fn(t, 0, (uint32_t)strlen(t));
}

void test_querylex__blanks_are_tree_sitters_whitespace(void) {
  const char *blanks = " \t\n\r\f\v";
  for (const char *c = blanks; *c; c++) MS_CHECK(ms_query_lex_blank(*c));
  MS_CHECK(!ms_query_lex_blank(';')); /* a comment separates tokens, but is not a blank */
  MS_CHECK(!ms_query_lex_blank('\0'));
  MS_CHECK(!ms_query_lex_blank('_'));
  MS_CHECK_INT(past(ms_query_lex_past_space, " \t; a comment (\n\f\v; another\r\n(x"), 29);
  MS_CHECK_INT(past(ms_query_lex_past_space, "(x"), 0);
  MS_CHECK_INT(past(ms_query_lex_past_space, "  ; to the end"), 14);
}

void test_querylex__identifier_characters(void) {
  const char *yes = "azAZ09_-.?!";
  for (const char *c = yes; *c; c++) MS_CHECK(ms_query_lex_ident_char(*c));
  /* '/' only separates a supertype from its subtype; the rest end an identifier. */
  const char *no = "/:@#()[]\"; \n*+";
  for (const char *c = no; *c; c++) MS_CHECK(!ms_query_lex_ident_char(*c));
  MS_CHECK(!ms_query_lex_ident_char((char)0xC3)); /* a UTF-8 lead byte */
  MS_CHECK_INT(past(ms_query_lex_past_ident, "not-eq? @x"), 7);
  MS_CHECK_INT(past(ms_query_lex_past_ident, "fn/x"), 2); /* a capture name ends at '/' */
  MS_CHECK_INT(past(ms_query_lex_past_ident, "name:"), 4);
  MS_CHECK_INT(past(ms_query_lex_past_ident, "@x"), 0);
}

void test_querylex__node_types_and_supertype_paths(void) {
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "identifier)"), 10);
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "expression/identifier)"), 21);
  /* Blanks and comments may come before the '/', as tree-sitter skips them there. */
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "expression /identifier @x"), 22);
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "expression ; c\n/identifier)"), 26);
  /* Not after it: the '/' is left for the caller, which gives up on it. */
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "expression/ identifier)"), 10);
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "expression/"), 10);
  MS_CHECK_INT(past(ms_query_lex_past_node_type, "call (identifier)"), 4);
}

void test_querylex__strings(void) {
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"exec\" @x"), 6);
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"a\\\"b\" x"), 6);     /* "a\"b": an escaped quote */
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"a\\\\\" x\""), 5);    /* "a\\": an escaped backslash */
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"; ) ]\" x"), 7);      /* nothing is special inside */
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"unclosed"), NONE);
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"unclosed\\\""), NONE); /* its last quote is escaped */
  MS_CHECK_INT(past(ms_query_lex_past_string, "\"ends in \\"), NONE);
  /* Only t[i..n) is read: a quote past n does not close the string. */
  MS_CHECK_INT(ms_query_lex_past_string("\"ab\"", 0, 3), NONE);
}

void test_querylex__comments(void) {
  MS_CHECK_INT(past(ms_query_lex_past_comment, "; a (comment) \"\n(x)"), 15); /* stops at the newline */
  MS_CHECK_INT(past(ms_query_lex_past_comment, "; to the end ("), 14);
  MS_CHECK_INT(ms_query_lex_past_comment("(a) ; c\n", 4, 8), 7); /* from the middle of a text */
}

void test_querylex__groups(void) {
  MS_CHECK_INT(past(ms_query_lex_past_group, "(call) @x"), 6);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a (b [c (d)]) e) (f)"), 17); /* nested, both kinds */
  MS_CHECK_INT(past(ms_query_lex_past_group, "[(a) \"]\" (b)] @x"), 13);
  /* Brackets inside strings and comments do not count... */
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a \")\" b) x"), 9);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a ; b)\n c) x"), 11);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a ; (\n c) x"), 10);
  /* ...nor does a ';' inside a string start a comment, nor a '"' inside a comment a string. */
  MS_CHECK_INT(past(ms_query_lex_past_group, "(#eq? @x \";\") (y)"), 13);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a ; don't \"\n) x"), 14);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(#eq? @x \"a\\\")\") y"), 16); /* an escaped quote */
  /* Unclosed: by a bracket, by a string, or because the closing one is commented out. */
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a (b)"), NONE);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a \"b)"), NONE);
  MS_CHECK_INT(past(ms_query_lex_past_group, "(a ; b)"), NONE);
  MS_CHECK_INT(ms_query_lex_past_group("(a) b", 0, 2), NONE); /* only t[i..n) is read */
}
