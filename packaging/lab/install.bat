@echo off
rem Installs MLOps Proposal Editor from this wheelhouse, offline, for the current user
rem (no admin rights): %LOCALAPPDATA%\Programs\MLOps Proposal Editor, with a Start menu shortcut.
rem Needs the Python version written in TARGET (python.org installer, "py" launcher).
rem   install.bat             install or upgrade
rem   install.bat /uninstall  remove
setlocal EnableExtensions
set "HERE=%~dp0"
for /f "usebackq tokens=1,2 delims==" %%a in ("%HERE%TARGET") do set "%%a=%%b"
set "PREFIX=%LOCALAPPDATA%\Programs\MLOps Proposal Editor"
set "SHORTCUT=%APPDATA%\Microsoft\Windows\Start Menu\Programs\MLOps Proposal Editor.lnk"

if /i "%~1"=="/uninstall" (
  del /q "%SHORTCUT%" 2>nul
  rmdir /s /q "%PREFIX%" 2>nul
  echo install: removed "%PREFIX%"
  exit /b 0
)

set "PY="
where py >nul 2>nul && py -%PYTHON_VERSION% -c "pass" >nul 2>nul && set "PY=py -%PYTHON_VERSION%"
if not defined PY (
  for /f "delims=" %%v in ('python -c "import sys; print(*sys.version_info[:2], sep='.')" 2^>nul') do if "%%v"=="%PYTHON_VERSION%" set "PY=python"
)
if not defined PY (
  echo install: this wheelhouse is for Python %PYTHON_VERSION% ^(%PLATFORM%^); install it from python.org first.
  exit /b 1
)

echo install: creating "%PREFIX%"
if exist "%PREFIX%\venv" rmdir /s /q "%PREFIX%\venv"
%PY% -m venv "%PREFIX%\venv" || exit /b 1
"%PREFIX%\venv\Scripts\python.exe" -m pip install --quiet --no-index --no-cache-dir --disable-pip-version-check --find-links "%HERE%wheels" mlops-proposal-editor || exit /b 1

powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$s = (New-Object -ComObject WScript.Shell).CreateShortcut($env:SHORTCUT);" ^
  "$s.TargetPath = Join-Path $env:PREFIX 'venv\Scripts\proposal-editor-gui.exe';" ^
  "$s.WorkingDirectory = [Environment]::GetFolderPath('MyDocuments');" ^
  "$s.Description = 'Write an MLOps project proposal that follows the course guide';" ^
  "$s.Save()"
"%PREFIX%\venv\Scripts\proposal-editor.exe" --version
echo install: done; start it from the Start menu ("MLOps Proposal Editor").
endlocal
