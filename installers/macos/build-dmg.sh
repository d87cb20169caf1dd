#!/usr/bin/env bash
# Build "Conflict Minerals Desk.app" with PyInstaller and wrap it in a .dmg (macOS only).
#
#   bash installers/macos/build-dmg.sh            # unsigned build (fine for testing)
#
# Signing and notarisation run only when their secrets are in the environment:
#   MACOS_SIGNING_IDENTITY   "Developer ID Application: Example Inc (TEAMID)"; the certificate must
#                            already be in the keychain (the workflow imports it from
#                            MACOS_CERTIFICATE_P12 / MACOS_CERTIFICATE_PASSWORD)
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   an app-specific password for notarytool
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
ARCH=$(uname -m)
DIST="build/dist"
APP="$DIST/Conflict Minerals Desk.app"
DMG="build/ConflictMineralsDesk-$VERSION-macos-$ARCH.dmg"

python3 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath build/pyinstaller-work installers/pyinstaller/conflict-minerals-desk.spec

# The frozen app must pass its own smoke test before it is packaged.
if ! QT_QPA_PLATFORM=offscreen CMDESK_SMOKE_DIR="$PWD/build/smoke" \
        "$APP/Contents/MacOS/conflict-minerals-desk" --smoke-test; then
    cat build/smoke/smoke-report.txt >&2 || true
    exit 1
fi

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "MACOS_SIGNING_IDENTITY not set: building an unsigned app (Gatekeeper will warn users)."
fi

STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"  # drag-to-install
rm -f "$DMG"
# hdiutil now and then fails with "Resource busy" on CI runners; a retry is the known cure.
for attempt in 1 2 3; do
    if hdiutil create -volname "Conflict Minerals Desk $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"; then
        break
    fi
    [ "$attempt" = 3 ] && exit 1
    sleep 10
done
rm -rf "$STAGE"

if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
        && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
else
    echo "Notarisation skipped: APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD are not all set."
fi
echo "Built $DMG"
