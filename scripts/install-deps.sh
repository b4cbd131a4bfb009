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

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
echo "Installing: ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
