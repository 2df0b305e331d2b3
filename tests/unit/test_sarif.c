/* report/: GitHub's primaryLocationLineHash (report/fingerprint.c) and SARIF artifact URIs.
 * The expected hashes come from tests/cli/_lib/gh_fingerprints.js, the upload action's
 * algorithm run in Node (`node gh_fingerprints.js FILE` on each input written to a file);
 * the sarif-fingerprints CLI case compares the two on generated files at test time. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "report/fingerprint.h"
#include "report/jsonutil.h"
#include "report/sarif.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef struct hash_vector {
  const char *name;
  const char *text;
  size_t len;
  const char *expected; /* every line's "hex:occurrence", space-separated */
} hash_vector;

static const hash_vector vectors[] = {
    {"empty", "", 0,
     "c129715d7a2bc9a3:1"},
    {"one_char", "a", 1,
     "53b5d4aabe50d64:1"},
    {"one_line", "a\n", 2,
     "243cbaa4685aab12:1 c129715d7a2bc9a3:1"},
    {"ascii", "import os\n\ndef run(cmd):\n    os.system(\"sh -c \" + cmd)\n", 55,
     "ed4cd2ac127736c3:1 d9fe5e8b5911e72c:1 89a3841de075d6f2:1 "
     "aab87b390b799475:1 c129715d7a2bc9a3:1"},
    {"crlf", "import os\r\nos.system(x)\r\n\r\nprint(1)\r\n", 37,
     "9f73c122e77c119d:1 5d96c55663fbfe6e:1 61af9bb3ae1a51e2:1 "
     "26415af22aad4340:1 c129715d7a2bc9a3:1"},
    {"lone_cr", "x = 1\ry = 2\r\rz\n", 15,
     "fc14798536de9557:1 230932301958a6bb:1 3b306224f79348fd:1 "
     "95de0951c928fa27:1 c129715d7a2bc9a3:1"},
    {"cr_space_lf", "a\r \nb\r\n\tc", 9,
     "2e584d1d9c6751f3:1 ce9bbb84d1d432dc:1 e461f42c548ac762:1 "
     "188ff2f224477a1e:1"},
    {"tabs_spaces", "\tdef f():\n\t\treturn  1 \n    \n", 28,
     "365329a45f33217a:1 d2d0fac0f6cd6560:1 3c5bef55b72b93c9:1 "
     "c129715d7a2bc9a3:1"},
    {"unicode_bmp", "\xc3\xa9" " = \"\xc3\xbc\"\n\xe4\xb8\xad\xe6\x96\x87" " = 1\n", 21,
     "fe99d632736c28df:1 f8b83a1ed17c8723:1 c129715d7a2bc9a3:1"},
    {"astral", "\xf0\x9f\x98\x80" " = 1\n\xf0\x9d\x95\x8f" " + \xf0\x9f\x98\x80\xf0\x9f\x98\x80\n", 25,
     "d30eca3c975c22d3:1 de575677a1fdfb5e:1 c129715d7a2bc9a3:1"},
    {"no_trailing_newline", "line1\nline2", 11,
     "b16945fe3a4efa60:1 e716bd193db49e69:1"},
    {"duplicates", "x\nx\nx\n  x\n\tx\n", 13,
     "954c994bc9b69035:1 16bdaddd35aaa92b:1 4c74ab87820424b1:1 "
     "8c072f39cc89b447:1 828973aa50c68d6d:1 c129715d7a2bc9a3:1"},
    {"long_lines",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
     "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nccccccccc"
     "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
     "ccccccccccccccccccccccccccccccc\n", 452,
     "871f6af4d0d4dd7c:1 ff47544e6eb21c20:1 776f3da80c8f5b74:1 "
     "c129715d7a2bc9a3:1"},
    {"bom", "\xef\xbb\xbf" "x = 1\n", 9,
     "973f80c4b80f40b6:1 c129715d7a2bc9a3:1"},
    {"invalid_utf8", "a\xff\xfe" "b\xc3\n\xe2\x82" "x\xed\xa0\x80" "y\xf0\x9f\x98\n\xf4\x90\x80\x80\xc0\xaf\n\xe2", 25,
     "1f41c4f829e1c158:1 73b1755d660a2fa0:1 fc2cf7cb89b1620c:1 "
     "8989dec65f08d110:1"},
    {"repeated_long",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxx\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xx\ny", 304,
     "52b56201ffb58620:1 52b56201ffb58620:2 52b56201ffb58620:3 "
     "ed3261245082261c:1"},
    {"many_lines",
     "l0 = 0\nl1 = 1\nl2 = 4\nl3 = 9\nl4 = 16\nl5 = 25\nl6 = 36\nl7 = 49\n"
     "l8 = 64\nl9 = 81\nl10 = 100\nl11 = 121\nl12 = 144\nl13 = 169\nl14 "
     "= 196\nl15 = 225\nl16 = 256\nl17 = 289\nl18 = 324\nl19 = 361\nl20 "
     "= 400\nl21 = 441\nl22 = 484\nl23 = 529\nl24 = 576\nl25 = 625\nl26 "
     "= 676\nl27 = 729\nl28 = 784\nl29 = 841\nl30 = 900\nl31 = 961\nl32 "
     "= 1024\nl33 = 1089\nl34 = 1156\nl35 = 1225\nl36 = 1296\nl37 = 136"
     "9\nl38 = 1444\nl39 = 1521\n", 384,
     "6aa2eb6309c859e7:1 498efbde5a96e9f:1 5ab9d269c6dedb1:1 "
     "6b0ae9c4d5ae60c:1 b8d9def8b818d193:1 2718a920ee01fecc:1 "
     "e53e0499e0ccb18a:1 3722953a2f8a3026:1 d5e4e75dc45b80a:1 "
     "80ef5f4ebba67f01:1 3c717abeed4d9b18:1 a3d864b8cac25063:1 "
     "7fce39dd0a2de707:1 afe1fed1dedbb528:1 e724340b79e18e59:1 "
     "42263e3f42b9fc70:1 ca2ec395c434842d:1 7eaf3558afe695c7:1 "
     "a72b6aa833f8dcb8:1 24e6b930afe3238f:1 2659c1502ebbfe0c:1 "
     "e0ff99937998f06e:1 c7ff7319ecb3544f:1 b8ae932a1f1b9304:1 "
     "e8577dce2025ba15:1 5a609aebc6369d42:1 8fb48228255cb8c6:1 "
     "197e0bb6f88ccdac:1 ab4abc0c8a5b808a:1 6a3db20781a8b68b:1 "
     "b57d3162d9f5ccb8:1 390c70a882711ea5:1 4af4ed0e6d7f07e2:1 "
     "57f3257acda11d53:1 12ee52c73639ef0:1 2655ccec7261a15:1 "
     "1a0521efa8029a38:1 344912c07a9b3c5a:1 5c86072055ff29a:1 "
     "4aaa207df1ab23cf:1 c129715d7a2bc9a3:1"},
};

