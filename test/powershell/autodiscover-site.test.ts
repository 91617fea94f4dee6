/**
 * twoCertificates (the seed's Alternative 2) over the certificate's life: the second web
 * site binds the certificate just installed, also after a renewal when the old one is still
 * valid, with the IIS tooling each version's Windows has.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { GeneratedFile } from '../../src/output/generated-file';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { commandsOf, parsePowerShell, syntaxProblems } from './grammar';
import { ISSUERS } from './plans';

function twoCertificates(version: ExchangeVersion): GeneratedFile[] {
  return renderScripts(buildPlan(contoso('twoCertificates', { exchangeVersion: version })));
}

function named(files: GeneratedFile[], part: string): GeneratedFile {
  const found = files.find((f) => f.path.includes(part));
  assert.ok(found, `no script named *${part}*`);
  return found;
}

function code(content: string): string {
  return content
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

describe('Contoso, two certificates: the AutoDiscover web site after a renewal', () => {
  for (const version of ExchangeVersion.ALL) {
    test(`${version.name}: the site binds the certificate in autodiscover.cer, else the valid one that expires last, never "the only one"`, async () => {
      const site = code(named(twoCertificates(version), 'create-autodiscover-site').content);
      assert.match(site, /\$issuedFile = Join-Path -Path \$here -ChildPath 'autodiscover\.cer'\nif \(Test-Path -LiteralPath \$issuedFile\) \{\n {4}\$thumbprint = Get-FileThumbprint -File \$issuedFile -CommonName \$commonName/);
      assert.match(site, /\$commonName = 'autodiscover\.contoso\.com'/);
      assert.match(site, /\} else \{\n {4}\$thumbprint = \(Get-NewestCandidate -Names \$names\)\.Thumbprint/);
      assert.match(site, /Sort-Object -Property NotAfter -Descending/);
      assert.doesNotMatch(site, /Get-SingleCandidate|More than one certificate/);
      const calls = commandsOf(await parsePowerShell(site)).map((c) => c.name);
      assert.ok(calls.indexOf('Get-FileThumbprint') < calls.indexOf('New-AutodiscoverVirtualDirectory'));
    });
  }

  test('renewal of the autodiscover certificate: the header and the Next: line both name the site script, in run order', () => {
    for (const version of ExchangeVersion.ALL) {
      const files = twoCertificates(version);
      const renewal = named(files, 'renew-autodiscover-certificate').content;
      assert.match(renewal, /# {3}- Renewal: .* run the scripts named under Next, in that order: complete, the Autodiscover web site script \(binds the new certificate to its site; Exchange does not\), verify\./, version.name);
      const next = /^# Next: run (.*) \(the first-run steps this certificate needs\)$/m.exec(renewal);
      assert.ok(next, version.name);
      const listed = next[1].split(', then ');
      const expected = ['complete-autodiscover-certificate', 'create-autodiscover-site-server01', 'verify-server01'];
      assert.deepEqual(
        listed.map((f) => f.replace(/^\d\d-/, '').replace(/\.ps1$/, '')),
        expected,
        version.name,
      );
      for (const f of listed) assert.ok(files.some((x) => x.path === `scripts/${f}`), `${version.name}: ${f} exists`);
      const mail = named(files, 'renew-mail-certificate').content;
      assert.doesNotMatch(mail, /autodiscover-site/, `${version.name}: the mail certificate is not bound by the site script`);
      assert.match(mail, /in that order: complete, verify\./);
    }
  });

  test('modern two servers, enterprise CA: the renewal moves the previous certificate and request id aside, then names submit, complete, export, import on EX02 and the verify script both servers run', () => {
    const files = renderScripts(buildPlan(modernTwoServers({ issuer: ISSUERS.enterpriseCa(), caaRecords: false })));
    const renewal = named(files, 'renew-exchange-certificate').content;
    assert.match(code(renewal), /foreach \(\$previous in @\(\(Join-Path -Path \$here -ChildPath 'exchange\.cer'\), \(Join-Path -Path \$here -ChildPath 'exchange\.requestid'\)\)\) \{\n {4}if \(Test-Path -LiteralPath \$previous\) \{\n {8}Move-Item -LiteralPath \$previous -Destination \(\$previous \+ '\.previous'\) -Force/);
    assert.match(renewal, /in that order: submit to the enterprise CA, complete, export, import on the other servers, verify, the check that every server holds the same certificate\./);
    assert.match(renewal, /# Next: run 02-submit-exchange-request-to-enterprise-ca\.ps1, then 03-complete-exchange-certificate\.ps1, then 05-export-exchange-certificate-pfx\.ps1, then 06-import-exchange-certificate-ex02\.ps1, then \d\d-verify-servers\.ps1, then \d\d-check-servers-hold-the-same-certificate\.ps1 /);
    // The two servers verify the same way: one shared verify script, run on each server in its table.
    const verify = /, then (\d\d-verify-servers\.ps1), /.exec(renewal)![1];
    assert.match(named(files, verify).content, /^\$planServers = @\(\n {4}'EX01'\n {4}'EX02'\n\)$/m);
  });
});

describe('the IIS tooling of each version', () => {
  test('2010: a run-time choice between WebAdministration (2008 R2 and later) and appcmd/netsh (2008 SP2, IIS 7.0); the script parses', async () => {
    const site = named(twoCertificates(ExchangeVersion.EXCHANGE_2010), 'create-autodiscover-site').content;
    assert.deepEqual(syntaxProblems(await parsePowerShell(site)), []);
    const body = code(site);
    const choice = body.indexOf('if (@(Get-Module -ListAvailable -Name WebAdministration).Count -gt 0) {');
    const otherwise = body.indexOf("} else {\n    Write-Host 'No WebAdministration module");
    assert.ok(choice > 0 && otherwise > choice);
    const webAdministration = body.slice(choice, otherwise);
    const appcmd = body.slice(otherwise);
    assert.match(webAdministration, /\n {8}New-Website -Name \$siteName -PhysicalPath \$physicalPath -IPAddress \$ipAddress -Port 443 -Ssl/);
    assert.match(webAdministration, /\n {4}\$bindingPath = 'IIS:\\SslBindings\\' \+ \$ipAddress \+ '!443'/);
    assert.match(appcmd, /\n {4}\$listed = @\(appcmd\.exe 'list' 'site' \('\/name:' \+ \$siteName\) '\/text:name'\)/);
    assert.match(appcmd, /netsh\.exe 'http' 'add' 'sslcert'/);
    for (const later of [ExchangeVersion.EXCHANGE_2013, ExchangeVersion.EXCHANGE_2019]) {
      const modern = code(named(twoCertificates(later), 'create-autodiscover-site').content);
      assert.doesNotMatch(modern, /appcmd|Get-Module/, later.name);
    }
  });

  test('2007 on IIS 7: appcmd lists the site by exact name, judged by its exit code, with no redirected error stream', () => {
    const site = code(named(twoCertificates(ExchangeVersion.EXCHANGE_2007), 'create-autodiscover-site').content);
    assert.match(site, /\$listed = @\(appcmd\.exe 'list' 'site' \('\/name:' \+ \$siteName\) '\/text:name'\)\n\s+\$listExit = \$LASTEXITCODE\n\s+if \(\(\$listExit -eq 0\) -and \(@\(\$listed \| Where-Object \{ \(\[string\]\$_\)\.Trim\(\) -ceq \$siteName \}\)\.Count -gt 0\)\) \{/);
    assert.doesNotMatch(site, /2>/);
    // every change made by appcmd, netsh or cscript is followed by its exit code check
    const lines = site.split('\n');
    let changes = 0;
    lines.forEach((l, i) => {
      if (/= @\((appcmd|netsh|cscript)\.exe /.test(l) && !/'(show|list)'/.test(l)) {
        changes++;
        assert.match(lines[i + 1], /\$LASTEXITCODE -ne 0/, `line after: ${l}`);
      }
    });
    assert.equal(changes, 4);
  });

  test('2007 on IIS 6: the binding counts only with the planned certificate hash and SecureBindings <ip>:443:', () => {
    const site = code(named(twoCertificates(ExchangeVersion.EXCHANGE_2007), 'create-autodiscover-site').content);
    assert.match(site, /\$bound = ConvertTo-HashText \$site\[0\]\.psbase\.Properties\['SSLCertHash'\]\.Value/);
    assert.match(site, /if \(\(\$bound -eq \$thumbprint\) -and \(\$secureBindings -contains \(\$ipAddress \+ ':443:'\)\)\) \{/);
    assert.doesNotMatch(site, /\(\[string\]\$site\[0\]\.SecureBindings\) -eq ''/);
  });

  test('the binding is replaced whenever it holds another certificate (WebAdministration and netsh)', () => {
    for (const version of [ExchangeVersion.EXCHANGE_2007, ExchangeVersion.EXCHANGE_2010, ExchangeVersion.EXCHANGE_SE]) {
      const site = code(named(twoCertificates(version), 'create-autodiscover-site').content);
      assert.match(site, /if \(\$bound -eq \$thumbprint\) \{/, version.name);
      assert.doesNotMatch(site, /-match \$thumbprint/, version.name);
    }
  });
});
