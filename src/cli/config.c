/* The configuration: one table of keys, a libyaml loader that reports FILE:LINE:COL, the
 * environment and the template of `mcp-sentinel init`. See config.h and
 * docs/configuration.md. Adding a key is one row in `keys` (plus its field in
 * ms_cli_options when new). */
#include "cli/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/yamldoc.h"

#define MAX_CONFIG_BYTES (1u << 20)

typedef enum key_type {
  K_SEVERITY,   /* ms_severity */
  K_EXIT_CODE,  /* int, 0..255 */
  K_JOBS,       /* uint32_t, 1..256 */
  K_SECONDS,    /* double, whole seconds 1..604800 */
  K_SIZE,       /* uint64_t, "2MiB" */
  K_BOOL,       /* bool */
  K_NOT_BOOL,   /* bool holding the negation ("ignore_files: false" sets no_ignore) */
  K_COLOR,      /* ms_color_mode */
  K_CATEGORY,   /* char *, SARIF category */
  K_LIST,       /* ms_string_list */
  K_PATH_LIST,  /* ms_string_list of paths, relative to the config file */
  K_RULE_LIST,  /* ms_string_list that the command line's --rule replaces */
  K_OUTPUTS,    /* list of {format, file} */
  K_SEVERITY_MAP, /* rule id -> severity, stored as "id=SEVERITY" */
  K_SUPPRESSIONS, /* list of {rule, path, reason} */
  K_PATH,       /* char *, a path relative to the config file (to the cwd from the environment) */
  K_FRACTION_SECONDS, /* double, seconds with decimals, 0 = none */
} key_type;

typedef struct key_def {
  const char *name;     /* dotted: "exit_codes.critical" is `critical` under `exit_codes:` */
  key_type type;
  size_t offset;        /* in ms_cli_options */
  const char *env;      /* variable, or NULL for structured keys */
  const char *flag;     /* the command-line equivalent, or NULL */
  const char *def;      /* the default, as documented */
  const char *example;  /* a valid value for the template; starting with '\n': a block */
  const char *help;
} key_def;

#define AT(field) offsetof(ms_cli_options, field)