/* All line hashes of text, space-separated; caller frees. */
static char *all_hashes(const char *text, size_t len) {
  ms_line_hash *lines = NULL;
  uint32_t n = 0;
  ms_fingerprint_line_hashes(text, len, 0, &lines, &n);
  ms_strbuf b = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
  for (uint32_t i = 0; i < n; i++) {
    char buf[MS_LINE_HASH_MAX];
    ms_fingerprint_format_line_hash(&lines[i], buf, sizeof buf);
    if (i) ms_strbuf_putc(&b, ' ');
    ms_strbuf_puts(&b, buf);
  }
  ms_free(lines);
  return ms_strbuf_detach(&b);
}

void test_sarif__line_hashes_match_the_upload_action(void) {
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    char *got = all_hashes(vectors[i].text, vectors[i].len);
    if (strcmp(got, vectors[i].expected) != 0) {
      char detail[160];
      snprintf(detail, sizeof detail, "vector %s", vectors[i].name);
      ms_test__fail(__FILE__, __LINE__, "line hashes", detail);
      printf("    got:      %s\n    expected: %s\n", got, vectors[i].expected);
    }
    ms_free(got);
  }
}

/* Hashing only the first lines gives what hashing all gives for them, occurrences included
 * (every vector, every count of lines, and one past the end). */
void test_sarif__line_hashes_of_the_first_lines(void) {
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    ms_line_hash *all = NULL;
    uint32_t n = 0;
    ms_fingerprint_line_hashes(vectors[i].text, vectors[i].len, 0, &all, &n);
    for (uint32_t upto = 1; upto <= n + 1; upto++) {
      ms_line_hash *some = NULL;
      uint32_t m = 0;
      ms_fingerprint_line_hashes(vectors[i].text, vectors[i].len, upto, &some, &m);
      bool same = m == (upto < n ? upto : n);
      for (uint32_t k = 0; same && k < m; k++)
        same = some[k].hash == all[k].hash && some[k].occurrence == all[k].occurrence;
      if (!same) {
        char detail[96];
        snprintf(detail, sizeof detail, "vector %s, first %u lines", vectors[i].name, upto);
        ms_test__fail(__FILE__, __LINE__, "a prefix of the line hashes", detail);
      }
      ms_free(some);
    }
    ms_free(all);
  }
}

