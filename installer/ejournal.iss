; ЭЖ — Windows installer (Inno Setup 6). Build the bundle first: `python installer\build.py`,
; then `iscc installer\ejournal.iss` (or `python installer\build.py --inno`). See installer\README.md.
;
; Russian wizard, Start-menu and desktop shortcuts, an uninstaller, and a page asking for the college
; server's address: it is written to {app}\default_profile.ini, which every user's ЭЖ takes into their
; connection list on the next start (ui/app_settings.apply_default_profile). Silent install for
; twenty staff-room PCs:
;   ejournal-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /SERVER=10.0.0.5 /PORT=5432 /DATABASE=ejournal

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ЭЖ — электронный журнал"
#define AppExe "ejournal-desktop.exe"

[Setup]
AppId={{6B0E4D53-0C3B-4E0B-9E7C-8C1D2B7A5E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Администратор ЭЖ техникума
DefaultDirName={autopf}\ЭЖ
DefaultGroupName=ЭЖ
DisableProgramGroupPage=yes
OutputDir=dist
OutputBaseFilename=ejournal-{#AppVersion}-setup
SetupIconFile=build\ejournal.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "Создать значок на рабочем столе"; GroupDescription: "Значки:"

[Files]
Source: "dist\ejournal\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ЭЖ — электронный журнал"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\Демо-техникум ЭЖ"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{group}\Удалить ЭЖ"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ЭЖ"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Запустить ЭЖ"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: files; Name: "{app}\default_profile.ini"

[Code]
var
  ServerPage: TInputQueryWizardPage;

function ParamOrDefault(const Name, Default: String): String;
begin
  Result := ExpandConstant('{param:' + Name + '|' + Default + '}');
end;

procedure InitializeWizard;
begin
  ServerPage := CreateInputQueryPage(wpSelectDir,
    'Сервер техникума',
    'Где хранится журнал?',
    'Укажите адрес сервера PostgreSQL техникума (имя компьютера или IP-адрес). ' +
    'Оставьте поле пустым, если ЭЖ будет работать с файлом на этом компьютере.');
  ServerPage.Add('Адрес сервера:', False);
  ServerPage.Add('Порт:', False);
  ServerPage.Add('База данных:', False);
  ServerPage.Values[0] := ParamOrDefault('SERVER', '');
  ServerPage.Values[1] := ParamOrDefault('PORT', '5432');
  ServerPage.Values[2] := ParamOrDefault('DATABASE', 'ejournal');
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = ServerPage.ID) and (Trim(ServerPage.Values[0]) <> '') then
  begin
    if StrToIntDef(Trim(ServerPage.Values[1]), 0) <= 0 then
    begin
      MsgBox('Порт — число от 1 до 65535 (обычно 5432).', mbError, MB_OK);
      Result := False;
    end
    else if Trim(ServerPage.Values[2]) = '' then
    begin
      MsgBox('Укажите имя базы данных на сервере (обычно ejournal).', mbError, MB_OK);
      Result := False;
    end;
  end;
end;

{ The same format as ui/profiles.py writes (a QSettings INI array), in UTF-8. }
procedure WriteDefaultProfile;
var
  Lines: TArrayOfString;
begin
  SetArrayLength(Lines, 9);
  Lines[0] := '[profiles]';
  Lines[1] := '1\name=Сервер техникума';
  Lines[2] := '1\kind=server';
  Lines[3] := '1\host=' + Trim(ServerPage.Values[0]);
  Lines[4] := '1\port=' + Trim(ServerPage.Values[1]);
  Lines[5] := '1\database=' + Trim(ServerPage.Values[2]);
  Lines[6] := '1\sslmode=prefer';
  Lines[7] := 'size=1';
  Lines[8] := '';
  SaveStringsToUTF8File(ExpandConstant('{app}\default_profile.ini'), Lines, False);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
  begin
    if Trim(ServerPage.Values[0]) <> '' then
      WriteDefaultProfile
    else
      DeleteFile(ExpandConstant('{app}\default_profile.ini'));
  end;
end;