static const key_def keys[] = {
    {"severity_threshold", K_SEVERITY, AT(threshold), "MCP_SENTINEL_SEVERITY_THRESHOLD", "--severity-threshold",
     "LOW", "MEDIUM", "report and fail on findings at or above this severity (CRITICAL, HIGH, MEDIUM, LOW, INFO)"},
    {"exit_codes.critical", K_EXIT_CODE, AT(exit_code_on[MS_SEV_CRITICAL]), "MCP_SENTINEL_EXIT_CODE_ON_CRITICAL",
     "--exit-code-on-critical", "3", "3", "exit code when the most severe finding is CRITICAL (0 to 255)"},
    {"exit_codes.high", K_EXIT_CODE, AT(exit_code_on[MS_SEV_HIGH]), "MCP_SENTINEL_EXIT_CODE_ON_HIGH",
     "--exit-code-on-high", "4", "4", "exit code when the most severe finding is HIGH"},
    {"exit_codes.medium", K_EXIT_CODE, AT(exit_code_on[MS_SEV_MEDIUM]), "MCP_SENTINEL_EXIT_CODE_ON_MEDIUM",
     "--exit-code-on-medium", "5", "5", "exit code when the most severe finding is MEDIUM"},
    {"exit_codes.low", K_EXIT_CODE, AT(exit_code_on[MS_SEV_LOW]), "MCP_SENTINEL_EXIT_CODE_ON_LOW", "--exit-code-on-low",
     "6", "6", "exit code when the most severe finding is LOW"},
    {"max_concurrent_files", K_JOBS, AT(jobs), "MCP_SENTINEL_MAX_CONCURRENT_FILES", "-j, --max-concurrent-files",
     "number of CPUs", "4", "worker threads (1 to 256)"},
    {"timeout", K_SECONDS, AT(timeout), "MCP_SENTINEL_TIMEOUT", "--timeout", "none", "600",
     "stop the scan after this many seconds: partial report, exit code 7"},
    {"max_file_size", K_SIZE, AT(max_file_size), "MCP_SENTINEL_MAX_FILE_SIZE", "--max-file-size", "2MiB", "2MiB",
     "skip larger files (2MiB, 500KB, 1048576)"},
    {"exclude_dirs", K_LIST, AT(exclude_dirs), "MCP_SENTINEL_EXCLUDE_DIRS", "--exclude-dir", "[]",
     "[vendor, third_party]", "directory names (globs) to skip, besides .git, node_modules, dist, build, ..."},
    {"exclude_patterns", K_LIST, AT(exclude_patterns), "MCP_SENTINEL_EXCLUDE_PATTERNS", "--exclude-pattern", "[]",
     "[\"*.generated.js\"]", "file-name globs to skip, besides *.min.js and *.bundle.js"},
    {"ignore_files", K_NOT_BOOL, AT(no_ignore), "MCP_SENTINEL_IGNORE_FILES", "--no-ignore", "true", "true",
     "honour .gitignore, .git/info/exclude and .mcp-sentinelignore"},
    {"rules.dirs", K_PATH_LIST, AT(rule_dirs), "MCP_SENTINEL_RULES_DIRS", "--rules", "[]", "[security-rules]",
     "directories of extra YAML rules (relative to this file)"},
    {"rules.enable", K_RULE_LIST, AT(only_rules), "MCP_SENTINEL_RULES_ENABLE", "--rule", "all rules",
     "[\"py-*\", CWE-78]", "run only these rules: ids, globs over ids (py-*) or CWE-N"},
    {"rules.disable", K_LIST, AT(disabled_rules), "MCP_SENTINEL_RULES_DISABLE", "--disable-rule", "[]",
     "[py-eval-exec]", "never run these rules: ids, globs or CWE-N"},
    {"severity_overrides", K_SEVERITY_MAP, AT(severity_overrides), NULL, NULL, "{}", "\npy-eval-exec: MEDIUM",
     "rule id: severity; applies to findings and to the reported rule metadata"},
    {"suppressions", K_SUPPRESSIONS, AT(config_suppressions), NULL, NULL, "[]",
     "\n- rule: py-eval-exec\n  path: tests/\n  reason: the fixtures evaluate trusted expressions",
     "findings to suppress: rule (id or glob), path (gitignore-style glob, relative to this file), reason"},
    {"inline_suppressions", K_NOT_BOOL, AT(no_inline_suppressions), "MCP_SENTINEL_INLINE_SUPPRESSIONS",
     "--no-inline-suppressions", "true", "true", "honour inline suppression comments (docs/suppressions.md)"},
    {"require_suppression_rule_id", K_BOOL, AT(require_rule_id), "MCP_SENTINEL_REQUIRE_SUPPRESSION_RULE_ID", NULL,
     "true", "true", "an inline suppression must name its rules; `ignore` without [RULE-ID] is not honoured"},
    {"honor_nosec", K_BOOL, AT(honor_nosec), "MCP_SENTINEL_HONOR_NOSEC", "--honor-nosec", "false", "false",
     "Python `# nosec` comments suppress the findings on their line"},
    {"report_unused_suppressions", K_BOOL, AT(report_unused_suppressions), "MCP_SENTINEL_REPORT_UNUSED_SUPPRESSIONS",
     "--report-unused-suppressions", "false", "true", "report suppressions that suppress nothing"},
    {"output", K_OUTPUTS, AT(outputs), NULL, "--output, --output-file", "terminal on standard output",
     "\n- format: terminal\n- format: sarif\n  file: mcp-sentinel.sarif",
     "reports: format (terminal, json, sarif) and file (relative to this file; none: standard output)"},
    {"color", K_COLOR, AT(color), "MCP_SENTINEL_COLOR", "--color", "auto", "auto",
     "colours in terminal output: auto, always or never"},
    {"inventory", K_BOOL, AT(inventory), "MCP_SENTINEL_INVENTORY", "--inventory", "false", "false",
     "terminal: also list the MCP tools, resources, prompts and transports found"},
    {"verbose", K_BOOL, AT(verbose), "MCP_SENTINEL_VERBOSE", "-v, --verbose", "false", "false",
     "terminal: also list the files that ignore files skipped"},
    {"sarif.category", K_CATEGORY, AT(sarif_category), "MCP_SENTINEL_SARIF_CATEGORY", "--sarif-category",
     "mcp-sentinel", "mcp-sentinel", "the SARIF run's category (automationDetails.id), one per analysis"},
    {"sarif.include_suppressed", K_BOOL, AT(include_suppressed), "MCP_SENTINEL_SARIF_INCLUDE_SUPPRESSED",
     "--include-suppressed", "false", "false", "SARIF: keep suppressed results, with `suppressions` objects"},
    {"cache.enabled", K_NOT_BOOL, AT(no_cache), "MCP_SENTINEL_CACHE", "--no-cache", "true", "true",
     "reuse per-file results from the result cache (docs/cache.md)"},
    {"cache.dir", K_PATH, AT(cache_dir), "MCP_SENTINEL_CACHE_DIR", "--cache-dir", ".mcp-sentinel-cache",
     ".mcp-sentinel-cache", "where the result cache lives (relative to this file)"},
    {"cache.max_size", K_SIZE, AT(cache_max_size), "MCP_SENTINEL_CACHE_MAX_SIZE", "--cache-max-size", "256MiB",
     "256MiB", "the cache's size bound; the least recently used entries are evicted past it"},
    {"file_timeout", K_FRACTION_SECONDS, AT(file_timeout), "MCP_SENTINEL_FILE_TIMEOUT", "--file-timeout", "60", "60",
     "seconds one file may take; past it the file is skipped (reason `timeout`), 0 = no limit"},
    {"memory_limit", K_SIZE, AT(memory_limit), "MCP_SENTINEL_MEMORY_LIMIT", "--memory-limit", "none", "1GiB",
     "bound the process's memory: files that cannot fit are skipped (reason `memory-limit`)"},
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const key_def *find_key(const char *name) {
  for (size_t i = 0; i < NKEYS; i++)
    if (strcmp(keys[i].name, name) == 0) return &keys[i];
  return NULL;
}

static bool is_section(const char *name) {
  size_t n = strlen(name);
  for (size_t i = 0; i < NKEYS; i++)
    if (strncmp(keys[i].name, name, n) == 0 && keys[i].name[n] == '.') return true;
  return false;
}

#define FIELD(o, d, T) ((T *)(void *)((char *)(o) + (d)->offset))

/* ---- scalar values (shared by the file and the environment) ------------------------------ */

static char *resolve(const char *dir, const char *path) {
  return dir && path[0] != '/' ? ms_path_join(dir, path) : ms_xstrdup(path);
}

static bool parse_bool(const char *s, bool *out) {
  if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcmp(s, "yes") == 0) *out = true;
  else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0 || strcmp(s, "no") == 0) *out = false;
  else return false;
  return true;
}

