/**
 * The server settings the scripts change besides the binding (issue 12, item 8), the
 * choices that keep them, and the plan's cross-server check (issue 9).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { ExchangeVersion, PlanInputError, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { renderReview } from '../../src/review';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { commandsOf, parsePowerShell } from './grammar';
import { pwshSkip, runPwsh } from './pwsh';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'server-settings-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function script(files: { path: string; content: string }[], part: string): string {
  const found = files.find((f) => f.path.includes(part));
  assert.ok(found, `no script *${part}*`);
  return found.content;
}

function planMarkdown(plan: ReturnType<typeof buildPlan>): string {
  const md = renderReview(plan, renderScripts(plan)).find((f) => f.path === 'PLAN.md');
  assert.ok(md);
  return md.content;
}

describe('replaceDefaultSmtpCertificate', () => {
  test('default: -Force makes the certificate the default SMTP certificate, and PLAN.md says so with the prop that keeps it', () => {
    const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019 }));
    const complete = script(renderScripts(plan), 'complete-exchange-certificate');
    assert.doesNotMatch(complete, /InternalTransportCertificateThumbprint/);
    assert.match(planMarkdown(plan), /\| Default SMTP certificate \(internal transport\) \| self-signed \| planned certificate \| `replaceDefaultSmtpCertificate`: true \|/);
  });

  for (const [version, cmdlet] of [[ExchangeVersion.EXCHANGE_2010, 'Get-TransportServer'], [ExchangeVersion.EXCHANGE_2016, 'Get-TransportService']] as const) {
    test(`false, ${version.name}: the previous default (${cmdlet}) is read before and made the default again, checked`, async () => {
      const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: version, replaceDefaultSmtpCertificate: false }));
      const complete = script(renderScripts(plan), 'complete-exchange-certificate');
      assert.match(complete, new RegExp(`\\$previousDefault = \\(\\[string\\]\\(${cmdlet} -Identity \\$env:COMPUTERNAME -ErrorAction 'Stop'\\)\\.InternalTransportCertificateThumbprint\\)`));
      const enables = commandsOf(await parsePowerShell(complete)).filter((c) => c.name === 'Enable-ExchangeCertificate');
      assert.deepEqual(
        enables.map((c) => c.parameters.find((p) => p.name === 'Thumbprint')?.value),
        ['$thumbprint', '$previousDefault'],
      );
      assert.match(complete, new RegExp(`\\} \\{ \\(\\[string\\]\\(${cmdlet} -Identity \\$env:COMPUTERNAME -ErrorAction 'Stop'\\)\\.InternalTransportCertificateThumbprint\\) -eq \\$previousDefault \\}`));
      assert.match(planMarkdown(plan), /\| self-signed \| unchanged \(planned certificate enabled for SMTP too\) \| `replaceDefaultSmtpCertificate`: false \|/);
    });
  }

  test('a value that is not a boolean is refused naming the prop', () => {
    assert.throws(
      () => buildPlan(contoso('sanCertificate', { replaceDefaultSmtpCertificate: 'no' as unknown as boolean })),
      (e: unknown) => e instanceof PlanInputError && e.prop === 'replaceDefaultSmtpCertificate' && e.value === 'no',
    );
    assert.throws(() => buildPlan(contoso('sanCertificate', { leaveOutlookAnywhereSecurity: 1 as unknown as boolean })), /leaveOutlookAnywhereSecurity = 1: must be true or false/);
  });
});

describe('leaveOutlookAnywhereSecurity', () => {
  for (const leave of [false, true]) {
    test(`${leave}: Set-OutlookAnywhere ${leave ? 'sets only the host names and Require SSL' : 'also sets NTLM and SSLOffloading $false'}, and verify compares the same`, async () => {
      const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_SE, leaveOutlookAnywhereSecurity: leave }));
      const files = renderScripts(plan);
      const set = commandsOf(await parsePowerShell(script(files, 'set-client-urls'))).find((c) => c.name === 'Set-OutlookAnywhere');
      assert.ok(set);
      const names = set.parameters.map((p) => p.name).sort();
      const security = ['ExternalClientAuthenticationMethod', 'InternalClientAuthenticationMethod', 'SSLOffloading'];
      for (const p of security) assert.equal(names.includes(p), !leave, p);
      for (const p of ['ExternalHostname', 'InternalHostname', 'ExternalClientsRequireSsl', 'InternalClientsRequireSsl']) assert.ok(names.includes(p), p);
      const verify = script(files, 'verify');
      assert.equal(/\$outlookAnywhere\[0\]\.SSLOffloading/.test(verify), !leave);
      assert.match(planMarkdown(plan), leave ? /\| Outlook Anywhere SSL offloading \| on \| unchanged \| `leaveOutlookAnywhereSecurity`: true \|/ : /\| Outlook Anywhere authentication \| Negotiate outside, NTLM inside \| NTLM both \| `leaveOutlookAnywhereSecurity`: false \|/);
    });
  }
});

describe('PLAN.md lists the settings the scripts change besides the binding', () => {
  test('2007 SAN with IIS and SMTP: binding, SMTP default, connector, URLs, SCP, Outlook Anywhere, each with before and after', () => {
    const md = planMarkdown(buildPlan(contoso('sanCertificate')));
    const section = md.slice(md.indexOf('## Server settings the scripts change besides the binding'));
    assert.ok(section.length > 0);
    for (const row of ['| Default Web Site HTTPS (443) | self-signed | planned certificate |', '| Default SMTP certificate (internal transport) |', '| Client Receive connector FQDN (587) | server FQDN | planned name |', '| Virtual directory URLs |', '| Autodiscover SCP |', '| Outlook Anywhere | off |']) {
      assert.ok(section.includes(row), row);
    }
    assert.match(section, /the scripts print the server's value first, change only what differs and read each change back/);
  });
});

describe('the cross-server check, once per plan', () => {
  test('generated once for two servers from 2010 on, after the verify scripts; not for one server, not on 2007 (PLAN.md says what to do there)', () => {
    for (const version of ExchangeVersion.ALL) {
      const files = renderScripts(buildPlan(modernTwoServers({ exchangeVersion: version })));
      const checks = files.filter((f) => f.path.includes('check-servers-hold-the-same-certificate'));
      assert.equal(checks.length, version.name === '2007' ? 0 : 1, version.name);
      if (checks.length === 1) {
        const i = files.indexOf(checks[0]);
        assert.ok(files[i - 1].path.includes('verify-'), version.name);
      }
    }
    assert.equal(renderScripts(buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019 }))).filter((f) => f.path.includes('check-servers')).length, 0);
    assert.match(planMarkdown(buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2007 }))), /compare the thumbprints the verify scripts print on each server/);
  });

  test('pwsh: it exits 0 when both servers hold the same certificate, non-zero naming the server when one holds another or none', (t) => {
    const skip = pwshSkip();
    if (skip) return t.skip(skip);
    const files = renderScripts(buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019 })));
    const check = script(files, 'check-servers');
    const names = "@('mail.contoso.com','autodiscover.contoso.com','autodiscover.fabrikam.com')";
    fs.writeFileSync(path.join(work, 'check.ps1'), check);
    const run = (ex02: string) =>
      runPwsh(
        [
          "$env:COMPUTERNAME = 'EX01'",
          `function New-Cert([string]$Thumbprint) { [pscustomobject]@{ Thumbprint = $Thumbprint; CertificateDomains = ${names}; HasPrivateKey = $true; Status = 'Valid'; NotAfter = [DateTime]::Now.AddDays(90); Services = 'IIS, SMTP' } }`,
          '$global:held = @{ EX01 = @(New-Cert "AAAA"); EX02 = @(' + ex02 + ') }',
          'function global:Get-ExchangeCertificate { [CmdletBinding()] param([string]$Server) $global:held[$Server] }',
          'trap { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }',
          '& ./check.ps1',
        ].join('\n'),
        work,
      );
    const same = run('New-Cert "AAAA"');
    assert.equal(same.status, 0, same.stderr);
    assert.match(same.stdout, /EX01, EX02 hold the same certificate\./);
    const other = run('New-Cert "BBBB"');
    assert.notEqual(other.status, 0);
    assert.match(other.stdout + other.stderr, /EX02 holds BBBB, EX01 holds AAAA/);
    const none = run('');
    assert.notEqual(none.status, 0);
    assert.match(none.stdout + none.stderr, /EX02 holds no valid exchange certificate/);
  });
});
