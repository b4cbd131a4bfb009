#!/usr/bin/env bash
# Installs kata's build and test dependencies from Debian 12's packages.
# Only what is missing is installed, so a second run is a quick no-op.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libsqlite3-dev sqlite3
  libboost-dev libboost-filesystem-dev
  libcpp-httplib-dev
  catch2
  nlohmann-json3-dev
  libcli11-dev
  libtomlplusplus-dev
  libfmt-dev libspdlog-dev
  libseccomp-dev
  libarchive-dev
  libcmark-dev libssl-dev
  python3
)
# For the web page's end-to-end test only: where they cannot be had, that test is skipped.
optional=(nodejs chromium)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for package in "${packages[@]}"; do
  is_installed "$package" || missing+=("$package")
done
missing_optional=()
for package in "${optional[@]}"; do
  is_installed "$package" || missing_optional+=("$package")
done

install_browser_driver() {
  # playwright-core drives Debian's Chromium in the web page's end-to-end test; it is
  # installed without a lock file and never downloads a browser of its own.
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ]; then
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-package-lock \
      --no-audit --no-fund --silent playwright-core@1.65.1) || echo "note: playwright-core not installed; the browser test will be skipped" >&2
  fi
}

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
  install_browser_driver
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "Installing (for the browser test): ${missing_optional[*]}" >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing_optional[@]}" || echo "note: ${missing_optional[*]} not installed; the browser test will be skipped" >&2
fi
install_browser_driver
