/* util/: bounded strings, SHA-256, UTF-8, paths. */
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "harness.h"
#include "util/find.h"
#include "util/once.h"
#include "util/path.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void test_util__strbuf_grows_and_caps(void) {
  ms_strbuf b = MS_STRBUF_INIT(10);
  MS_CHECK_INT(ms_strbuf_puts(&b, "hello"), MS_OK);
  MS_CHECK_INT(ms_strbuf_printf(&b, "%d", 1234), MS_OK);
  MS_CHECK_STR(ms_strbuf_cstr(&b), "hello1234");
  MS_CHECK_INT(ms_strbuf_puts(&b, "xx"), MS_ETOOBIG); /* 11 > 10 */
  MS_CHECK_STR(ms_strbuf_cstr(&b), "hello1234");      /* unchanged on failure */
  MS_CHECK_INT(ms_strbuf_putc(&b, '!'), MS_OK);
  MS_CHECK_INT(b.len, 10);
  ms_strbuf_dispose(&b);
}

static void sha_hex(const char *s, size_t len, char out[65]) {
  ms_sha256 h;
  uint8_t d[32];
  ms_sha256_init(&h);
  ms_sha256_update(&h, s, len);
  ms_sha256_final(&h, d);
  ms_sha256_hex(d, 32, out);
}

void test_util__sha256_known_vectors(void) {
  char hex[65];
  sha_hex("", 0, hex);
  MS_CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  sha_hex("abc", 3, hex);
  MS_CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  sha_hex(two, strlen(two), hex);
  MS_CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* A million 'a's, fed in odd-sized pieces across block boundaries. */
  ms_sha256 h;
  uint8_t d[32];
  char chunk[999];
  memset(chunk, 'a', sizeof chunk);
  ms_sha256_init(&h);
  size_t left = 1000000;
  while (left) {
    size_t n = left < sizeof chunk ? left : sizeof chunk;
    ms_sha256_update(&h, chunk, n);
    left -= n;
  }
  ms_sha256_final(&h, d);
  ms_sha256_hex(d, 32, hex);
  MS_CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  /* Every message length from 0 to 130 bytes (the padding fits the last block or spills into
   * another): the digest of their digests, from Python's hashlib. */
  ms_sha256 all;
  ms_sha256_init(&all);
  for (size_t k = 0; k <= 130; k++) {
    uint8_t msg[130];
    for (size_t i = 0; i < k; i++) msg[i] = (uint8_t)(i * 7 + 3);
    ms_sha256_init(&h);
    ms_sha256_update(&h, msg, k);
    ms_sha256_final(&h, d);
    ms_sha256_update(&all, d, 32);
  }
  ms_sha256_final(&all, d);
  ms_sha256_hex(d, 32, hex);
  MS_CHECK_STR(hex, "b3d31aa6b4f0810cff11dc15fd1017d7ba047ad10e757b0e36ed68897e6d1851");
}

void test_util__utf8_sanitize(void) {
  char *s = ms_utf8_sanitize("ok \xff\xfe é \xe2\x82", 11);
  MS_CHECK_STR(s, "ok \xEF\xBF\xBD\xEF\xBF\xBD é \xEF\xBF\xBD\xEF\xBF\xBD");
  ms_free(s);
  s = ms_utf8_sanitize("a\0b", 3);
  MS_CHECK_STR(s, "a\xE2\x90\x80" "b");
  ms_free(s);
  /* Overlong encodings and surrogates are invalid. */
  s = ms_utf8_sanitize("\xc0\xaf\xed\xa0\x80", 5);
  MS_CHECK(strstr(s, "\xc0") == NULL && strstr(s, "\xed\xa0") == NULL);
  ms_free(s);
}

void test_util__utf8_count(void) {
  MS_CHECK_INT(ms_utf8_count("abc", 3), 3);
  MS_CHECK_INT(ms_utf8_count("é€😀", strlen("é€😀")), 3);
  MS_CHECK_INT(ms_utf8_count("\xff\xff", 2), 2);
}

void test_util__path_display_and_join(void) {
  char *p = ms_path_display("./src//a.py");
  MS_CHECK_STR(p, "src/a.py");
  ms_free(p);
  p = ms_path_display("corpus/");
  MS_CHECK_STR(p, "corpus");
  ms_free(p);
  p = ms_path_display(".");
  MS_CHECK_STR(p, ".");
  ms_free(p);
  p = ms_path_join(".", "a.py");
  MS_CHECK_STR(p, "a.py");
  ms_free(p);
  p = ms_path_join("dir/", "a.py");
  MS_CHECK_STR(p, "dir/a.py");
  ms_free(p);
  p = ms_path_join("/", "etc");
  MS_CHECK_STR(p, "/etc");
  ms_free(p);
}