/* Sets a scalar-typed key; NULL on success, else what was expected. */
static const char *set_scalar(const key_def *d, ms_cli_options *o, const char *v, const char *dir) {
  unsigned long n;
  bool b;
  switch (d->type) {
    case K_SEVERITY:
      return ms_severity_parse(v, FIELD(o, d, ms_severity)) ? NULL : "CRITICAL, HIGH, MEDIUM, LOW or INFO";
    case K_EXIT_CODE:
      if (!ms_options_parse_uint(v, 255, &n)) return "0 to 255";
      *FIELD(o, d, int) = (int)n;
      return NULL;
    case K_JOBS:
      if (!ms_options_parse_uint(v, 256, &n) || n == 0) return "1 to 256";
      *FIELD(o, d, uint32_t) = (uint32_t)n;
      return NULL;
    case K_SECONDS:
      if (!ms_options_parse_uint(v, 86400 * 7, &n) || n == 0) return "whole seconds, 1 or more";
      *FIELD(o, d, double) = (double)n;
      return NULL;
    case K_SIZE:
      return ms_options_parse_size(v, FIELD(o, d, uint64_t)) ? NULL : "a size such as 2MiB, 500KB or 1048576";
    case K_BOOL:
    case K_NOT_BOOL:
      if (!parse_bool(v, &b)) return "true or false";
      *FIELD(o, d, bool) = d->type == K_BOOL ? b : !b;
      return NULL;
    case K_COLOR:
      return ms_options_parse_color(v, FIELD(o, d, ms_color_mode)) ? NULL : "auto, always or never";
    case K_CATEGORY:
      if (!ms_options_valid_category(v)) return "a non-empty name of printable characters";
      ms_free(*FIELD(o, d, char *));
      *FIELD(o, d, char *) = ms_xstrdup(v);
      return NULL;
    case K_PATH:
      if (v[0] == '\0') return "a path";
      ms_free(*FIELD(o, d, char *));
      *FIELD(o, d, char *) = resolve(dir, v);
      return NULL;
    case K_FRACTION_SECONDS: {
      char *end = NULL;
      double x = strtod(v, &end);
      if (end == v || *end != '\0' || !(x >= 0 && x <= 86400)) return "seconds, e.g. 30 or 0.5 (0 = no limit)";
      *FIELD(o, d, double) = x;
      return NULL;
    }
    default:
      return "a structured value";
  }
}

