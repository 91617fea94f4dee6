/**
 * The defects a review of the generated scripts found by reading them as an Exchange admin
 * runs them (issue 9), each checked on every script it concerns. The helper functions are
 * also run in pwsh: a call that fails without throwing (as implicit remoting can deliver
 * it), a CA that adds the bare domain to a wildcard, an IIS 6 hash in every form ADSI gives.
 * The simulated Exchange suite (test/exchange-sim) runs the whole scripts end to end.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CertificateRequest, ExchangeVersion, PlanInputError, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { convertToHashText } from '../../src/powershell/autodiscover-site-script';
import { PFX_LEGACY_OPTIONS } from '../../src/powershell/pfx';
import { invokeExchangeStep, testPlannedNames } from '../../src/powershell/snippets';
import { isExchangeCmdlet } from '../../src/powershell/version-table';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { ParsedCommand, commandsOf, parsePowerShell, splatsOf } from './grammar';
import { ISSUERS, allPlans, scriptServers } from './plans';
import { pwshSkip, runPwsh } from './pwsh';

const plans = allPlans().map((p) => ({ ...p, files: renderScripts(p.plan) }));
const STATE_CHANGING = /^(New|Set|Enable|Import|Export|Remove)-/;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'run-defects-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function lastLine(c: ParsedCommand): number {
  return c.line + c.text.split('\n').length - 1;
}

describe('defect 1: a failing Exchange call stops the script, in every version', () => {
  test('every Exchange call passes -ErrorAction, and every state-changing one runs inside Invoke-ExchangeStep with -ErrorAction Stop and -ErrorVariable', async () => {
    let stateChanging = 0;
    const failures: string[] = [];
    for (const { name, plan, files } of plans) {
      for (const f of files) {
        const commands = commandsOf(await parsePowerShell(f.content));
        const steps = commands.filter((c) => c.name === 'Invoke-ExchangeStep');
        const splats = splatsOf(f.content);
        for (const c of commands) {
          if (!isExchangeCmdlet(plan.exchangeVersion, c.name)) continue;
          const splat = splats.find((s) => c.text.includes(`@${s.variable}`));
          const params = new Map([...c.parameters.map((p) => [p.name, p.value ?? ''] as const), ...(splat ? Object.entries(splat.parameters) : [])]);
          if (!params.has('ErrorAction')) failures.push(`${name} ${f.path}:${c.line} ${c.text} has no -ErrorAction`);
          if (!STATE_CHANGING.test(c.name)) continue;
          stateChanging++;
          if (params.get('ErrorAction') !== "'Stop'") failures.push(`${name} ${f.path}:${c.line} ${c.name} does not stop on error`);
          if (params.get('ErrorVariable') !== "'stepErrors'") failures.push(`${name} ${f.path}:${c.line} ${c.name} has no -ErrorVariable 'stepErrors'`);
          if (!steps.some((s) => s.line < c.line && lastLine(s) >= c.line)) failures.push(`${name} ${f.path}:${c.line} ${c.name} is not inside Invoke-ExchangeStep`);
        }
      }
    }
    assert.deepEqual(failures.slice(0, 10), []);
    assert.ok(stateChanging > 1500, `only ${stateChanging} state-changing calls checked`);
  });

  test('the success line of a step comes after its Invoke-ExchangeStep, never before', () => {
    for (const { name, files } of plans) {
      for (const f of files) {
        const lines = f.content.split('\n');
        lines.forEach((l, i) => {
          if (!/^\s*(\$\w+ = )?Invoke-ExchangeStep /.test(l)) return;
          const before = lines.slice(Math.max(0, i - 2), i).join('\n');
          assert.doesNotMatch(before, /Write-Host \(?'(Imported|Enabled|Exported|Created|Request saved)/, `${name} ${f.path}:${i + 1}`);
        });
      }
    }
  });

  test('pwsh: a module function that writes a non-terminating error, or does nothing, fails the step with its name and no success line', (t) => {
    const skip = pwshSkip();
    if (skip) return t.skip(skip);
    fs.writeFileSync(
      path.join(work, 'Remote.psm1'),
      [
        '$script:value = "old"',
        'function Set-Thing { [CmdletBinding()] param([string]$Value, [switch]$Fail, [switch]$Ignore)',
        '  if ($Fail) { $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord ([Exception]"The operation couldn\'t be performed because object \'X\' couldn\'t be found."), "X", "ObjectNotFound", $null)); return }',
        '  if (-not $Ignore) { $script:value = $Value } }',
        'function Get-Thing { [CmdletBinding()] param() [pscustomobject]@{ Value = $script:value } }',
      ].join('\n'),
    );
    const script = (call: string) =>
      [
        'Set-StrictMode -Version Latest',
        "$ErrorActionPreference = 'Stop'",
        // The message on one line (pwsh wraps the error view to the console width).
        'trap { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }',
        'Import-Module ./Remote.psm1',
        ...invokeExchangeStep(),
        "$null = Invoke-ExchangeStep 'Set-Thing new' {",
        // -ErrorAction Continue: the failure stays non-terminating, as implicit remoting can deliver it.
        `    ${call} -ErrorAction 'Continue' -ErrorVariable 'stepErrors'`,
        "} { (Get-Thing).Value -eq 'new' }",
        "Write-Host 'Set the thing.'",
      ].join('\n');
    const failed = runPwsh(script("Set-Thing -Value 'new' -Fail"), work);
    assert.notEqual(failed.status, 0);
    assert.match(failed.stdout + failed.stderr, /FAILED: Set-Thing new: The operation couldn't be performed/);
    assert.doesNotMatch(failed.stdout, /Set the thing\./);
    const nothing = runPwsh(script("Set-Thing -Value 'new' -Ignore"), work);
    assert.notEqual(nothing.status, 0);
    assert.match(nothing.stdout + nothing.stderr, /FAILED: Set-Thing new: Exchange reported no error, but the server does not show the change/);
    assert.doesNotMatch(nothing.stdout, /Set the thing\./);
    const ok = runPwsh(script("Set-Thing -Value 'new'"), work);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Set the thing\./);
  });
});

describe('defect 2: Exchange 2007 on Windows Server 2003 (IIS 6)', () => {
  const twoCerts = buildPlan(contoso('twoCertificates', { exchangeVersion: ExchangeVersion.EXCHANGE_2007 }));
  const files = renderScripts(twoCerts);
  test('verify reads the binding with httpcfg where IIS is older than 7 (no netsh http there), netsh elsewhere', () => {
    const verify = files.filter((f) => f.path.includes('verify'));
    assert.ok(verify.length > 0);
    for (const f of verify) {
      assert.match(f.content, /if \(\$iisMajor -lt 7\) \{\n\s+\$shown = @\(httpcfg\.exe 'query' 'ssl' '-i'/);
      assert.match(f.content, /netsh\.exe 'http' 'show' 'sslcert'/);
    }
  });
  test('the site script binds the certificate through ADSI on IIS 6 and reads it back, instead of saying it cannot', () => {
    const site = files.find((f) => f.path.includes('create-autodiscover-site'))?.content ?? '';
    assert.doesNotMatch(site, /cannot bind a certificate from PowerShell/);
    assert.match(site, /\$site\[0\]\.psbase\.Properties\['SSLCertHash'\]\.Value = \$hashBytes/);
    assert.match(site, /\$site\[0\]\.psbase\.CommitChanges\(\)/);
  });
  test('pwsh: ConvertTo-HashText reads SSLCertHash as bytes, numbers, one hex string or hex pieces alike', (t) => {
    const skip = pwshSkip();
    if (skip) return t.skip(skip);
    const hash = '0C12A1FF00000000000000000000000000000010';
    const bytes = `[byte[]](${hash.match(/../g)!.map((h) => `0x${h}`).join(',')})`;
    const r = runPwsh(
      [
        ...convertToHashText(),
        `$bytes = ${bytes}`,
        'ConvertTo-HashText $bytes',
        'ConvertTo-HashText @($bytes | ForEach-Object { [int]$_ })',
        `ConvertTo-HashText '${hash.toLowerCase()}'`,
        `ConvertTo-HashText @(${hash.match(/../g)!.map((h) => `'${h}'`).join(',')})`,
        "ConvertTo-HashText $null | ForEach-Object { '[' + $_ + ']' }",
      ].join('\n'),
      work,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split(/\r?\n/), [hash, hash, hash, hash, '[]']);
  });
});

describe('defect 3: the ACM Private CA chain on every server that gets the certificate', () => {
  test('two servers, key on the server or made locally: every complete and import script trusts the chain', () => {
    for (const version of [ExchangeVersion.EXCHANGE_2010, ExchangeVersion.EXCHANGE_2019]) {
      for (const request of [undefined, CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' })]) {
        const plan = buildPlan(modernTwoServers({ exchangeVersion: version, issuer: ISSUERS.acmPrivateCa(), caaRecords: false, ...(request ? { certificateRequest: request } : {}) }));
        const installs = renderScripts(plan).filter((f) => /(complete|import)-exchange-certificate/.test(f.path));
        const where = `${version.name} ${request ? 'local key' : 'on server'}`;
        // Key on the server: complete on EX01, import on EX02. Key made locally: one import script that both servers run.
        assert.deepEqual(
          installs.map((f) => f.path.replace(/^scripts\/\d\d-/, '')),
          request ? ['import-exchange-certificate-servers.ps1'] : ['complete-exchange-certificate.ps1', 'import-exchange-certificate-ex02.ps1'],
          where,
        );
        assert.deepEqual(installs.flatMap((f) => scriptServers(f.content)), ['EX01', 'EX02'], `${where}: every server that gets the certificate runs an install script`);
        for (const f of installs) {
          assert.match(f.content, /\$chainFile = Join-Path -Path \$here -ChildPath 'exchange-chain\.pem'/, f.path);
          assert.match(f.content, /\$store\.Add\(\$ca\)/, f.path);
        }
      }
    }
  });
});

describe('defect 4: verify requires Status Valid', () => {
  test('every verify script reports a certificate whose Status is not Valid (Untrusted, Revoked, Expired, missing) as a problem', () => {
    let seen = 0;
    for (const { name, files } of plans) {
      for (const f of files.filter((x) => x.path.includes('verify'))) {
        seen++;
        assert.match(f.content, /if \(\$status -ne 'Valid'\) \{\n\s+\[void\]\$problems\.Add\('Certificate ' \+ \$Certificate\.Thumbprint \+ ' has Status '/, `${name} ${f.path}`);
        assert.match(f.content, /\n\s+Show-Certificate \$certificate/, `${name} ${f.path}`);
      }
    }
    assert.ok(seen > 100);
  });
});

describe('defect 5: a wildcard certificate may carry the bare domain too, never less', () => {
  test('pwsh: Test-PlannedNames accepts *.d plus d, refuses a missing name and any other extra name', (t) => {
    const skip = pwshSkip();
    if (skip) return t.skip(skip);
    const cert = (names: string[]) => `([pscustomobject]@{ CertificateDomains = @(${names.map((n) => `'${n}'`).join(', ')}) })`;
    const r = runPwsh(
      [
        ...testPlannedNames(),
        `Test-PlannedNames ${cert(['*.contoso.com', 'contoso.com'])} @('*.contoso.com')`,
        `Test-PlannedNames ${cert(['*.contoso.com'])} @('*.contoso.com')`,
        `Test-PlannedNames ${cert(['*.contoso.com', 'fabrikam.com'])} @('*.contoso.com')`,
        `Test-PlannedNames ${cert(['contoso.com'])} @('*.contoso.com')`,
        `Test-PlannedNames ${cert(['mail.contoso.com'])} @('mail.contoso.com', 'autodiscover.contoso.com')`,
        `Test-PlannedNames ${cert(['Mail.Contoso.com', 'autodiscover.contoso.com'])} @('mail.contoso.com', 'autodiscover.contoso.com')`,
        `Test-PlannedNames ${cert(['mail.contoso.com', 'autodiscover.contoso.com', 'contoso.com'])} @('mail.contoso.com', 'autodiscover.contoso.com')`,
      ].join('\n'),
      work,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split(/\r?\n/), ['True', 'True', 'False', 'False', 'False', 'True', 'False']);
  });
});

describe('defect 6: keySize 3072 only where the key is made off the server', () => {
  test('refused with the reason when the server makes the key, allowed with generateLocally', () => {
    assert.throws(
      () => buildPlan(contoso('sanCertificate', { keySize: 3072 })),
      (e: unknown) => e instanceof PlanInputError && e.prop === 'keySize' && e.value === 3072 && /New-ExchangeCertificate -KeySize/.test(e.message) && /generateLocally/.test(e.message),
    );
    assert.throws(() => buildPlan(contoso('sanCertificate', { keySize: 3072, certificateRequest: CertificateRequest.fromFile('request/exchange.req') })), /keySize = 3072/);
    const local = buildPlan(contoso('sanCertificate', { keySize: 3072, issuer: ISSUERS.acmPrivateCa(), caaRecords: false, certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }));
    assert.equal(local.certificates[0].keySize, 3072);
    for (const size of [2048, 4096]) assert.equal(buildPlan(contoso('sanCertificate', { keySize: size })).certificates[0].keySize, size);
  });
});

describe('defect 7: every PFX the project tells the admin to make imports on Windows Server 2016 and older', () => {
  test('the openssl command in the import script names 3DES / SHA-1, and says why', () => {
    const plan = buildPlan(modernTwoServers({ issuer: ISSUERS.acmPrivateCa(), caaRecords: false, certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }));
    const imports = renderScripts(plan).filter((f) => f.path.includes('import-exchange-certificate'));
    // Both servers import the same PFX the same way: one script, run on each of them.
    assert.deepEqual(imports.map((f) => f.path), ['scripts/01-import-exchange-certificate-servers.ps1']);
    assert.deepEqual(imports.flatMap((f) => scriptServers(f.content)), ['EX01', 'EX02']);
    for (const f of imports) {
      assert.match(f.content, /openssl pkcs12 -export .* -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1/);
      assert.match(f.content, /The options encrypt it with 3DES with a SHA-1 MAC .*because Windows Server 2016 and older cannot import the AES-256\/PBKDF2 PFX of OpenSSL 3/);
    }
  });

  test('openssl: those options make a PFX encrypted with 3DES and a SHA-1 MAC (OpenSSL 3 would use AES-256 and PBKDF2)', () => {
    const key = path.join(work, 'k.pem');
    const cer = path.join(work, 'c.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cer, '-subj', '/CN=mail.contoso.com', '-days', '1'], { stdio: 'pipe' });
    const legacy = path.join(work, 'legacy.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cer, '-out', legacy, '-passout', 'pass:test', ...PFX_LEGACY_OPTIONS.split(' ')], { stdio: 'pipe' });
    // -info prints the algorithms on standard error.
    const shown = execFileSync('sh', ['-c', 'openssl pkcs12 -in "$1" -info -noout -passin pass:test 2>&1', 'sh', legacy], { encoding: 'utf8' });
    assert.match(shown, /MAC: sha1/);
    assert.match(shown, /pbeWithSHA1And3-KeyTripleDES-CBC/);
    assert.doesNotMatch(shown, /AES-256|PBKDF2|PBES2/);
  });
});

describe('defect 8: cmdlets that only some versions or updates have', () => {
  test('2013: Set-MapiVirtualDirectory runs only where the shell has it (2013 SP1 / CU4), with advice otherwise; 2016 and later call it directly', () => {
    for (const version of [ExchangeVersion.EXCHANGE_2013, ExchangeVersion.EXCHANGE_2016, ExchangeVersion.EXCHANGE_SE]) {
      const files = renderScripts(buildPlan(contoso('sanCertificate', { exchangeVersion: version })));
      for (const f of files.filter((x) => /set-client-urls|verify/.test(x.path))) {
        const guarded = /if \(Get-Command -Name 'Set-MapiVirtualDirectory' -ErrorAction 'SilentlyContinue'\) \{/.test(f.content);
        assert.equal(guarded, version.name === '2013', `${version.name} ${f.path}`);
        assert.match(f.content, /MapiVirtualDirectory/);
        if (guarded) assert.match(f.content, /Write-Warning 'This Exchange 2013 server has no Set-MapiVirtualDirectory: MAPI over HTTP needs Exchange 2013 SP1 \(CU4\) or later\./);
      }
    }
  });

  test('New-AutodiscoverVirtualDirectory takes -Role ClientAccess and -Server from 2013, neither before', async () => {
    for (const version of ExchangeVersion.ALL) {
      const site = renderScripts(buildPlan(contoso('twoCertificates', { exchangeVersion: version }))).find((f) => f.path.includes('create-autodiscover-site'));
      const command = commandsOf(await parsePowerShell(site?.content ?? '')).find((c) => c.name === 'New-AutodiscoverVirtualDirectory');
      assert.ok(command, version.name);
      const names = command.parameters.map((p) => p.name);
      const modern = version.atLeast(ExchangeVersion.EXCHANGE_2013);
      assert.equal(names.includes('Role'), modern, version.name);
      assert.equal(names.includes('Server'), modern, version.name);
      if (modern) assert.equal(command.parameters.find((p) => p.name === 'Role')?.value, "'ClientAccess'");
    }
  });
});
