#!/usr/bin/env bash
# Installs what the build needs, from package managers only: Debian's packages (apt) and the
# pinned grammar sources (npm ci --ignore-scripts, from package-lock.json). Idempotent and
# quick when everything is already there. Sourced by setup.sh and test.sh.
set -euo pipefail

# python3-jsonschema: the CLI tests validate every SARIF and JSON report against its schema;
# python3-yaml: they read action.yml and .pre-commit-hooks.yaml as their hosts would.
# chromium: the HTML report is tested in a headless browser (tests/html/browser_test.py).
# clang + libclang-rt-14-dev: the libFuzzer harnesses; valgrind: the memcheck test.
ms_apt_packages=(pkg-config libtree-sitter-dev libpcre2-dev libjansson-dev libyaml-dev zlib1g-dev python3-jsonschema python3-yaml
                 chromium clang libclang-rt-14-dev valgrind)

ms_install_deps() {
  local missing=()
  for p in "${ms_apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  for tool in cmake gcc make python3 npm; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" build-essential
  fi
  # Grammar sources: reinstall only when the lockfile changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing grammar sources (npm ci --ignore-scripts)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}
