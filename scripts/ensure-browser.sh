#!/usr/bin/env bash
# The browser tests' tools: Debian's chromium and chromium-driver, and selenium from PyPI.
# Installed when missing (apt-get, with sudo when not root); nothing is downloaded at test time
# once they are here.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/bin/chromedriver ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --quiet selenium
