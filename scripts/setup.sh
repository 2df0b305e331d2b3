#!/usr/bin/env bash
# Set-up command (1): installs the dependencies, builds mcp-sentinel in Release, installs it
# (to /usr/local/bin unless MS_NO_INSTALL=1) and scans the bundled example corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ms_install_deps

echo "==> building (Release)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMS_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
if [ "${MS_NO_INSTALL:-0}" != 1 ]; then
  cmake --install build >/dev/null && echo "==> installed $(command -v mcp-sentinel || echo /usr/local/bin/mcp-sentinel)"
fi

echo "==> scanning the example corpus: build/mcp-sentinel scan corpus"
rc=0
./build/mcp-sentinel scan corpus || rc=$?
# Exit codes 3-6 mean "findings at that severity": the corpus is vulnerable on purpose.
if [ "$rc" -ge 3 ] && [ "$rc" -le 6 ]; then
  echo "==> set-up done: the scan found the corpus's planted flaws (exit code $rc means findings, as expected)"
elif [ "$rc" -eq 0 ]; then
  echo "==> set-up done"
else
  echo "==> the corpus scan failed with exit code $rc" >&2
  exit "$rc"
fi
