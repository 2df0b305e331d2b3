#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan+UBSan, coverage) in build-fuzz and runs each for
# a bounded time (default 45 s; MS_FUZZ_SECONDS or the first argument), seeded from the
# corpus, the rule fixtures and the built-in rules. Exits non-zero when a harness finds a
# crash, leak, UB or hang: the input is left in build-fuzz/artifacts/ — add it to
# tests/fuzz/regressions/HARNESS/ with the fix, so the normal test suite replays it.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${MS_FUZZ_SECONDS:-45}}"
shift || true
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMS_FUZZ=ON -DMS_WERROR=ON \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)"
python3 tests/fuzz/make_seeds.py build-fuzz/seeds >/dev/null
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for src in tests/fuzz/fuzz_*.c; do harnesses+=("$(basename "$src" .c)"); done
fi
mkdir -p build-fuzz/artifacts
status=0
for h in "${harnesses[@]}"; do
  work="build-fuzz/corpus/$h"
  mkdir -p "$work" "build-fuzz/seeds/$h"
  echo "==> fuzzing $h for ${seconds}s"
  max_len=65536
  [ "$h" = fuzz_report ] && max_len=1048576 # whole reports as seeds
  if ! LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:fast_unwind_on_malloc=0" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "build-fuzz/tests/fuzz/$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
       -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$h-" \
       "$work" "build-fuzz/seeds/$h" "tests/fuzz/regressions/$h" 2> "build-fuzz/$h.log"; then
    echo "!! $h failed: see build-fuzz/$h.log and build-fuzz/artifacts/" >&2
    tail -40 "build-fuzz/$h.log" >&2
    status=1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "build-fuzz/$h.log" | sed 's/^/    /' || true
done
exit $status
