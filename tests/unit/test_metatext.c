/* The metadata texts of the MCP model (ms_facts.texts): descriptions, titles and parameter
 * descriptions found in Python, JavaScript and TypeScript, their owners, spans, and the
 * decoding of escapes that hide characters. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "lang/facts.h"
#include "util/xalloc.h"

static TSParser *parser;
static TSTree *tree;
static ms_facts facts;
static const char *source;
static bool keep_names;

void test_metatext__initialize(void) {
  parser = ts_parser_new();
  memset(&facts, 0, sizeof facts);
}

void test_metatext__cleanup(void) {
  ms_facts_dispose(&facts);
  if (tree) ts_tree_delete(tree);
  tree = NULL;
  ts_parser_delete(parser);
  parser = NULL;
}

static void extract(ms_lang_id lang, const char *src) {
  ms_facts_dispose(&facts);
  memset(&facts, 0, sizeof facts);
  if (tree) ts_tree_delete(tree);
  source = src;
  ts_parser_set_language(parser, ms_lang_get(lang)->ts_language());
  tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)strlen(src));
  ms_facts_extract(lang, ts_tree_root_node(tree), src, (uint32_t)strlen(src), &facts);
  /* Tool names are checked by names_are_texts_too; the other tests are about descriptions. */
  uint32_t keep = 0;
  for (uint32_t i = 0; i < facts.texts.len; i++) {
    ms_meta_text *t = &facts.texts.items[i];
    if (t->field == MS_META_NAME && !keep_names) {
      ms_free(t->owner);
      ms_free(t->param);
      ms_free(t->text);
    } else {
      facts.texts.items[keep++] = *t;
    }
  }
  facts.texts.len = keep;
}

/* "field owner/param: text" of text i, and the source its span covers. */
static const char *describe(uint32_t i) {
  static char buf[512];
  const ms_meta_text *t = &facts.texts.items[i];
  snprintf(buf, sizeof buf, "%s %s %s/%s: %s", ms_handler_kind_name(t->kind), ms_meta_field_name(t->field),
           t->owner ? t->owner : "-", t->param ? t->param : "-", t->text);
  return buf;
}

static const char *span(uint32_t i) {
  static char buf[256];
  const ms_meta_text *t = &facts.texts.items[i];
  snprintf(buf, sizeof buf, "%.*s", (int)(t->end_byte - t->start_byte), source + t->start_byte);
  return buf;
}

void test_metatext__python_handlers_fields_and_low_level(void) {
  extract(MS_LANG_PYTHON,
          "from typing import Annotated\n"
          "from pydantic import Field\n"
          "@mcp.tool(title='Adder')\n"
          "def add(a: int, b: Annotated[int, Field(description='second ' 'number')] = 0,\n"
          "        c: int = Field(default=1, description=\"third\")) -> int:\n"
          "    \"\"\"Add numbers.\"\"\"\n"
          "    return a + b\n"
          "@mcp.prompt(description=DESC)\n"
          "def p(): pass\n"
          "DESC = 'Prompt text'\n"
          "class Args(BaseModel):\n"
          "    path: str = Field(description='A path')\n"
          "@server.list_tools()\n"
          "async def list_tools():\n"
          "    return [types.Tool(name='read', description='Read it',\n"
          "        inputSchema={'type': 'object', 'properties': {'path': {'type': 'string', 'description': 'Where'}}})]\n"
          "Prompt(name='p2', description='P2', arguments=[PromptArgument(name='topic', description='About')])\n");
  MS_CHECK_INT(facts.texts.len, 10);
  MS_CHECK_STR(describe(0), "tool title add/-: Adder");
  MS_CHECK_STR(span(0), "'Adder'");
  MS_CHECK_STR(describe(1), "tool parameter add/b: second number");
  MS_CHECK_STR(span(1), "'second ' 'number'");
  MS_CHECK_STR(describe(2), "tool parameter add/c: third");
  MS_CHECK_STR(describe(3), "tool description add/-: Add numbers.");
  MS_CHECK_STR(span(3), "\"\"\"Add numbers.\"\"\"");
  MS_CHECK_STR(describe(4), "prompt description p/-: Prompt text");
  MS_CHECK_STR(span(4), "DESC");
  MS_CHECK_STR(describe(5), "tool parameter -/path: A path");
  MS_CHECK_STR(describe(6), "tool description read/-: Read it");
  MS_CHECK_STR(describe(7), "tool parameter read/path: Where");
  MS_CHECK_STR(describe(8), "prompt description p2/-: P2");
  MS_CHECK_STR(describe(9), "prompt parameter p2/topic: About");
}

