#!/usr/bin/env bash
# Installs, from Debian's package registry, the tools the test suite drives as real programs when they
# are missing: Chromium and its WebDriver (end-to-end tests) and kubectl (rendering the Kustomize
# overlays). Needs root (or sudo); does nothing when the tools are there.
#
#   scripts/ensure-test-tools.sh [chromium] [kubectl]     (no argument: both)
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium kubectl)

packages=()
for tool in "${wanted[@]}"; do
  case "$tool" in
    chromium) { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || packages+=(chromium chromium-driver) ;;
    kubectl) command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client) ;;
    *) echo "unknown tool: $tool" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${packages[*]} from Debian's packages ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
