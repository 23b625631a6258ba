; Inno Setup script: a per-user Windows installer for the PyInstaller bundle.
; No admin rights: installs into %LOCALAPPDATA%\Programs\MLOps Proposal Editor, Start menu
; shortcut, "Open with" entries for Markdown (.md) and Word (.docx) files, an uninstaller.
;
; On Windows, from the repository root (Python, PyInstaller and Inno Setup 6 installed):
;   py -m pip install pyinstaller dist\mlops_proposal_editor-*.whl
;   py -m PyInstaller --noconfirm packaging\pyinstaller\proposal-editor.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\proposal-editor.iss
; Result: dist\MLOpsProposalEditor-VERSION-setup.exe. The version is read from the executable's
; version resource, which the spec writes from editor/__init__.py (the one place it is kept).
; Lab machines: run the installer silently per user with  MLOpsProposalEditor-*-setup.exe /SILENT

#define AppName "MLOps Proposal Editor"
#define AppExe "ProposalEditor.exe"
#define BundleDir "..\..\dist\proposal-editor"
#define AppVersion GetStringFileInfo(BundleDir + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error Build the PyInstaller bundle first (dist\proposal-editor\ProposalEditor.exe not found)
#endif

[Setup]
; AppId identifies the app across upgrades: never change it.
AppId={{6B1E6A52-3C8F-4B0E-9A57-2C4E1F0D7A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MLOps course
VersionInfoVersion={#AppVersion}
; Per-user install, no elevation; {autopf} is %LOCALAPPDATA%\Programs in this mode.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\icons\proposal-editor.ico
OutputDir=..\..\dist
OutputBaseFilename=MLOpsProposalEditor-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.OpenWithDescription=MLOps project proposal
fr.OpenWithDescription=Proposition de projet MLOps

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole (no stale DLLs from the old version).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; "Open with" for .md, .markdown and .docx, never the default program: HKA is HKCU here.
Root: HKA; Subkey: "Software\Classes\MLOpsProposalEditor.Proposal"; ValueType: string; ValueName: ""; ValueData: "{cm:OpenWithDescription}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MLOpsProposalEditor.Proposal\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MLOpsProposalEditor.Proposal\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "MLOpsProposalEditor.Proposal"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "MLOpsProposalEditor.Proposal"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "MLOpsProposalEditor.Proposal"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".markdown"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