void test_metatext__python_escapes_are_decoded(void) {
  extract(MS_LANG_PYTHON,
          "@mcp.tool()\n"
          "def t():\n"
          "    \"Add.\\u200b\\U000E0041\\N{ZERO WIDTH JOINER}\\N{tag latin small letter z}\\N{RLO}\\N{SNOWMAN}\"\n");
  MS_CHECK_INT(facts.texts.len, 1);
  MS_CHECK_STR(facts.texts.items[0].text,
               "Add.\xE2\x80\x8B\xF3\xA0\x81\x81\xE2\x80\x8D\xF3\xA0\x81\xBA\xE2\x80\xAE\\N{SNOWMAN}");
}

void test_metatext__js_registrations_zod_and_low_level(void) {
  extract(MS_LANG_TYPESCRIPT,
          "server.registerTool('read', { title: 'Reader', description: `Read ` + 'a file',\n"
          "  inputSchema: { path: z.string().min(1).describe('Absolute \\u{E0041}path') } }, async ({ path }) => ({}));\n"
          "server.tool('ls', 'List\\u200b', { dir: z.string().describe(\"Dir\") }, async ({ dir }) => ({}));\n"
          "const shape = z.object({ q: z.string().describe('Query') });\n"
          "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [\n"
          "  { name: 'raw', description: 'Raw tool', inputSchema: { type: 'object',\n"
          "    properties: { n: { type: 'number', description: 'Count' } } } },\n"
          "]}));\n"
          "const other = { name: 'x', description: 'not metadata' };\n"
          "it.describe('not zod');\n");
  MS_CHECK_INT(facts.texts.len, 8);
  MS_CHECK_STR(describe(0), "tool title read/-: Reader");
  MS_CHECK_STR(describe(1), "tool description read/-: Read a file");
  MS_CHECK_STR(span(1), "`Read ` + 'a file'");
  MS_CHECK_STR(describe(2), "tool parameter read/path: Absolute \xF3\xA0\x81\x81path");
  MS_CHECK_STR(describe(3), "tool description ls/-: List\xE2\x80\x8B");
  MS_CHECK_STR(describe(4), "tool parameter ls/dir: Dir");
  MS_CHECK_STR(describe(5), "tool parameter -/q: Query");
  MS_CHECK_STR(describe(6), "tool description raw/-: Raw tool");
  MS_CHECK_STR(describe(7), "tool parameter raw/n: Count");
}

/* ---- hidden characters (match/metadata.c) ------------------------------------------------ */

#include "match/metadata.h"

static const char *reveal(const char *s, uint32_t counts[MS_HIDDEN_COUNT]) {
  static char buf[256];
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  memset(counts, 0, MS_HIDDEN_COUNT * sizeof(uint32_t));
  ms_strbuf_put(&b, "", 0);
  ms_metadata__reveal(s, strlen(s), &b, counts);
  snprintf(buf, sizeof buf, "%s", ms_strbuf_cstr(&b));
  ms_strbuf_dispose(&b);
  return buf;
}

void test_metatext__hidden_characters_are_counted_and_removed(void) {
  uint32_t c[MS_HIDDEN_COUNT];
  /* zero-width space, word joiner, soft hyphen; RLO and an isolate; a variation selector
   * supplement character; tags spelling "Hi" */
  MS_CHECK_STR(reveal("a\xE2\x80\x8B" "b\xE2\x81\xA0" "c\xC2\xAD" "d\xE2\x80\xAE" "e\xE2\x81\xA6" "f\xF3\xA0\x84\x80" "g"
                      "\xF3\xA0\x81\x88\xF3\xA0\x81\xA9", c),
               "abcdefgHi");
  MS_CHECK_INT(c[MS_HIDDEN_ZERO_WIDTH], 3);
  MS_CHECK_INT(c[MS_HIDDEN_BIDI], 2);
  MS_CHECK_INT(c[MS_HIDDEN_VARIATION], 1);
  MS_CHECK_INT(c[MS_HIDDEN_TAGS], 2);
}

