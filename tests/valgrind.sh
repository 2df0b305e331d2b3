#!/usr/bin/env bash
# valgrind memcheck on full scans of corpus/: once cold (every file parsed and analysed, results
# written to a fresh cache) and once warm (every result read back from it). Both must report no
# errors and no definite or indirect leaks. PCRE2 runs interpreted (MCP_SENTINEL_NO_JIT): its
# JIT's vector loads read past subjects, which memcheck flags though it is safe; the ASan
# builds cover the JIT. Usage: valgrind.sh BINARY SOURCE_DIR WORK_DIR
set -u
bin="$1" src="$2" work="$3"
rm -rf "$work" && mkdir -p "$work"
status=0
for phase in cold warm; do
  MCP_SENTINEL_NO_JIT=1 valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect "$bin" scan -j 4 --cache-dir "$work/cache" --output json \
    --output-file "$work/$phase.json" "$src/corpus" 2> "$work/$phase.log"
  rc=$?
  echo "$phase: exit $rc, $(grep -o 'ERROR SUMMARY: [0-9]* errors' "$work/$phase.log")"
  if [ "$rc" = 99 ] || ! grep -q "ERROR SUMMARY: 0 errors" "$work/$phase.log"; then
    tail -60 "$work/$phase.log"
    status=1
  fi
done
exit $status
