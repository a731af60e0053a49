#!/usr/bin/env bash
# Builds the terminal's Debian package, offline, from this checkout:
#   bash packaging/build-deb.sh [OUTDIR]        → OUTDIR/village-kiosk_<version>_amd64.deb
# The application gets its own Python environment under /opt/village-kiosk/venv, made
# with Debian's python3.11 (what the kiosk has) and filled with the wheel of this checkout
# plus the exact runtime set installed in .venv by setup.sh (constraints.txt; no developer
# tools, no county-platform extra): nothing is downloaded. Needs: bash setup.sh done,
# dpkg-deb, /usr/bin/python3.11. KIOSK_DEB_COMPRESSION=none|gzip|xz (default gzip).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
BUILD_PY="${KIOSK_BUILD_PYTHON:-$ROOT/.venv/bin/python}"
TARGET_PY=/usr/bin/python3.11
APP=/opt/village-kiosk
COMPRESSION="${KIOSK_DEB_COMPRESSION:-gzip}"

say() { printf '\033[1m[build-deb]\033[0m %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null || [ -x "$1" ] || { echo "error: $1 missing: $2" >&2; exit 1; }; }
need "$BUILD_PY" "run 'bash setup.sh' first (it installs the pinned set this package copies)"
need "$TARGET_PY" "apt-get install python3.11 (Debian's, what a kiosk runs)"
need dpkg-deb "apt-get install dpkg"

VERSION="$("$BUILD_PY" -c "import tomllib; print(tomllib.load(open('$ROOT/pyproject.toml', 'rb'))['project']['version'])")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/root"
VENV="$STAGE$APP/venv"

say "wheel of the checkout (its source files only, copied: no stale build/)"
"$BUILD_PY" "$ROOT/packaging/source_tree.py" "$WORK/src"
"$BUILD_PY" -m pip wheel -q --no-deps -w "$WORK/dist" "$WORK/src" >/dev/null 2>"$WORK/wheel.log" \
    || { cat "$WORK/wheel.log" >&2; exit 1; }
say "environment: $TARGET_PY venv at $APP/venv"
"$TARGET_PY" -m venv --without-pip "$VENV"
"$BUILD_PY" -m pip --python "$VENV/bin/python" install -q --no-deps --no-index --no-compile \
    "$WORK"/dist/village_kiosk-*.whl
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
"$BUILD_PY" "$ROOT/packaging/runtime_closure.py" village-kiosk --copy "$SITE" >&2
# The venv was made at the staging path: point its scripts and config at /opt.
find "$VENV/bin" "$VENV/pyvenv.cfg" -maxdepth 1 -type f -print0 \
    | xargs -0 grep -lI --null -F "$STAGE" | xargs -0 -r sed -i "s|$STAGE||g"
find "$STAGE" -name __pycache__ -type d -prune -exec rm -rf {} +

say "units, udev rules, config, journald drop-in, out-of-order screen"
install -D -m 0644 -t "$STAGE/lib/systemd/system" "$ROOT"/packaging/systemd/*.service \
    "$ROOT"/packaging/systemd/*.timer
install -D -m 0644 "$ROOT/packaging/udev/70-village-kiosk.rules" \
    "$STAGE/lib/udev/rules.d/70-village-kiosk.rules"
install -D -m 0644 "$ROOT/packaging/kiosk.toml" "$STAGE/etc/village-kiosk/kiosk.toml"
install -D -m 0644 "$ROOT/packaging/journald/village-kiosk.conf" \
    "$STAGE/usr/lib/systemd/journald.conf.d/village-kiosk.conf"
install -D -m 0644 -t "$STAGE$APP/share" "$ROOT"/packaging/share/*
install -D -m 0644 "$ROOT/README.md" "$STAGE$APP/README.md"
install -d "$STAGE/usr/bin"
ln -s "$APP/venv/bin/kiosk" "$STAGE/usr/bin/kiosk"

install -d "$STAGE/DEBIAN"
SIZE_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@SIZE_KB@/$SIZE_KB/" "$ROOT/packaging/debian/control.in" \
    > "$STAGE/DEBIAN/control"
install -m 0644 "$ROOT/packaging/debian/conffiles" "$STAGE/DEBIAN/conffiles"
install -m 0755 "$ROOT"/packaging/debian/{postinst,prerm,postrm} "$STAGE/DEBIAN/"

DEB="$OUT/village-kiosk_${VERSION}_amd64.deb"
say "dpkg-deb ($COMPRESSION) → $DEB"
dpkg-deb --root-owner-group -Z"$COMPRESSION" --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