static bool is_list(key_type t) { return t == K_LIST || t == K_PATH_LIST || t == K_RULE_LIST; }

/* A list key's new value replaces the one from a lower layer. */
static void list_reset(const key_def *d, ms_cli_options *o) {
  ms_string_list_dispose(FIELD(o, d, ms_string_list));
  if (d->type == K_RULE_LIST) o->only_rules_from_config = true;
}

static void list_add(const key_def *d, ms_cli_options *o, const char *dir, const char *v) {
  ms_array_push(FIELD(o, d, ms_string_list), d->type == K_PATH_LIST ? resolve(dir, v) : ms_xstrdup(v));
}

/* ---- the file ------------------------------------------------------------------------------ */

typedef struct loader {
  yaml_document_t *doc;
  const char *path;
  const char *dir;     /* the file's directory, for relative paths */
  char *dir_real;      /* resolved, for suppression paths (lazily) */
  ms_cli_options *o;
  ms_error *err;
  bool seen[NKEYS];
} loader;

static ms_status fail_at(loader *l, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static ms_status fail_at(loader *l, const yaml_node_t *n, const char *fmt, ...) {
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  va_list ap;
  va_start(ap, fmt);
  ms_strbuf_vprintf(&b, fmt, ap);
  va_end(ap);
  ms_status st = ms_error_set(l->err, MS_EPARSE, l->path, (uint32_t)n->start_mark.line + 1,
                              (uint32_t)n->start_mark.column + 1, "%s", ms_strbuf_cstr(&b));
  ms_strbuf_dispose(&b);
  return st;
}

static const char *scalar(const yaml_node_t *n) {
  return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A plain empty scalar is YAML's null ("key:" with nothing after it). */
static bool is_null(const yaml_node_t *n) {
  const char *s = scalar(n);
  return s && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
         (s[0] == '\0' || strcmp(s, "null") == 0 || strcmp(s, "~") == 0);
}

static ms_status string_of(loader *l, const yaml_node_t *n, const char *what, const char **out) {
  const char *s = scalar(n);
  if (s == NULL || is_null(n) || s[0] == '\0') return fail_at(l, n, "'%s' must be a non-empty string", what);
  if (strlen(s) != n->data.scalar.length) return fail_at(l, n, "'%s' contains a NUL byte", what);
  *out = s;
  return MS_OK;
}

#define ITEMS(n) for (yaml_node_item_t *it = (n)->data.sequence.items.start; it < (n)->data.sequence.items.top; it++)
#define PAIRS(n) for (yaml_node_pair_t *pr = (n)->data.mapping.pairs.start; pr < (n)->data.mapping.pairs.top; pr++)

static ms_status load_list(loader *l, const key_def *d, const yaml_node_t *v) {
  list_reset(d, l->o);
  if (v->type == YAML_SCALAR_NODE) { /* one item */
    const char *s;
    ms_status st = string_of(l, v, d->name, &s);
    if (st == MS_OK) list_add(d, l->o, l->dir, s);
    return st;
  }
  if (v->type != YAML_SEQUENCE_NODE) return fail_at(l, v, "'%s' must be a list of strings", d->name);
  ITEMS(v) {
    const char *s;
    ms_status st = string_of(l, yaml_document_get_node(l->doc, *it), d->name, &s);
    if (st < 0) return st;
    list_add(d, l->o, l->dir, s);
  }
  return MS_OK;
}

/* The fields of one mapping item of a list ({format, file}, {rule, path, reason}): each name
 * at most once, no others. */
static ms_status record_fields(loader *l, const key_def *d, const yaml_node_t *m, const char *const *names,
                               const char **values, size_t n) {
  if (m->type != YAML_MAPPING_NODE) return fail_at(l, m, "each item of '%s' must be a mapping", d->name);
  for (size_t i = 0; i < n; i++) values[i] = NULL;
  PAIRS(m) {
    const yaml_node_t *k = yaml_document_get_node(l->doc, pr->key);
    const yaml_node_t *v = yaml_document_get_node(l->doc, pr->value);
    const char *key = scalar(k);
    size_t i = 0;
    while (i < n && !(key && strcmp(key, names[i]) == 0)) i++;
    if (i == n) return fail_at(l, k, "unknown key '%s' in '%s'", key ? key : "?", d->name);
    if (values[i]) return fail_at(l, k, "duplicate key '%s'", key);
    ms_status st = string_of(l, v, names[i], &values[i]);
    if (st < 0) return st;
  }
  return MS_OK;
}

static ms_status load_outputs(loader *l, const key_def *d, const yaml_node_t *v) {
  static const char *const names[] = {"format", "file"};
  if (v->type != YAML_SEQUENCE_NODE) return fail_at(l, v, "'%s' must be a list of {format, file}", d->name);
  ms_cli_options *o = l->o;
  for (uint32_t i = 0; i < o->outputs.len; i++) {
    ms_free(o->outputs.items[i].format);
    ms_free(o->outputs.items[i].file);
  }
  ms_array_clear(&o->outputs);
  ITEMS(v) {
    const yaml_node_t *m = yaml_document_get_node(l->doc, *it);
    const char *val[2];
    ms_status st = record_fields(l, d, m, names, val, 2);
    if (st < 0) return st;
    if (val[0] == NULL) return fail_at(l, m, "an output needs a 'format'");
    if (ms_report_find(val[0]) == NULL)
      return fail_at(l, m, "unknown output format '%s' (supported: %s)", val[0], ms_report_names());
    ms_array_push(&o->outputs, ((ms_output_spec){ms_xstrdup(val[0]), val[1] ? resolve(l->dir, val[1]) : NULL}));
  }
  o->outputs_from_config = true;
  return MS_OK;
}

static ms_status load_severity_map(loader *l, const key_def *d, const yaml_node_t *v) {
  if (v->type != YAML_MAPPING_NODE) return fail_at(l, v, "'%s' must map rule ids to severities", d->name);
  PAIRS(v) {
    const yaml_node_t *k = yaml_document_get_node(l->doc, pr->key);
    const yaml_node_t *val = yaml_document_get_node(l->doc, pr->value);
    const char *id, *sev_name = scalar(val);
    ms_status st = string_of(l, k, "rule id", &id);
    if (st < 0) return st;
    ms_severity sev;
    if (sev_name == NULL || !ms_severity_parse(sev_name, &sev))
      return fail_at(l, val, "invalid severity '%s' for '%s' (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)",
                     sev_name ? sev_name : "?", id);
    ms_array_push(&l->o->severity_overrides, ms_xasprintf("%s=%s", id, ms_severity_name(sev)));
  }
  return MS_OK;
}

static ms_status load_suppressions(loader *l, const key_def *d, const yaml_node_t *v) {
  static const char *const names[] = {"rule", "path", "reason"};
  if (v->type != YAML_SEQUENCE_NODE) return fail_at(l, v, "'%s' must be a list of {rule, path, reason}", d->name);
  if (l->dir_real == NULL) {
    l->dir_real = realpath(l->dir ? l->dir : ".", NULL);
    if (l->dir_real == NULL) return fail_at(l, v, "cannot resolve the configuration's directory: %s", strerror(errno));
  }
  ITEMS(v) {
    const yaml_node_t *m = yaml_document_get_node(l->doc, *it);
    const char *val[3];
    ms_status st = record_fields(l, d, m, names, val, 3);
    if (st < 0) return st;
    for (int i = 0; i < 3; i++)
      if (val[i] == NULL) return fail_at(l, m, "a suppression needs '%s' (rule, path and reason)", names[i]);
    ms_config_suppression cs = {ms_xstrdup(val[0]), ms_xstrdup(val[1]), ms_xstrdup(l->dir_real), ms_xstrdup(val[2]),
                                ms_xstrdup(l->path), (uint32_t)m->start_mark.line + 1};
    ms_array_push(&l->o->config_suppressions, cs);
  }
  return MS_OK;
}

static ms_status load_value(loader *l, const key_def *d, const yaml_node_t *v) {
  if (is_list(d->type)) return load_list(l, d, v);
  switch (d->type) {
    case K_OUTPUTS: return load_outputs(l, d, v);
    case K_SEVERITY_MAP: return load_severity_map(l, d, v);
    case K_SUPPRESSIONS: return load_suppressions(l, d, v);
    default: break;
  }
  const char *s = scalar(v);
  if (s == NULL || is_null(v)) return fail_at(l, v, "'%s' needs a value", d->name);
  const char *expected = set_scalar(d, l->o, s, l->dir);
  if (expected) return fail_at(l, v, "invalid value '%s' for '%s' (expected %s)", s, d->name, expected);
  return MS_OK;
}

static ms_status load_map(loader *l, const yaml_node_t *map, const char *prefix) {
  PAIRS(map) {
    const yaml_node_t *k = yaml_document_get_node(l->doc, pr->key);
    const yaml_node_t *v = yaml_document_get_node(l->doc, pr->value);
    const char *key = scalar(k);
    if (key == NULL) return fail_at(l, k, "keys must be strings");
    char *full = prefix ? ms_xasprintf("%s.%s", prefix, key) : ms_xstrdup(key);
    const key_def *d = find_key(full);
    ms_status st = MS_OK;
    if (d) {
      size_t i = (size_t)(d - keys);
      if (l->seen[i]) st = fail_at(l, k, "duplicate key '%s'", full);
      l->seen[i] = true;
      if (st == MS_OK) st = load_value(l, d, v);
    } else if (is_section(full)) {
      if (v->type == YAML_MAPPING_NODE) st = load_map(l, v, full);
      else if (!is_null(v)) st = fail_at(l, v, "'%s' must be a mapping", full);
    } else {
      st = fail_at(l, k, "unknown key '%s' (the keys are listed in docs/configuration.md)", full);
    }
    ms_free(full);
    if (st < 0) return st;
  }
  return MS_OK;
}

ms_status ms_config__load_text(ms_cli_options *o, const char *path, const char *dir, const char *text, size_t len,
                               ms_error *err) {
  yaml_document_t doc;
  bool have_doc = false;
  loader l = {&doc, path, dir, NULL, o, err, {false}};
  ms_status st = ms_yamldoc_load(&doc, path, text, len, err);
  if (st < 0) goto cleanup;
  have_doc = true;
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (root == NULL || is_null(root)) goto cleanup; /* empty, or only comments: nothing set */
  if (root->type != YAML_MAPPING_NODE) {
    st = fail_at(&l, root, "a configuration file must be a mapping of keys (see docs/configuration.md)");
    goto cleanup;
  }
  st = load_map(&l, root, NULL);

cleanup:
  if (have_doc) yaml_document_delete(&doc);
  free(l.dir_real); /* from libc's realpath */
  return st;
}

ms_status ms_config_load(ms_cli_options *o, const char *path, ms_error *err) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return ms_error_set(err, errno == ENOENT ? MS_ENOTFOUND : MS_EIO, path, 0, 0, "cannot read the configuration: %s",
                        strerror(errno));
  ms_strbuf b = MS_STRBUF_INIT(MAX_CONFIG_BYTES);
  char chunk[8192];
  size_t n;
  ms_status st = MS_OK;
  while (st == MS_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0) st = ms_strbuf_put(&b, chunk, n);
  if (st == MS_OK && ferror(f)) st = ms_error_set(err, MS_EIO, path, 0, 0, "cannot read the configuration");
  else if (st < 0) st = ms_error_set(err, MS_EPARSE, path, 0, 0, "the configuration is larger than 1 MiB");
  fclose(f);
  if (st == MS_OK) {
    const char *slash = strrchr(path, '/');
    char *dir = slash ? ms_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : NULL;
    st = ms_config__load_text(o, path, dir, b.ptr ? b.ptr : "", b.len, err);
    ms_free(dir);
  }
  ms_strbuf_dispose(&b);
  return st;
}

/* ---- discovery ------------------------------------------------------------------------------ */

static bool exists_in(const char *dir, const char *name, bool want_regular) {
  char *p = ms_path_join(dir, name);
  struct stat sb;
  bool ok = stat(p, &sb) == 0 && (!want_regular || S_ISREG(sb.st_mode));
  if (!want_regular) ok = lstat(p, &sb) == 0;
  ms_free(p);
  return ok;
}

char *ms_config_find(const char *scan_path) {
  char *dir = realpath(scan_path, NULL);
  if (dir == NULL) return NULL;
  struct stat sb;
  if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
    char *slash = strrchr(dir, '/');
    if (slash) slash[slash == dir ? 1 : 0] = '\0';
  }
  /* Inside a repository the search goes up to its root; outside, it stays in the directory. */
  bool in_repo = false;
  char *probe = ms_xstrdup(dir);
  for (;;) {
    if (exists_in(probe, ".git", false)) {
      in_repo = true;
      break;
    }
    char *slash = strrchr(probe, '/');
    if (slash == NULL || slash == probe) break;
    *slash = '\0';
  }
  ms_free(probe);
  char *found = NULL;
  for (;;) {
    if (exists_in(dir, MS_CONFIG_FILE_NAME, true)) {
      found = ms_path_join(dir, MS_CONFIG_FILE_NAME);
      break;
    }
    char *slash = strrchr(dir, '/');
    if (!in_repo || exists_in(dir, ".git", false) || slash == NULL || slash == dir) break;
    *slash = '\0';
  }
  free(dir); /* from libc's realpath */
  /* Shown in messages: relative to the working directory when below it. */
  char *cwd = found ? realpath(".", NULL) : NULL;
  if (cwd && ms_path_is_within(found, cwd) && strcmp(cwd, "/") != 0) {
    char *rel = ms_xstrdup(found + strlen(cwd) + 1);
    ms_free(found);
    found = rel;
  }
  free(cwd); /* from libc's realpath */
  return found;
}

