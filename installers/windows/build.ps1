# Build the Windows installer: PyInstaller onedir, the frozen app's smoke test, then NSIS.
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$version = python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

python -m PyInstaller --noconfirm --clean --log-level WARN --distpath build\dist `
    --workpath build\pyinstaller-work installers\pyinstaller\conflict-minerals-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The app has no console window, so the smoke test's verdict is its exit code and report file.
$env:QT_QPA_PLATFORM = "offscreen"
$env:CMDESK_SMOKE_DIR = (Join-Path (Get-Location) "build\smoke")
$smoke = Start-Process -FilePath "build\dist\conflict-minerals-desk\conflict-minerals-desk.exe" `
    -ArgumentList "--smoke-test" -Wait -PassThru -NoNewWindow
Get-Content "build\smoke\smoke-report.txt" -ErrorAction SilentlyContinue
if ($smoke.ExitCode -ne 0) { throw "The frozen app's smoke test failed (exit code $($smoke.ExitCode))" }

# Optional signing, only when a certificate is configured (README, "Signing"): the app here, the
# setup program and its uninstaller by makensis through SIGN_CMD.
$nsisArgs = @()
if ($env:WINDOWS_CERTIFICATE_PFX) {
    $signtool = (Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1).FullName
    if (-not $signtool) { throw "signtool.exe not found (install the Windows SDK)" }
    $timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    # makensis calls this little script with each file to sign: the password stays in a file the
    # build deletes, never on a command line that makensis would print.
    $signScript = Join-Path (Get-Location) "build\sign.cmd"
    "@`"$signtool`" sign /f `"$env:WINDOWS_CERTIFICATE_PFX`" /p `"$env:WINDOWS_CERTIFICATE_PASSWORD`" /fd SHA256 /tr $timestamp /td SHA256 %1" |
        Set-Content -Encoding ascii $signScript
    & $signScript "build\dist\conflict-minerals-desk\conflict-minerals-desk.exe"
    if ($LASTEXITCODE -ne 0) { throw "signtool failed" }
    $nsisArgs += "/DSIGN_CMD=$signScript"
} else {
    Write-Host "WINDOWS_CERTIFICATE_PFX not set: building an unsigned installer (SmartScreen will warn users)."
}

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $makensis /V2 "/DAPP_VERSION=$version" "/DDIST_DIR=..\..\build\dist\conflict-minerals-desk" `
    "/DOUT_FILE=..\..\build\ConflictMineralsDesk-$version-windows-setup.exe" @nsisArgs `
    installers\windows\conflict-minerals-desk.nsi
$nsisExit = $LASTEXITCODE
if ($signScript) { Remove-Item $signScript }
if ($nsisExit -ne 0) { throw "makensis failed" }
Write-Host "Built build\ConflictMineralsDesk-$version-windows-setup.exe"