void test_util__path_within_and_glob(void) {
  MS_CHECK(ms_path_is_within("/a/b/c", "/a/b"));
  MS_CHECK(ms_path_is_within("/a/b", "/a/b"));
  MS_CHECK(!ms_path_is_within("/a/bc", "/a/b"));
  MS_CHECK(ms_path_is_within("/x", "/"));
  MS_CHECK(ms_path_glob_match("*.min.js", "app.min.js"));
  MS_CHECK(!ms_path_glob_match("*.min.js", "app.js"));
  MS_CHECK(ms_path_glob_match("test_*.py", "test_x.py"));
  MS_CHECK(ms_path_glob_match("*.test.*", "a.test."));
  MS_CHECK(!ms_path_glob_match("*.test.*", "a.test"));
  MS_CHECK(ms_path_glob_match("[ab]*.py", "b.py")); /* fnmatch's classes still apply */
  MS_CHECK(!ms_path_glob_match("[ab]*.py", "c.py"));
}

/* Star-only globs take a path of their own; it answers what fnmatch(3) with no flags answers:
 * random patterns and names over a small alphabet (stars next to each other, '/', '.' at the
 * start, repeated letters that make a greedy match backtrack). */
void test_util__star_globs_agree_with_fnmatch(void) {
  static const char alphabet[] = "ab./*";
  char pat[12], name[14];
  unsigned seed = 777;
  for (int round = 0; round < 300000; round++) {
    seed = seed * 1103515245u + 12345u;
    size_t pl = (seed >> 16) % (sizeof pat - 1), nl = (seed >> 8) % (sizeof name - 1);
    for (size_t k = 0; k < pl; k++) {
      seed = seed * 1103515245u + 12345u;
      pat[k] = alphabet[(seed >> 16) % 5];
    }
    for (size_t k = 0; k < nl; k++) {
      seed = seed * 1103515245u + 12345u;
      name[k] = alphabet[(seed >> 16) % 4];
    }
    pat[pl] = name[nl] = '\0';
    if (ms_path_glob_match(pat, name) != (fnmatch(pat, name, 0) == 0)) {
      char d[64];
      snprintf(d, sizeof d, "pattern \"%s\", name \"%s\"", pat, name);
      ms_test__fail(__FILE__, __LINE__, "glob == fnmatch", d);
      return;
    }
  }
}

/* ms_find answers what memmem answers: random texts over a small alphabet (many partial
 * matches), needles of 1 to 20 bytes, every offset and length near the 16-byte blocks. */
void test_util__find_agrees_with_memmem(void) {
  char hay[80], needle[24];
  unsigned seed = 4242;
  for (int round = 0; round < 200000; round++) {
    seed = seed * 1103515245u + 12345u;
    size_t n = (seed >> 16) % sizeof hay, len = 1 + ((seed >> 8) % 20);
    for (size_t k = 0; k < n; k++) {
      seed = seed * 1103515245u + 12345u;
      hay[k] = "aab\xC5"[(seed >> 16) % 4];
    }
    for (size_t k = 0; k < len; k++) {
      seed = seed * 1103515245u + 12345u;
      needle[k] = "aab\xC5"[(seed >> 16) % 4];
    }
    size_t off = n ? (seed >> 4) % n : 0;
    const char *want = memmem(hay + off, n - off, needle, len), *got = ms_find(hay + off, n - off, needle, len);
    if (want != got) {
      char d[128];
      snprintf(d, sizeof d, "round %d: n=%zu off=%zu len=%zu", round, n, off, len);
      ms_test__fail(__FILE__, __LINE__, "ms_find == memmem", d);
      return;
    }
  }
  MS_CHECK(ms_find("abc", 3, "", 0) != NULL);
}

typedef struct once_case {
  ms_once once;
  int runs;  /* how often the work ran */
  int value; /* what the work wrote; every caller must see it */
  int seen[4];
} once_case;

static void once_work(void *p) {
  once_case *c = p;
  c->runs++;
  struct timespec pause = {0, 2000000}; /* long enough for the others to queue on the lock */
  nanosleep(&pause, NULL);
  c->value = 42;
}

typedef struct once_thread {
  once_case *c;
  int index;
} once_thread;

static void *once_caller(void *p) {
  once_thread *t = p;
  ms_once_run(&t->c->once, once_work, t->c);
  t->c->seen[t->index] = t->c->value;
  return NULL;
}

/* ms_once_run: four threads at once, the work runs once and all of them return after it. */
void test_util__once_runs_once(void) {
  once_case c = {.runs = 0};
  ms_once_init(&c.once);
  pthread_t th[4];
  once_thread args[4];
  for (int i = 0; i < 4; i++) {
    args[i] = (once_thread){&c, i};
    MS_CHECK(pthread_create(&th[i], NULL, once_caller, &args[i]) == 0);
  }
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  ms_once_run(&c.once, once_work, &c);
  MS_CHECK_INT(c.runs, 1);
  for (int i = 0; i < 4; i++) MS_CHECK_INT(c.seen[i], 42);
  ms_once_dispose(&c.once);
}