/* ---- the environment ------------------------------------------------------------------------ */

ms_status ms_config_apply_env(ms_cli_options *o, ms_error *err) {
  for (size_t i = 0; i < NKEYS; i++) {
    const key_def *d = &keys[i];
    const char *v = d->env ? getenv(d->env) : NULL;
    if (v == NULL || v[0] == '\0') continue;
    if (is_list(d->type)) {
      list_reset(d, o);
      ms_string_list items = MS_ARRAY_INIT;
      ms_options_split(v, &items);
      for (uint32_t k = 0; k < items.len; k++) list_add(d, o, NULL, items.items[k]);
      ms_string_list_dispose(&items);
      continue;
    }
    const char *expected = set_scalar(d, o, v, NULL);
    if (expected)
      return ms_error_set(err, MS_EPARSE, NULL, 0, 0, "%s: invalid value '%s' (expected %s)", d->env, v, expected);
  }
  return MS_OK;
}

/* ---- layering and rule selection ------------------------------------------------------------ */

static int print_error(ms_error *err) {
  char *msg = ms_error_format(err);
  fprintf(stderr, "mcp-sentinel: %s\n", msg);
  ms_free(msg);
  ms_error_clear(err);
  return MS_EPARSE;
}

int ms_config_parse_scan(ms_cli_options *o, int argc, char **argv) {
  ms_cli_options pre; /* the command line alone: --config, the paths, --no-repo-config */
  int rc = ms_options_parse_scan(&pre, argc, argv);
  if (rc < 0 || pre.help) {
    *o = pre;
    return rc;
  }
  const char *env = getenv(MS_CONFIG_ENV);
  char *path = pre.config_file ? ms_xstrdup(pre.config_file)
               : env && env[0]  ? ms_xstrdup(env)
               : pre.no_repo_config ? NULL
                                    : ms_config_find(pre.paths.items[0]);
  ms_options_dispose(&pre);
  ms_options_init(o);
  ms_error err = MS_ERROR_INIT;
  if (path && ms_config_load(o, path, &err) < 0) rc = print_error(&err);
  if (rc == MS_OK && ms_config_apply_env(o, &err) < 0) rc = print_error(&err);
  if (rc == MS_OK) rc = ms_options_parse_args(o, argc, argv);
  if (rc == MS_OK) rc = ms_options_finish(o);
  if (rc == MS_OK && o->verbose) fprintf(stderr, "mcp-sentinel: configuration: %s\n", path ? path : "(none)");
  ms_free(o->config_file);
  o->config_file = path;
  return rc;
}

