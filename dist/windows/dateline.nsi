; Dateline for Windows: a per-user installer, built offline by `make dist`
; with Debian's makensis (Tauri's own NSIS bundler downloads a plugin, which
; cannot be fetched here; see docs/INSTALL.md).
;
;   makensis -DVERSION=0.1.0 -DSRC=<folder with the two .exe> -DOUTFILE=<setup.exe> dateline.nsi
;
; - No admin rights: everything goes under the user's own profile and HKCU.
; - Installs to %LOCALAPPDATA%\Programs\Dateline, like other per-user apps.
; - The user's releases live in %APPDATA%\org.dateline.app, which the app
;   creates; neither the installer nor the uninstaller ever touches it.

; A 64-bit installer (Debian's nsis ships the amd64 stubs): the app is x86_64
; only, and a 64-bit installer sees the registry and Program folders as the
; app does. On 32-bit Windows it does not start at all.
Target amd64-unicode
!include LogicLib.nsh
SetCompressor /SOLID lzma
; The installer does not record the files' times: the same executables give
; the same installer, whenever they were built (docs/INSTALL.md).
SetDateSave off
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SRC
  !error "pass -DSRC=folder holding dateline-app.exe and dateline.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "Dateline-${VERSION}-setup.exe"
!endif

!define APP "Dateline"
!define EXE "dateline-app.exe"
!define PROGID "Dateline.Release"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Dateline"
; The WebView2 Runtime's client id, from Microsoft's "Distribute your app and
; the WebView2 Runtime" guide: the runtime is installed when the value "pv"
; under EdgeUpdate\Clients\{this id} exists and is neither empty nor 0.0.0.0,
; machine-wide (HKLM\SOFTWARE\WOW6432Node\... on 64-bit Windows) or per-user
; (HKCU\Software\...).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
Icon "${SRC}\icon.ico"
UninstallIcon "${SRC}\icon.ico"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Dateline contributors, MIT licence"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Function .onInit
  ; $SMPROGRAMS and friends are the user's own, not All Users'.
  SetShellVarContext current
  Call CheckWebView2
FunctionEnd

; Dateline draws its window with the system's WebView2 (part of Windows 10
; and 11). Without it the app cannot open, so say so plainly before
; installing. A silent install (/S) goes on: IT may install the runtime after.
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    Return
  ${EndIf}
  ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    Return
  ${EndIf}
  MessageBox MB_YESNO|MB_ICONEXCLAMATION \
    "Dateline needs the Microsoft Edge WebView2 Runtime, and it is not installed on this computer.$\r$\n$\r$\nWindows 10 and 11 normally include it. Ask your IT team to install $\"Microsoft Edge WebView2 Runtime$\" (Evergreen), or install it from Microsoft's website.$\r$\n$\r$\nInstall Dateline anyway? It will not start until WebView2 is installed." \
    /SD IDYES IDYES +2
  Abort
FunctionEnd

Section "Dateline"
  SetOutPath "$INSTDIR"
  File "${SRC}\${EXE}"
  ; The command line, for scripts: "%LOCALAPPDATA%\Programs\Dateline\dateline.exe".
  File "${SRC}\dateline.exe"
  File "${SRC}\icon.ico"
  ; Spelling dictionaries (Debian's Hunspell files, dist/windows/dictionaries.sh)
  ; with their licences, where the check looks for them
  ; (crates/dateline-core/src/install.rs).
  SetOutPath "$INSTDIR\dictionaries"
  File /r "${SRC}\dictionaries\*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\icon.ico"

  ; File type. Explorer picks a program by the last extension only (".json"),
  ; so ".dateline.json" cannot have a default of its own: Dateline is offered
  ; under "Open with" for JSON files without taking them over. The app opens a
  ; file given as "%1" when its name ends in .dateline.json.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Dateline press release"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\SupportedTypes" ".json" ""
  ; SHCNE_ASSOCCHANGED: Explorer rereads the associations now.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; "Apps & features" entry, per user.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Dateline"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; Removes what the installer put there and nothing else: the releases in
; %APPDATA%\org.dateline.app stay, so a reinstall finds them.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\dateline.exe"
  Delete "$INSTDIR\icon.ico"
  RMDir /r "$INSTDIR\dictionaries"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
