import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { ParsedCommand, commandsOf, literalValues, parsePowerShell } from './grammar';
import { contoso, modernTwoServers } from '../fixtures/contoso';

async function commands(content: string): Promise<ParsedCommand[]> {
  return commandsOf(await parsePowerShell(content));
}

function only(list: ParsedCommand[], name: string): ParsedCommand {
  const found = list.filter((c) => c.name === name);
  assert.equal(found.length, 1, `expected one ${name}, found ${found.length}`);
  return found[0];
}

function param(c: ParsedCommand, name: string): string | undefined {
  const p = c.parameters.find((x) => x.name === name);
  assert.ok(p, `${c.name} has no -${name}: ${c.text}`);
  return p.value;
}

/** The string values passed to a parameter. */
function strings(c: ParsedCommand, name: string): string[] {
  param(c, name);
  return literalValues(c.parameters.find((x) => x.name === name)?.valueNode);
}

describe("Contoso, SAN certificate, Exchange 2007, with the seed's ISA export: the seed's commands, corrected for today", () => {
  const plan = buildPlan(contoso('sanCertificate', { exportPfxForReverseProxy: true }));
  const files = renderScripts(plan);
  const file = (part: string) => {
    const f = files.find((x) => x.path.includes(part));
    assert.ok(f, `no script ${part} in ${files.map((x) => x.path).join(', ')}`);
    return f.content;
  };

  test('the scripts run in the order request, complete, export, URLs, verify, then renewal', () => {
    assert.deepEqual(files.map((f) => f.path), [
      'scripts/01-request-exchange-certificate.ps1',
      'scripts/02-complete-exchange-certificate.ps1',
      'scripts/03-export-exchange-certificate-pfx.ps1',
      'scripts/04-set-client-urls-server01.ps1',
      'scripts/05-verify-server01.ps1',
      'scripts/06-renew-exchange-certificate.ps1',
    ]);
  });

  test('New-ExchangeCertificate -GenerateRequest -Path with mail and autodiscover only, a 2048-bit exportable key', async () => {
    const c = only(await commands(file('01-request')), 'New-ExchangeCertificate');
    assert.equal(param(c, 'GenerateRequest'), undefined);
    assert.equal(param(c, 'Path'), '$requestFile');
    assert.deepEqual(strings(c, 'DomainName'), ['mail.contoso.com', 'autodiscover.contoso.com']);
    assert.equal(param(c, 'KeySize'), '2048');
    assert.equal(param(c, 'PrivateKeyExportable'), '$true');
    assert.deepEqual(strings(c, 'SubjectName'), ['C=US, O=Contoso Inc, CN=mail.contoso.com']);
    assert.deepEqual(strings(c, 'FriendlyName'), ['ContosoInc']);
    assert.doesNotMatch(file('01-request'), /contoso\.local|-KeySize 1024/i);
  });

  test('Import-ExchangeCertificate -Path with the issued file; the thumbprint is read from it, never pasted', async () => {
    const list = await commands(file('02-complete'));
    const imp = only(list, 'Import-ExchangeCertificate');
    assert.equal(param(imp, 'Path'), '$sourceFile');
    assert.match(file('02-complete'), /\$thumbprint = Get-FileThumbprint -File \$sourceFile -CommonName \$commonName/);
    assert.doesNotMatch(file('02-complete'), /[0-9A-F]{40}/i);
  });

  test('Enable-ExchangeCertificate -Thumbprint (found) -Services IIS,SMTP -Force', async () => {
    const c = only(await commands(file('02-complete')), 'Enable-ExchangeCertificate');
    assert.equal(param(c, 'Thumbprint'), '$thumbprint');
    assert.deepEqual(strings(c, 'Services'), ['IIS', 'SMTP']);
    assert.equal(param(c, 'Force'), undefined);
    assert.equal(c.parameters.some((p) => p.name === 'DoNotRequireSsl'), false);
  });

  test('2007: the request file is the evidence of a request, and the complete step checks that the key was on this server', () => {
    // Get-ExchangeCertificate listing pending requests is documented from 2010/2013, not for 2007.
    assert.doesNotMatch(file('01-request'), /-Pending\b/);
    assert.match(file('01-request'), /if \(Test-Path -LiteralPath \$requestFile\) \{\s+Write-Host \('A request was already made on this server/);
    assert.match(file('01-request'), /if \(-not \(Test-Path -LiteralPath \$requestFile\)\) \{ throw/);
    assert.doesNotMatch(file('02-complete'), /\$pending/);
    assert.match(file('02-complete'), /if \(-not \$certificate\.HasPrivateKey\) \{\s+throw/);
  });

  test('Export-ExchangeCertificate -Path -BinaryEncoded -Password from Read-Host -AsSecureString', async () => {
    const list = await commands(file('03-export'));
    const c = only(list, 'Export-ExchangeCertificate');
    assert.equal(param(c, 'Path'), '$pfxFile');
    assert.equal(param(c, 'BinaryEncoded'), undefined);
    assert.equal(param(c, 'Password'), '$password');
    const read = only(list, 'Read-Host');
    assert.ok(read.parameters.some((p) => p.name === 'AsSecureString'));
  });

  test('2007 URLs: no ECP or MAPI, Enable-OutlookAnywhere when it is off, Set-ClientAccessServer for the SCP', async () => {
    const list = await commands(file('04-set-client-urls'));
    const names = list.map((c) => c.name);
    assert.ok(!names.includes('Set-EcpVirtualDirectory') && !names.includes('Set-MapiVirtualDirectory'));
    assert.deepEqual(strings(only(list, 'Set-OwaVirtualDirectory'), 'Identity'), ['SERVER01\\owa (Default Web Site)']);
    assert.deepEqual(strings(only(list, 'Enable-OutlookAnywhere'), 'ExternalHostname'), ['mail.contoso.com']);
    assert.deepEqual(strings(only(list, 'Set-ClientAccessServer'), 'AutoDiscoverServiceInternalUri'), ['https://mail.contoso.com/Autodiscover/Autodiscover.xml']);
  });

  test('the renewal script makes the same request (same names, subject, key size)', async () => {
    const first = only(await commands(file('01-request')), 'New-ExchangeCertificate');
    const renewal = only(await commands(file('06-renew')), 'New-ExchangeCertificate');
    assert.equal(renewal.text, first.text);
    assert.match(file('06-renew'), /RENEWAL/);
  });

  test('without a proxy or second server the key is not exportable and nothing is exported', () => {
    const plain = renderScripts(buildPlan(contoso('sanCertificate')));
    assert.ok(!plain.some((f) => f.path.includes('export')));
    assert.doesNotMatch(plain[0].content, /PrivateKeyExportable/);
  });
});

describe('Contoso, two certificates, Exchange 2007: the seed\'s Alternative 2', () => {
  test('New-AutodiscoverVirtualDirectory -WebSiteName AutoDiscover -BasicAuthentication $true -WindowsAuthentication $true on its own address', async () => {
    const files = renderScripts(buildPlan(contoso('twoCertificates')));
    const site = files.find((f) => f.path.includes('create-autodiscover-site-server01'));
    assert.ok(site);
    const list = await commands(site.content);
    const c = only(list, 'New-AutodiscoverVirtualDirectory');
    assert.deepEqual(strings(c, 'WebSiteName'), ['AutoDiscover']);
    assert.equal(param(c, 'BasicAuthentication'), '$true');
    assert.equal(param(c, 'WindowsAuthentication'), '$true');
    assert.match(site.content, /\$ipAddress = '192\.168\.10\.12'/);
    assert.ok(list.some((x) => x.name === 'appcmd.exe') && list.some((x) => x.name === 'cscript.exe'), 'IIS 7 (appcmd) and IIS 6 (iisweb.vbs) paths');
    assert.ok(!list.some((x) => x.name === 'New-Website'), 'no WebAdministration module on 2007');
  });
});

describe('modern example, Exchange 2019, two servers: today\'s forms of the same steps', () => {
  const files = renderScripts(buildPlan(modernTwoServers()));
  test('request text written with WriteAllText, import and export through FileData, PFX for EX02 and the proxy', async () => {
    assert.deepEqual(files.map((f) => f.path.replace(/^scripts\/\d\d-/, '')), [
      'request-exchange-certificate.ps1',
      'complete-exchange-certificate.ps1',
      'export-exchange-certificate-pfx.ps1',
      'import-exchange-certificate-ex02.ps1',
      'set-client-urls-servers.ps1',
      'verify-servers.ps1',
      'check-servers-hold-the-same-certificate.ps1',
      'renew-exchange-certificate.ps1',
    ]);
    const request = files[0].content;
    assert.ok(!only(await commands(request), 'New-ExchangeCertificate').parameters.some((p) => p.name === 'RequestFile' || p.name === 'Path'));
    assert.match(request, /\[System\.IO\.File\]::WriteAllText\(\$requestFile, \[string\]\$request/);
    assert.equal(param(only(await commands(files[1].content), 'Import-ExchangeCertificate'), 'FileData'), '([Byte[]][System.IO.File]::ReadAllBytes($sourceFile))');
    assert.match(files[2].content, /\[System\.IO\.File\]::WriteAllBytes\(\$pfxFile, \[Byte\[\]\]\$export\.FileData\)/);
    assert.equal(param(only(await commands(files[3].content), 'Import-ExchangeCertificate'), 'Password'), '$password');
  });
  test('the complete script refuses none or several pending requests (2010 and later list them)', () => {
    assert.match(files[1].content, /if \(\$pending\.Count -eq 0\) \{\s+throw/);
    assert.match(files[1].content, /if \(\$pending\.Count -gt 1\) \{\s+throw/);
    assert.match(files[0].content, /\$made = @\(Get-PlannedCertificate -Names \$names -Pending\)/);
  });
  test('URLs per server (one script that EX01 and EX02 each run, naming the server it runs on) with Set-MapiVirtualDirectory, Set-OutlookAnywhere internal and external, Set-ClientAccessService', async () => {
    assert.match(files[4].path, /-set-client-urls-servers\.ps1$/);
    assert.match(files[4].content, /^\$planServers = @\(\n {4}'EX01'\n {4}'EX02'\n\)$/m);
    const list = await commands(files[4].content);
    assert.equal(param(only(list, 'Set-MapiVirtualDirectory'), 'Identity'), "($planServer + '\\mapi (Default Web Site)')");
    assert.equal(param(only(list, 'Set-ClientAccessService'), 'Identity'), '$planServer');
    const oa = only(list, 'Set-OutlookAnywhere');
    assert.equal(param(oa, 'ExternalClientsRequireSsl'), '$true');
    assert.equal(param(oa, 'InternalClientsRequireSsl'), '$true');
    assert.ok(list.some((c) => c.name === 'Set-ClientAccessService'));
    assert.equal(buildPlan(modernTwoServers()).exchangeVersion, ExchangeVersion.EXCHANGE_2019);
  });
});