void test_sarif__line_hash_ignores_edits_elsewhere(void) {
  /* The hash covers the line and what follows it (100 non-blank units), never what comes
   * before: a line inserted above shifts line numbers but not the hash. */
  const char *before = "def f(cmd):\n    os.system(cmd)\n";
  const char *after = "import os\n\n\ndef f(cmd):\n    os.system(cmd)\n";
  char *a = all_hashes(before, strlen(before)), *b = all_hashes(after, strlen(after));
  MS_CHECK(strstr(b, a) != NULL && strcmp(strstr(b, a), a) == 0); /* b ends with a */
  ms_free(a);
  ms_free(b);
  /* Re-indenting is not a change either: spaces and tabs are not hashed. */
  const char *tabs = "def f(cmd):\n\tos.system( cmd )\n";
  a = all_hashes(before, strlen(before));
  b = all_hashes(tabs, strlen(tabs));
  MS_CHECK_STR(a, b);
  ms_free(a);
  ms_free(b);
}

void test_sarif__line_hash_format(void) {
  char buf[MS_LINE_HASH_MAX];
  ms_line_hash h = {0xffffffffffffffffull, 4294967295u};
  ms_fingerprint_format_line_hash(&h, buf, sizeof buf);
  MS_CHECK_STR(buf, "ffffffffffffffff:4294967295");
  h = (ms_line_hash){0x0123, 1};
  ms_fingerprint_format_line_hash(&h, buf, sizeof buf); /* no leading zeros, like Long.toString(16) */
  MS_CHECK_STR(buf, "123:1");
}

void test_sarif__path_uri(void) {
  bool rel = false;
  char *u = ms_sarif__path_uri("corpus/python/x.py", &rel);
  MS_CHECK_STR(u, "corpus/python/x.py");
  MS_CHECK(rel);
  ms_free(u);
  u = ms_sarif__path_uri("my dir/a:b#c?d%e[f].py", &rel);
  MS_CHECK_STR(u, "my%20dir/a%3Ab%23c%3Fd%25e%5Bf%5D.py");
  MS_CHECK(rel);
  ms_free(u);
  u = ms_sarif__path_uri("src/caf\xc3\xa9/\xf0\x9f\x98\x80 x.py", &rel);
  MS_CHECK_STR(u, "src/caf%C3%A9/%F0%9F%98%80%20x.py");
  ms_free(u);
  u = ms_sarif__path_uri("../other/it's(1)+2,~x.py", &rel);
  MS_CHECK_STR(u, "../other/it's(1)+2,~x.py");
  MS_CHECK(rel);
  ms_free(u);
  u = ms_sarif__path_uri("/tmp/a b/x.py", &rel);
  MS_CHECK_STR(u, "file:///tmp/a%20b/x.py");
  MS_CHECK(!rel);
  ms_free(u);
  u = ms_sarif__path_uri("src/back\\slash\x01.py", &rel);
  MS_CHECK_STR(u, "src/back%5Cslash%01.py");
  ms_free(u);
}

/* The bound that lets a log skip compression holds for any bytes: random ones (which deflate
 * cannot shrink) and repetitive ones, of sizes around deflate's block sizes. */
void test_sarif__gzip_bound_holds(void) {
  static const size_t sizes[] = {0, 1, 2, 100, 16383, 16384, 65535, 65536, 200000, 1 << 20};
  char *buf = ms_xmalloc(1 << 20);
  unsigned seed = 5;
  for (size_t i = 0; i < (size_t)1 << 20; i++) {
    seed = seed * 1103515245u + 12345u;
    buf[i] = (char)(seed >> 16);
  }
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t gz = ms_sarif_gzipped_size(buf, sizes[k]);
    MS_CHECK(gz != SIZE_MAX && gz <= ms_sarif_gzip_bound(sizes[k]));
    MS_CHECK(gz + 16 > sizes[k] || sizes[k] < 64); /* random bytes do not shrink: the test bites */
  }
  memset(buf, 'a', (size_t)1 << 20);
  MS_CHECK(ms_sarif_gzipped_size(buf, (size_t)1 << 20) <= ms_sarif_gzip_bound((size_t)1 << 20));
  ms_free(buf);
}

/* ms_jsonutil_dumps writes what json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) writes: random
 * trees (nested and empty containers; strings of every control character, quotes, backslashes,
 * slashes, DEL, UTF-8 of two to four bytes and NUL; integers at both ends; reals), and every
 * JSON and SARIF file under tests/golden. */
