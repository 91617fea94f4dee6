#!/usr/bin/env node
// Makes sure PowerShell 7.6.9 is available to the scripts suite (test/exchange-sim): reuses
// .tools/pwsh/pwsh (git-ignored) when it is there and reports that version, else installs it
// as a .NET tool from the configured NuGet source:
//   dotnet tool install PowerShell --version 7.6.9 --tool-path .tools/pwsh
// Prints the path. Exits non-zero when it cannot (no dotnet, no package), saying why.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const VERSION = '7.6.9';
const root = path.resolve(__dirname, '..');
const toolPath = path.join(root, '.tools', 'pwsh');
const exe = path.join(toolPath, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');

function installedVersion() {
  if (!fs.existsSync(exe)) return undefined;
  const r = spawnSync(exe, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let version = installedVersion();
if (version !== VERSION) {
  if (fs.existsSync(toolPath)) fs.rmSync(toolPath, { recursive: true, force: true });
  const dotnet = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  if (dotnet.status !== 0) {
    console.error(`ensure-pwsh: PowerShell ${VERSION} is not in .tools/pwsh and the .NET SDK (dotnet) is not on PATH to install it.`);
    process.exit(1);
  }
  console.log(`ensure-pwsh: installing PowerShell ${VERSION} into .tools/pwsh (dotnet tool install)`);
  const r = spawnSync('dotnet', ['tool', 'install', 'PowerShell', '--version', VERSION, '--tool-path', toolPath], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
  if (r.status !== 0) {
    console.error(`ensure-pwsh: dotnet tool install failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  version = installedVersion();
  if (version !== VERSION) {
    console.error(`ensure-pwsh: installed, but ${exe} reports ${version ?? 'nothing'}, not ${VERSION}.`);
    process.exit(1);
  }
}
console.log(`ensure-pwsh: PowerShell ${version} at ${path.relative(root, exe)}`);
