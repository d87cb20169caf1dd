; Windows installer for Conflict Minerals Filing Desk: a per-user install, no administrator rights.
;
;   makensis /DAPP_VERSION=0.1.0 /DDIST_DIR=..\..\build\dist\conflict-minerals-desk ^
;            /DOUT_FILE=..\..\build\ConflictMineralsDesk-0.1.0-setup.exe conflict-minerals-desk.nsi
;
; DIST_DIR is the PyInstaller onedir folder. Installs into %LOCALAPPDATA%\Programs, adds a Start menu
; shortcut, registers the uninstaller and the .cmdesk file type for this user only (HKCU). An
; upgrade removes the previous version's files first, so no stale module is left behind.

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef APP_VERSION
  !error "Pass /DAPP_VERSION=x.y.z (the version in pyproject.toml)"
!endif
!ifndef DIST_DIR
  !error "Pass /DDIST_DIR=<the PyInstaller onedir folder>"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "ConflictMineralsDesk-${APP_VERSION}-setup.exe"
!endif

; Optional signing: build.ps1 passes SIGN_CMD (a script that signs the file it is given) only when
; a certificate is configured; makensis then signs the setup program and the uninstaller it writes.
!ifdef SIGN_CMD
  !finalize '"${SIGN_CMD}" "%1"' = 0
  !uninstfinalize '"${SIGN_CMD}" "%1"' = 0
!endif

!define APP_NAME "Conflict Minerals Desk"
!define EXE_NAME "conflict-minerals-desk.exe"
!define COMPANY_KEY "ConflictMineralsDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${COMPANY_KEY}"
!define PROG_ID "ConflictMineralsDesk.Project"
!define ICON_FILE "..\..\resources\icons\app-icon.ico"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${COMPANY_KEY}" "InstallDir"
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"  ; smallest download; the Linux check passes zlib for speed
!endif
SetCompressor ${COMPRESSOR}
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${APP_VERSION}.0"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${APP_VERSION}"
VIAddVersionKey "FileVersion" "${APP_VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "LegalCopyright" "${APP_NAME}"

!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Upgrade: remove a previous version's program files (never the user's projects, which live in
; Documents), wherever it was installed, so no stale module is left behind. Only a folder holding
; our uninstaller is touched, in case the user once picked a folder shared with other files.
!macro RemoveProgramFiles FOLDER
  ${If} ${FileExists} "${FOLDER}\Uninstall.exe"
    RMDir /r "${FOLDER}\_internal"
    Delete "${FOLDER}\${EXE_NAME}"
    Delete "${FOLDER}\Uninstall.exe"
    RMDir "${FOLDER}"
  ${EndIf}
!macroend

Section "Install"
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
    !insertmacro RemoveProgramFiles "$0"
  ${EndIf}
  !insertmacro RemoveProgramFiles "$INSTDIR"

  SetOutPath "$INSTDIR"
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Uninstall ${APP_NAME}.lnk" "$INSTDIR\Uninstall.exe"

  WriteRegStr HKCU "Software\${COMPANY_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${COMPANY_KEY}" "Version" "${APP_VERSION}"

  ; Add/Remove Programs entry for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $1  ; in KB, shown by Settings > Apps

  ; Double-clicking a .cmdesk project opens it in the app.
  WriteRegStr HKCU "Software\Classes\.cmdesk" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "Conflict Minerals Desk project"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE_NAME}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; refresh Explorer's icons
SectionEnd

Section "Uninstall"
  !insertmacro RemoveProgramFiles "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${COMPANY_KEY}"
  ; Remove the file type only if it still points at this app.
  ReadRegStr $0 HKCU "Software\Classes\.cmdesk" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.cmdesk"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
