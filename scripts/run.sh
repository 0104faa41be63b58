#!/usr/bin/env bash
# Runs ProxyLens (on the bundled seed articles the first time, or on FOLDER if given).
# On Debian/Ubuntu it first installs the few system libraries a window needs, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for lib in libxkbcommon-x11.so.0 libEGL.so.1 libXcursor.so.1 libXi.so.6; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || need+=("$lib")
done
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libxkbcommon-x11-0 libegl1 libegl-mesa0 libxcursor1 libxi6 mesa-vulkan-drivers
fi
exec cargo run --release -- "$@"
