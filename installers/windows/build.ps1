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

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $makensis /V2 "/DAPP_VERSION=$version" "/DDIST_DIR=..\..\build\dist\conflict-minerals-desk" `
    "/DOUT_FILE=..\..\build\ConflictMineralsDesk-$version-windows-setup.exe" `
    installers\windows\conflict-minerals-desk.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "Built build\ConflictMineralsDesk-$version-windows-setup.exe"