void test_metatext__emoji_joiners_and_plain_text_are_visible(void) {
  uint32_t c[MS_HIDDEN_COUNT];
  /* woman technologist (ZWJ sequence), a rainbow flag with VS16 + ZWJ, accented text */
  const char *s = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88 caf\xC3\xA9";
  MS_CHECK_STR(reveal(s, c), s);
  for (int k = 0; k < MS_HIDDEN_COUNT; k++) MS_CHECK_INT(c[k], 0);
  /* A joiner between letters, or at the end, is hidden. */
  MS_CHECK_STR(reveal("ab\xE2\x80\x8D" "c\xE2\x80\x8D", c), "abc");
  MS_CHECK_INT(c[MS_HIDDEN_ZERO_WIDTH], 2);
  /* Invalid UTF-8 is passed through, never read past the end. */
  MS_CHECK_STR(reveal("x\xE2\x80", c), "x\xE2\x80");
}

void test_metatext__text_reshaping_calls_and_dict_tools(void) {
  extract(MS_LANG_PYTHON,
          "import textwrap\n"
          "@mcp.tool(description=textwrap.dedent('''\\n    Line one.\\n    ''').strip())\n"
          "def a(): pass\n"
          "@mcp.tool(description=' '.join(['Joined', 'words']))\n"
          "def b(): pass\n"
          "@mcp.tool(description=make_description())\n"
          "def c(): pass\n"
          "TOOLS = [{'name': 'raw', 'description': 'Raw tool', 'inputSchema': {'properties': {'q': {'description': 'Query'}}}}]\n"
          "other = {'name': 'x', 'description': 'no schema: not a tool'}\n");
  MS_CHECK_INT(facts.texts.len, 4);
  MS_CHECK_STR(describe(0), "tool description a/-: \n    Line one.\n    ");
  MS_CHECK_STR(describe(1), "tool description b/-: Joined words");
  MS_CHECK_STR(describe(2), "tool description raw/-: Raw tool");
  MS_CHECK_STR(describe(3), "tool parameter raw/q: Query");

  extract(MS_LANG_JAVASCRIPT,
          "server.tool('a', ['One.', 'Two.'].join(' '), {}, async () => ({}));\n"
          "server.tool('b', dedent`  Tagged.`, {}, async () => ({}));\n"
          "server.tool('c', '  Trimmed.  '.trim(), {}, async () => ({}));\n"
          "server.tool('d', describe(), {}, async () => ({}));\n");
  MS_CHECK_INT(facts.texts.len, 3);
  MS_CHECK_STR(describe(0), "tool description a/-: One. Two.");
  MS_CHECK_STR(describe(1), "tool description b/-:   Tagged.");
  MS_CHECK_STR(describe(2), "tool description c/-:   Trimmed.  ");
}

/* Tool names are metadata texts too (field "name"), spanning the expression that names the
 * tool: a decorator's name= or the function's name, a registration's first argument, a
 * low-level Tool(name=...) or ListTools object. Resources and prompts are not included. */
void test_metatext__names_are_texts_too(void) {
  keep_names = true;
  extract(MS_LANG_PYTHON, "from mcp.server.fastmcp import FastMCP\n"
                          "mcp = FastMCP('x')\n"
                          "@mcp.tool(name='re\\u0430d')\n"
                          "def a() -> str:\n"
                          "    return ''\n"
                          "@mcp.tool()\n"
                          "def fetch_page() -> str:\n"
                          "    return ''\n"
                          "@mcp.prompt()\n"
                          "def review() -> str:\n"
                          "    return ''\n"
                          "T = types.Tool(name='mcp__github__create_issue', description='d', inputSchema={})\n");
  uint32_t names = 0;
  for (uint32_t i = 0; i < facts.texts.len; i++) {
    if (facts.texts.items[i].field != MS_META_NAME) continue;
    const char *want[] = {"tool name re\xD0\xB0" "d/-: re\xD0\xB0" "d ['re\\u0430d']", "tool name fetch_page/-: fetch_page [fetch_page]",
                          "tool name mcp__github__create_issue/-: mcp__github__create_issue ['mcp__github__create_issue']"};
    char got[1024];
    snprintf(got, sizeof got, "%s [%s]", describe(i), span(i));
    if (names < 3) MS_CHECK_STR(got, want[names]);
    names++;
  }
  MS_CHECK_INT(names, 3);
  extract(MS_LANG_JAVASCRIPT, "server.tool('run_sql', 'Run a query', {}, async () => ({}));\n"
                              "server.registerTool(NAME, { description: 'd' }, async () => ({}));\n"
                              "server.prompt('p', 'desc', async () => ({}));\n");
  names = 0;
  for (uint32_t i = 0; i < facts.texts.len; i++) names += facts.texts.items[i].field == MS_META_NAME;
  MS_CHECK_INT(names, 1); /* NAME has no known value; prompts have no name text */
  keep_names = false;
}
