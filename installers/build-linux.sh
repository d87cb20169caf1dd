#!/usr/bin/env bash
# Build the Linux onedir bundle with PyInstaller and run its --smoke-test offscreen.
# This catches missing hidden imports, resources and Qt plugins before the Windows and macOS
# runners see them. Usage: bash installers/build-linux.sh [dist-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-build/dist}"
WORK="build/pyinstaller-work"

python3 -m pip install -q "pyinstaller>=6.0"
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" installers/pyinstaller/conflict-minerals-desk.spec

APP="$(cd "$DIST/conflict-minerals-desk" && pwd)/conflict-minerals-desk"
SMOKE_OUT="$(mktemp -d)"
STDERR="$SMOKE_OUT/stderr.txt"
# The frozen app must start with no Python on the path and no source tree nearby.
if ! (cd "$SMOKE_OUT" && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen CMDESK_DATA_DIR="$SMOKE_OUT/data" \
        "$APP" --smoke-test 2> "$STDERR"); then
    echo "The frozen app's smoke test failed:" >&2
    cat "$STDERR" >&2
    exit 1
fi
echo "Linux bundle built in $DIST/conflict-minerals-desk and its smoke test passed."
du -sh "$DIST/conflict-minerals-desk" | cut -f1 | sed 's/^/Bundle size: /'
