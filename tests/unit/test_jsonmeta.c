/* Metadata texts of JSON manifests (lang/json_facts.c): tool, prompt and resource lists, JSON
 * schema descriptions, escapes, JSONC comments, and input that is not JSON or nests too deep. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "lang/facts.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static ms_facts facts;
static const char *source;

void test_jsonmeta__initialize(void) { memset(&facts, 0, sizeof facts); }

void test_jsonmeta__cleanup(void) { ms_facts_dispose(&facts); }

static uint32_t extract(const char *src) {
  ms_facts_dispose(&facts);
  memset(&facts, 0, sizeof facts);
  source = src;
  ms_facts_extract(MS_LANG_JSON, (TSNode){0}, src, (uint32_t)strlen(src), &facts);
  return facts.texts.len;
}

/* "kind field owner/param: text [source of the span]" of text i. */
static const char *describe(uint32_t i) {
  static char buf[512];
  const ms_meta_text *t = &facts.texts.items[i];
  snprintf(buf, sizeof buf, "%s %s %s/%s: %s [%.*s]", ms_handler_kind_name(t->kind), ms_meta_field_name(t->field),
           t->owner ? t->owner : "-", t->param ? t->param : "-", t->text, (int)(t->end_byte - t->start_byte),
           source + t->start_byte);
  return buf;
}

void test_jsonmeta__manifest_lists(void) {
  const char *src = "// a bundle manifest\n"
                    "{ \"name\": \"x\", \"description\": \"not a tool\",\n"
                    "  \"tools\": [\n"
                    "    { \"name\": \"a\", \"description\": \"A\\u200b \\\"q\\\" \\uDB40\\uDC41\", /* c */\n"
                    "      \"annotations\": { \"title\": \"T\" },\n"
                    "      \"inputSchema\": { \"type\": \"object\", \"properties\": {\n"
                    "        \"p\": { \"type\": \"array\", \"description\": \"P\", \"items\": { \"description\": \"I\" } } } } },\n"
                    "    { \"description\": \"no name\" },\n"
                    "    \"not an object\",\n"
                    "  ],\n"
                    "  \"prompts\": [ { \"name\": \"pr\", \"title\": \"PT\", \"arguments\": [ { \"name\": \"g\", \"description\": \"G\" } ] } ],\n"
                    "  \"resources\": [ { \"name\": \"r\", \"uri\": \"x://r\", \"description\": \"R\" } ]\n"
                    "}\n";
  MS_CHECK_INT(extract(src), 8);
  MS_CHECK_STR(describe(0), "tool name a/-: a [\"a\"]");
  MS_CHECK_STR(describe(1), "tool description a/-: A\xE2\x80\x8B \"q\" \xF3\xA0\x81\x81 "
                            "[\"A\\u200b \\\"q\\\" \\uDB40\\uDC41\"]");
  MS_CHECK_STR(describe(2), "tool title a/-: T [\"T\"]");
  MS_CHECK_STR(describe(3), "tool parameter a/p: P [\"P\"]");
  MS_CHECK_STR(describe(4), "tool parameter a/p: I [\"I\"]");
  MS_CHECK_STR(describe(5), "prompt title pr/-: PT [\"PT\"]");
  MS_CHECK_STR(describe(6), "prompt parameter pr/g: G [\"G\"]");
  MS_CHECK_STR(describe(7), "resource description r/-: R [\"R\"]");
}

void test_jsonmeta__not_json_gives_nothing(void) {
  MS_CHECK_INT(extract("{ \"tools\": [ { \"name\": \"a\", \"description\": \"A\" } ]"), 0); /* truncated */
  MS_CHECK_INT(extract("{ \"tools\": [ { \"name\": \"a\", \"description\": \"A\" } ] } x"), 0);
  MS_CHECK_INT(extract("tools: [a]"), 0);
  MS_CHECK_INT(extract(""), 0);
  MS_CHECK_INT(extract("{ \"tools\": [ { \"name\": \"a\", \"description\": \"A\\u12\" } ] }"), 2); /* bad escape kept */
  /* Deep nesting stops the reader (bounded recursion), whatever the input's depth. */
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  ms_strbuf_puts(&b, "{ \"tools\": [ { \"name\": \"a\", \"description\": \"A\", \"x\": ");
  for (int i = 0; i < 100000; i++) ms_strbuf_putc(&b, '[');
  for (int i = 0; i < 100000; i++) ms_strbuf_putc(&b, ']');
  ms_strbuf_puts(&b, " } ] }");
  MS_CHECK_INT(extract(b.ptr), 0);
  ms_strbuf_dispose(&b);
}