static bool selects(const char *sel, const ms_rule *r) {
  if (strncasecmp(sel, "CWE-", 4) == 0 && isdigit((unsigned char)sel[4])) return strtoul(sel + 4, NULL, 10) == r->cwe;
  return ms_path_glob_match(sel, r->id);
}

/* Marks the rules each selector of list picks; false (printed) when one picks none. */
static bool select_rules(const ms_ruleset *rs, const ms_string_list *list, bool *marks, bool value, const char *what) {
  for (uint32_t i = 0; i < list->len; i++) {
    bool any = false;
    for (uint32_t r = 0; r < ms_ruleset_count(rs); r++) {
      if (!selects(list->items[i], ms_ruleset_get(rs, r))) continue;
      marks[r] = value;
      any = true;
    }
    if (!any) {
      fprintf(stderr, "mcp-sentinel: unknown rule id '%s' in %s (see 'mcp-sentinel list-rules')\n", list->items[i],
              what);
      return false;
    }
  }
  return true;
}

int ms_config_apply_rules(const ms_cli_options *o, ms_ruleset *rs, bool **enabled) {
  uint32_t n = ms_ruleset_count(rs);
  *enabled = NULL;
  if (o->only_rules.len || o->disabled_rules.len) {
    bool *on = ms_xcalloc(n + 1, sizeof(bool));
    for (uint32_t i = 0; i < n; i++) on[i] = o->only_rules.len == 0;
    *enabled = on;
    if (!select_rules(rs, &o->only_rules, on, true, o->only_rules_from_config ? "rules.enable" : "--rule") ||
        !select_rules(rs, &o->disabled_rules, on, false, "rules.disable / --disable-rule"))
      return MS_EPARSE;
  }
  for (uint32_t i = 0; i < o->severity_overrides.len; i++) {
    const char *entry = o->severity_overrides.items[i], *eq = strrchr(entry, '=');
    char *id = ms_xstrndup(entry, (size_t)(eq - entry));
    int64_t idx = ms_ruleset_find(rs, id);
    ms_severity sev = MS_SEV_LOW;
    ms_severity_parse(eq + 1, &sev);
    if (idx >= 0) ms_ruleset_set_severity(rs, (uint32_t)idx, sev);
    else fprintf(stderr, "mcp-sentinel: unknown rule id '%s' in severity_overrides (%s)\n", id, o->config_file);
    ms_free(id);
    if (idx < 0) return MS_EPARSE;
  }
  return MS_OK;
}

