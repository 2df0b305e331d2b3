/* The language table: the only list of languages. Adding a language is one entry here (plus
 * its grammar in CMakeLists.txt). Text languages (JSON, YAML, .env) have no grammar: only
 * text matchers (regex, secrets) run on them. */
#include "lang/lang.h"

#include <string.h>
#include <strings.h>

#include "util/path.h"

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

static const char *const py_ext[] = {"py", "pyi", "pyw", NULL};
static const char *const js_ext[] = {"js", "mjs", "cjs", "jsx", NULL};
static const char *const ts_ext[] = {"ts", "mts", "cts", NULL};
static const char *const tsx_ext[] = {"tsx", NULL};
static const char *const json_ext[] = {"json", "jsonc", NULL};
static const char *const yaml_ext[] = {"yaml", "yml", NULL};
static const char *const env_ext[] = {"env", NULL};

static const ms_language languages[MS_LANG_COUNT] = {
    [MS_LANG_PYTHON] = {MS_LANG_PYTHON, "python", py_ext, tree_sitter_python},
    [MS_LANG_JAVASCRIPT] = {MS_LANG_JAVASCRIPT, "javascript", js_ext, tree_sitter_javascript},
    [MS_LANG_TYPESCRIPT] = {MS_LANG_TYPESCRIPT, "typescript", ts_ext, tree_sitter_typescript},
    [MS_LANG_TSX] = {MS_LANG_TSX, "tsx", tsx_ext, tree_sitter_tsx},
    [MS_LANG_JSON] = {MS_LANG_JSON, "json", json_ext, NULL},
    [MS_LANG_YAML] = {MS_LANG_YAML, "yaml", yaml_ext, NULL},
    [MS_LANG_DOTENV] = {MS_LANG_DOTENV, "dotenv", env_ext, NULL},
};

const ms_language *ms_lang_get(ms_lang_id id) {
  return (unsigned)id < MS_LANG_COUNT ? &languages[id] : NULL;
}

ms_lang_id ms_lang_by_name(const char *name) {
  for (int i = 0; i < MS_LANG_COUNT; i++)
    if (strcmp(languages[i].name, name) == 0) return (ms_lang_id)i;
  return MS_LANG_NONE;
}

bool ms_lang_needs_head(const char *path) {
  const char *base = ms_path_basename(path);
  return strchr(base, '.') == NULL;
}

/* TypeScript's own test (isDeclarationFileName): `.d.ts`, `.d.mts`, `.d.cts`, or a `.ts` name
 * with `.d.` in it (`styles.d.css.ts`, declarations for an arbitrary extension). Python: `.pyi`,
 * which the interpreter never imports. */
bool ms_lang_is_declaration_file(const char *path) {
  const char *base = ms_path_basename(path);
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".pyi") == 0) return true;
  static const char *const ends[] = {".d.ts", ".d.mts", ".d.cts"};
  for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
    size_t e = strlen(ends[i]);
    if (n > e && strcmp(base + n - e, ends[i]) == 0) return true;
  }
  if (n > 3 && strcmp(base + n - 3, ".ts") == 0) {
    const char *d = strstr(base + 1, ".d.");
    return d != NULL && d < base + n - 3;
  }
  return false;
}

/* `.env`, `.env.local`, `prod.env`, `.env.production`: dotenv files. */
static bool is_dotenv(const char *base) {
  return strcmp(base, ".env") == 0 || strncmp(base, ".env.", 5) == 0;
}

static ms_lang_id from_shebang(const char *head, size_t len) {
  if (len < 3 || head[0] != '#' || head[1] != '!') return MS_LANG_NONE;
  const char *nl = memchr(head, '\n', len);
  size_t line = nl ? (size_t)(nl - head) : len;
  /* The interpreter is the last path component of the first word, or the word after env. */
  char buf[256];
  if (line >= sizeof buf) line = sizeof buf - 1;
  memcpy(buf, head + 2, line - 2);
  buf[line - 2] = '\0';
  if (strstr(buf, "python")) return MS_LANG_PYTHON;
  if (strstr(buf, "node") || strstr(buf, "deno") || strstr(buf, "bun")) return MS_LANG_JAVASCRIPT;
  return MS_LANG_NONE;
}

ms_lang_id ms_lang_detect(const char *path, const char *head, size_t head_len) {
  const char *base = ms_path_basename(path);
  if (is_dotenv(base)) return MS_LANG_DOTENV;
  const char *dot = strrchr(base, '.');
  if (dot == NULL || dot == base) return head ? from_shebang(head, head_len) : MS_LANG_NONE;
  const char *ext = dot + 1;
  for (int i = 0; i < MS_LANG_COUNT; i++)
    for (const char *const *e = languages[i].extensions; *e; e++)
      if (strcasecmp(*e, ext) == 0) return (ms_lang_id)i;
  return MS_LANG_NONE;
}

ms_status ms_lang_check_abi(ms_error *err) {
  ms_status st = MS_OK;
  TSParser *parser = ts_parser_new();
  for (int i = 0; i < MS_LANG_PARSED_COUNT && st == MS_OK; i++) {
    const TSLanguage *lang = languages[i].ts_language();
    uint32_t v = ts_language_version(lang);
    /* The runtime's own check is the authority; the version numbers make the message. */
    if (!ts_parser_set_language(parser, lang))
      st = ms_error_set(err, MS_ERR, NULL, 0, 0,
                        "the %s grammar has ABI version %u, but this tree-sitter runtime accepts %u to %u; "
                        "rebuild with grammar releases of a compatible ABI",
                        languages[i].name, v, (unsigned)TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
                        (unsigned)TREE_SITTER_LANGUAGE_VERSION);
  }
  ts_parser_delete(parser);
  return st;
}