static unsigned dump_seed = 11;

static unsigned dump_rand(unsigned n) {
  dump_seed = dump_seed * 1103515245u + 12345u;
  return (dump_seed >> 16) % n;
}

static json_t *random_string(void) {
  static const char *const pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                       "\xf0\x9f\x98\x80", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x0b"};
  char buf[64];
  size_t len = 0;
  unsigned n = dump_rand(8);
  for (unsigned i = 0; i < n; i++) {
    const char *p = pieces[dump_rand(sizeof pieces / sizeof pieces[0])];
    memcpy(buf + len, p, strlen(p));
    len += strlen(p);
  }
  if (dump_rand(10) == 0) buf[len++] = '\0'; /* an embedded NUL */
  return json_stringn(buf, len);
}

static json_t *random_json(int depth) {
  unsigned kind = depth >= 4 ? 2 + dump_rand(7) : dump_rand(9);
  switch (kind) {
  case 0: {
    json_t *o = json_object();
    for (unsigned i = dump_rand(5); i > 0; i--) {
      json_t *key = random_string();
      json_object_setn_new(o, json_string_value(key), strlen(json_string_value(key)), random_json(depth + 1));
      json_decref(key);
    }
    return o;
  }
  case 1: {
    json_t *a = json_array();
    for (unsigned i = dump_rand(5); i > 0; i--) json_array_append_new(a, random_json(depth + 1));
    return a;
  }
  case 2:
  case 3:
    return random_string();
  case 4: {
    static const json_int_t ints[] = {0, 1, -1, 42, INT64_MAX, INT64_MIN, 1000000007};
    return json_integer(ints[dump_rand(sizeof ints / sizeof ints[0])]);
  }
  case 5: {
    static const double reals[] = {1.5, 0.1, -0.0, 3.0, 1e300, -2.5e-7};
    return json_real(reals[dump_rand(sizeof reals / sizeof reals[0])]);
  }
  case 6:
    return json_true();
  case 7:
    return json_false();
  default:
    return json_null();
  }
}

static bool dumps_alike(const json_t *root, const char *what) {
  char *ours = ms_jsonutil_dumps(root), *theirs = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  bool same = ours && theirs && strcmp(ours, theirs) == 0;
  if (!same) {
    ms_test__fail(__FILE__, __LINE__, "ms_jsonutil_dumps == json_dumps", what);
    size_t at = 0;
    while (ours && theirs && ours[at] && ours[at] == theirs[at]) at++;
    printf("    differ at byte %zu:\n    ours:   %.80s\n    theirs: %.80s\n", at, ours ? ours + (at > 20 ? at - 20 : 0) : "(null)",
           theirs ? theirs + (at > 20 ? at - 20 : 0) : "(null)");
  }
  ms_free(ours);
  free(theirs); /* Jansson's allocator is libc's */
  return same;
}

void test_sarif__json_writer_matches_jansson(void) {
  for (int round = 0; round < 3000; round++) {
    json_t *root = random_json(0);
    if (!json_is_object(root) && !json_is_array(root)) { /* json_dumps writes containers only */
      json_t *wrap = json_array();
      json_array_append_new(wrap, root);
      root = wrap;
    }
    bool same = dumps_alike(root, "a random tree");
    json_decref(root);
    if (!same) return;
  }
  static const char *const golden[] = {"corpus.json", "corpus.sarif", "corpus.gitlab.json"};
  for (size_t i = 0; i < sizeof golden / sizeof golden[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/tests/golden/%s", MS_SOURCE_DIR, golden[i]);
    /* The golden files stand $DURATION and the like for what varies; bare ones become 0. */
    FILE *f = fopen(path, "rb");
    ms_strbuf text = MS_STRBUF_INIT(MS_STRBUF_UNBOUNDED);
    for (int c; f && (c = fgetc(f)) != EOF;) {
      if (c == '$' && text.len && text.ptr[text.len - 1] != '"') {
        ms_strbuf_putc(&text, '0');
        while ((c = fgetc(f)) != EOF && ((c >= 'A' && c <= 'Z') || c == '_')) {
        }
        if (c == EOF) break;
      }
      ms_strbuf_putc(&text, (char)c);
    }
    if (f) fclose(f);
    json_error_t jerr;
    json_t *doc = json_loadb(text.ptr ? text.ptr : "", text.len, 0, &jerr);
    ms_strbuf_dispose(&text);
    if (doc == NULL) ms_test__fail(__FILE__, __LINE__, "a golden file loads", jerr.text);
    if (doc) dumps_alike(doc, golden[i]);
    json_decref(doc);
  }
}
