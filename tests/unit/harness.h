/* A tiny unit-test harness (clar-style discovery): every `void test_<module>__<case>(void)`
 * in tests/unit/test_*.c is found at build time (cmake/UnitRegistry.cmake) and run by main.c.
 * Optional per-module `test_<module>__initialize` / `__cleanup` run around each case. */
#ifndef MS_TESTS_HARNESS_H
#define MS_TESTS_HARNESS_H

#include <stdint.h>
#include <string.h>

void ms_test__fail(const char *file, int line, const char *expr, const char *detail);
extern int ms_test__failed;

#define MS_CHECK(cond)                                                   \
  do {                                                                   \
    if (!(cond)) {                                                       \
      ms_test__fail(__FILE__, __LINE__, #cond, NULL);                    \
      return;                                                            \
    }                                                                    \
  } while (0)

#define MS_CHECK_INT(a, b)                                                                    \
  do {                                                                                        \
    long long _a = (long long)(a), _b = (long long)(b);                                       \
    if (_a != _b) {                                                                           \
      char _d[96];                                                                            \
      snprintf(_d, sizeof _d, "%lld != %lld", _a, _b);                                        \
      ms_test__fail(__FILE__, __LINE__, #a " == " #b, _d);                                    \
      return;                                                                                 \
    }                                                                                         \
  } while (0)

#define MS_CHECK_STR(a, b)                                                                    \
  do {                                                                                        \
    const char *_a = (a), *_b = (b);                                                          \
    if (_a == NULL || _b == NULL || strcmp(_a, _b) != 0) {                                    \
      ms_test__fail(__FILE__, __LINE__, #a " == " #b, _a ? _a : "(null)");                    \
      return;                                                                                 \
    }                                                                                         \
  } while (0)

#endif