/* ---- `mcp-sentinel init` -------------------------------------------------------------------- */

/* Lines starting "# " hold a setting (remove "# " to use it); "## " lines document. */
void ms_config_write_template(FILE *out) {
  fputs("## mcp-sentinel configuration (docs/configuration.md). Every key is optional: remove the\n"
        "## leading \"# \" of a setting to use it. Precedence: command line > MCP_SENTINEL_* environment\n"
        "## variables > this file > defaults. Relative paths are taken from this file's directory.\n",
        out);
  const char *section = NULL;
  size_t section_len = 0;
  for (size_t i = 0; i < NKEYS; i++) {
    const key_def *d = &keys[i];
    const char *dot = strchr(d->name, '.');
    const char *name = d->name;
    size_t plen = dot ? (size_t)(dot - d->name) : 0;
    if (dot && !(section && section_len == plen && strncmp(section, d->name, plen) == 0)) {
      fprintf(out, "\n# %.*s:\n", (int)plen, d->name);
      section = d->name;
      section_len = plen;
    } else if (!dot) {
      section = NULL;
      fputc('\n', out);
    }
    const char *indent = dot ? "  " : "";
    if (dot) name = dot + 1;
    fprintf(out, "## %s%s\n## %sdefault: %s", indent, d->help, indent, d->def);
    if (d->env) fprintf(out, "; environment: %s", d->env);
    if (d->flag) fprintf(out, "; command line: %s", d->flag);
    fputc('\n', out);
    if (d->example[0] != '\n') {
      fprintf(out, "# %s%s: %s\n", indent, name, d->example);
      continue;
    }
    fprintf(out, "# %s%s:\n", indent, name);
    for (const char *p = d->example + 1; *p;) {
      const char *nl = strchr(p, '\n');
      size_t n = nl ? (size_t)(nl - p) : strlen(p);
      fprintf(out, "# %s  %.*s\n", indent, (int)n, p);
      p += n + (nl ? 1 : 0);
    }
  }
}
