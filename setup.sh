#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine with only python3:
#   bash setup.sh demo   — install everything, then run the demo
#   bash setup.sh test   — install everything, then run lint, types and the whole test suite
#   bash setup.sh        — install only
# Idempotent: a second run checks the Debian packages and the venv stamp and moves on.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  python3-venv python3-dev gcc procps           # venv, pyscard's C build, pgrep for doctor
  fonts-wqy-microhei                            # CJK font: Qt text and embedded in receipts
  libpulse0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3  # Qt wheels
  pcscd libpcsclite-dev vsmartcard-vpcd         # PC/SC stack and a virtual reader
  cups cups-bsd printer-driver-cups-pdf libcups2-dev   # printing, with a PDF printer
  poppler-utils                                 # pdftotext / pdftoppm read receipts back
  cage systemd                                  # the kiosk session; systemd-analyze verify (packaging/)
  xwayland grim libwayland-cursor0 libwayland-client0 libwayland-egl1  # cage's Xwayland, Qt's wayland plugin; tests capture cage headless
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libx11-xcb1  # Qt's xcb plugin: the app on cage's XWayland
  espeak-ng sox pulseaudio pulseaudio-utils     # spoken prompts: WAV cache, sox measures it, null sink for tests
)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_venv() {
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    python3 -m venv .venv
  fi
  local stamp
  stamp=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat .venv/.setup-stamp 2>/dev/null)" != "$stamp" ]; then
    say "installing the project and its pinned dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c constraints.txt -e '.[dev,platform]'
    echo "$stamp" > .venv/.setup-stamp
  fi
}

install_debian_packages
install_venv

case "${1:-}" in
  demo)
    shift
    exec .venv/bin/kiosk demo "$@"
    ;;
  test)
    shift
    export QT_QPA_PLATFORM=offscreen
    say "ruff"; .venv/bin/ruff check .
    say "mypy"; .venv/bin/mypy
    say "qmllint"; .venv/bin/python -m ui.qmltypes --lint
    say "pytest"; exec .venv/bin/pytest "$@"
    ;;
  "") say "set up; run 'bash setup.sh demo' or 'bash setup.sh test'" ;;
  *) echo "usage: bash setup.sh [demo|test]" >&2; exit 2 ;;
esac
