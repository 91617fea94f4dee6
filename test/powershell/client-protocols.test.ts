/**
 * Contoso's mail clients off the web: SMTP submission on port 587, POP3 and IMAP4 present
 * the certificate whose name the connector FQDN and X509CertificateName give; by default
 * that is the server's own name and clients get the self-signed certificate.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ExchangeService, ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { GeneratedFile } from '../../src/output/generated-file';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { ParsedCommand, commandsOf, literalValues, parsePowerShell, splatsOf, syntaxProblems } from './grammar';
import { ISSUERS } from './plans';
import { pwshSkip, runPwsh } from './pwsh';

const ALL_MAIL = [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP];

function scripts(version: ExchangeVersion, services = ALL_MAIL, strategy: 'sanCertificate' | 'twoCertificates' = 'sanCertificate'): GeneratedFile[] {
  return renderScripts(buildPlan(contoso(strategy, { exchangeVersion: version, services })));
}

function named(files: GeneratedFile[], part: string): GeneratedFile {
  const found = files.find((f) => f.path.includes(part));
  assert.ok(found, `no script named *${part}*`);
  return found;
}

async function commands(content: string): Promise<ParsedCommand[]> {
  const tree = await parsePowerShell(content);
  assert.deepEqual(syntaxProblems(tree), []);
  return commandsOf(tree);
}

function strings(c: ParsedCommand | undefined, name: string): string[] {
  return literalValues(c?.parameters.find((p) => p.name === name)?.valueNode);
}

function splatted(content: string, cmdlet: string): Readonly<Record<string, string>> {
  const found = splatsOf(content).find((x) => x.cmdlet === cmdlet);
  assert.ok(found, `no splatted ${cmdlet}`);
  return found.parameters;
}

const CONNECTOR: Record<string, string> = {
  '2007': 'SERVER01\\Client SERVER01',
  '2010': 'SERVER01\\Client SERVER01',
  '2013': 'SERVER01\\Client Frontend SERVER01',
  '2016': 'SERVER01\\Client Frontend SERVER01',
  '2019': 'SERVER01\\Client Frontend SERVER01',
  SE: 'SERVER01\\Client Frontend SERVER01',
};

describe('Contoso, SAN certificate for IIS, SMTP, POP and IMAP: the client URLs script sets the names mail clients see', () => {
  for (const version of ExchangeVersion.ALL) {
    test(`${version.name}: Set-ReceiveConnector -Identity '${CONNECTOR[version.name]}' -Fqdn mail.contoso.com, and X509CertificateName mail.contoso.com for POP3 and IMAP4`, async () => {
      const list = await commands(named(scripts(version), 'set-client-urls').content);
      const set = list.find((c) => c.name === 'Set-ReceiveConnector');
      assert.deepEqual(strings(set, 'Identity'), [CONNECTOR[version.name]]);
      assert.deepEqual(strings(set, 'Fqdn'), ['mail.contoso.com']);
      assert.deepEqual(strings(list.find((c) => c.name === 'Get-ReceiveConnector'), 'ErrorAction'), ['SilentlyContinue']);
      const content = named(scripts(version), 'set-client-urls').content;
      for (const noun of ['PopSettings', 'ImapSettings']) {
        assert.ok(list.some((c) => c.name === `Set-${noun}` && c.text === `Set-${noun} @stepArgs`), noun);
        assert.deepEqual(
          splatted(content, `Set-${noun}`),
          { Server: "'SERVER01'", X509CertificateName: "'mail.contoso.com'", ErrorVariable: "'stepErrors'", ErrorAction: "'Stop'" },
          noun,
        );
      }
    });
  }

  test('the POP3 and IMAP4 services restarted are the ones of the version: 2013 and later add the back-end services', () => {
    const services = (version: ExchangeVersion) =>
      [...named(scripts(version), 'set-client-urls').content.matchAll(/foreach \(\$serviceName in @\(([^)]*)\)\)/g)].map((m) => m[1]);
    assert.deepEqual(services(ExchangeVersion.EXCHANGE_2007), ["'MSExchangePOP3'", "'MSExchangeIMAP4'"]);
    assert.deepEqual(services(ExchangeVersion.EXCHANGE_2010), ["'MSExchangePOP3'", "'MSExchangeIMAP4'"]);
    for (const v of [ExchangeVersion.EXCHANGE_2013, ExchangeVersion.EXCHANGE_SE]) {
      assert.deepEqual(services(v), ["'MSExchangePOP3','MSExchangePOP3BE'", "'MSExchangeIMAP4','MSExchangeIMAP4BE'"], v.name);
    }
    const content = named(scripts(ExchangeVersion.EXCHANGE_2019), 'set-client-urls').content;
    assert.match(content, /if \(\(\$service\.Count -gt 0\) -and \(\(\[string\]\$service\[0\]\.Status\) -eq 'Running'\)\) \{\n {12}Restart-Service -Name \$serviceName/);
  });

  test('only what the certificate is enabled for: IIS and SMTP set the connector but not POP/IMAP; IIS alone sets none', () => {
    const smtp = named(scripts(ExchangeVersion.EXCHANGE_2019, [ExchangeService.IIS, ExchangeService.SMTP]), 'set-client-urls').content;
    assert.match(smtp, /Set-ReceiveConnector/);
    assert.doesNotMatch(smtp, /PopSettings|ImapSettings|Restart-Service/);
    const iis = named(scripts(ExchangeVersion.EXCHANGE_2019, [ExchangeService.IIS]), 'set-client-urls').content;
    assert.doesNotMatch(iis, /ReceiveConnector|PopSettings|ImapSettings/);
    assert.doesNotMatch(named(scripts(ExchangeVersion.EXCHANGE_2019, [ExchangeService.IIS]), 'verify').content, /ReceiveConnector/);
  });

  test('two certificates: the connector takes the name of the mail certificate (enabled for SMTP), never autodiscover', () => {
    const content = named(scripts(ExchangeVersion.EXCHANGE_2007, [ExchangeService.IIS, ExchangeService.SMTP], 'twoCertificates'), 'set-client-urls').content;
    assert.match(content, /Set-ReceiveConnector -Identity 'SERVER01\\Client SERVER01' -Fqdn 'mail\.contoso\.com'/);
  });

  test('modern two servers: each server sets its own client connector (one shared script names it from $planServer; servers whose URLs differ keep a script each)', async (t) => {
    const files = renderScripts(buildPlan(modernTwoServers()));
    // EX01 and EX02 set the same URLs: one script, for exactly the plan's two servers.
    assert.deepEqual(files.filter((f) => f.path.includes('set-client-urls')).map((f) => f.path.replace(/^scripts\/\d\d-/, '')), ['set-client-urls-servers.ps1']);
    const shared = named(files, 'set-client-urls-servers').content;
    assert.match(shared, /^\$planServers = @\(\n {4}'EX01'\n {4}'EX02'\n\)$/m);
    const set = (await commands(shared)).filter((c) => c.name === 'Set-ReceiveConnector');
    assert.equal(set.length, 1);
    const identity = set[0].parameters.find((p) => p.name === 'Identity')?.value;
    assert.equal(identity, "($planServer + '\\Client Frontend ' + $planServer)");
    assert.deepEqual(strings(set[0], 'Fqdn'), ['mail.contoso.com']);
    assert.doesNotMatch(shared, /EX0[12]\\/, 'no server name written into an identity of the shared script');
    // The identity the script sets on each server in its table is that server's own connector.
    const skip = pwshSkip();
    if (skip) {
      t.diagnostic(skip);
    } else {
      const prelude = /^\$planServers = @\([\s\S]*?^\$planServer = \[string\]\$planServer\[0\]$/m.exec(shared)![0];
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'client-protocols-'));
      try {
        const on = (computer: string) => runPwsh([`$env:COMPUTERNAME = '${computer}'`, prelude, `Write-Output ${identity}`].join('\n'), work);
        for (const server of ['EX01', 'EX02']) {
          const r = on(server.toLowerCase());
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stdout.trim(), `${server}\\Client Frontend ${server}`);
        }
        const elsewhere = on('EX03');
        assert.notEqual(elsewhere.status, 0);
        assert.match(elsewhere.stdout + elsewhere.stderr, /This script is for EX01, EX02; this computer is EX03\./);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }
    // Each server with its own internal URLs: a script each, naming the server's own connector.
    const own = renderScripts(buildPlan(modernTwoServers({ includeInternalNames: true, issuer: ISSUERS.enterpriseCa(), caaRecords: false })));
    assert.deepEqual(own.filter((f) => f.path.includes('set-client-urls')).map((f) => f.path.replace(/^scripts\/\d\d-/, '')), ['set-client-urls-ex01.ps1', 'set-client-urls-ex02.ps1']);
    for (const server of ['EX01', 'EX02']) {
      const content = named(own, `set-client-urls-${server.toLowerCase()}`).content;
      assert.match(content, new RegExp(`if \\(\\$env:COMPUTERNAME -ne '${server}'\\)`));
      assert.match(content, new RegExp(`Set-ReceiveConnector -Identity '${server}\\\\Client Frontend ${server}' -Fqdn 'mail\\.contoso\\.com'`));
      assert.doesNotMatch(content, /\$planServer/);
    }
  });

  for (const version of [ExchangeVersion.EXCHANGE_2007, ExchangeVersion.EXCHANGE_2019]) {
    test(`${version.name}: the verify script fails when the connector FQDN or the POP3/IMAP4 names differ, or the connector is missing`, () => {
      const verify = named(scripts(version), 'verify').content;
      assert.match(verify, new RegExp(`Compare-Setting 'Client receive connector FQDN \\(${CONNECTOR[version.name].replace(/\\/g, '\\\\')}\\)' \\$connector\\[0\\]\\.Fqdn 'mail\\.contoso\\.com'`));
      assert.match(verify, /\[void\]\$problems\.Add\('The Receive connector .* was not found\.'\)/);
      assert.match(verify, /\$settings = Get-PopSettings -Server 'SERVER01' -ErrorAction 'Stop'\nCompare-Setting 'POP3 certificate name \(X509CertificateName\)' \$settings\.X509CertificateName 'mail\.contoso\.com'/);
      assert.match(verify, /\$settings = Get-ImapSettings -Server 'SERVER01' -ErrorAction 'Stop'\nCompare-Setting 'IMAP4 certificate name \(X509CertificateName\)' \$settings\.X509CertificateName 'mail\.contoso\.com'/);
    });
  }
});

describe('headers that say what the script really does', () => {
  test('2007: the client URLs summary names the services it sets (no ECP, no MAPI), 2019 names all of them', () => {
    const old = named(scripts(ExchangeVersion.EXCHANGE_2007, [ExchangeService.IIS, ExchangeService.SMTP]), 'set-client-urls').summary;
    assert.equal(old, 'Sets the OWA, EWS, OAB, ActiveSync, Outlook Anywhere and Autodiscover URLs and the client Receive connector FQDN (port 587) of SERVER01 from the plan.');
    const modern = named(scripts(ExchangeVersion.EXCHANGE_2019), 'set-client-urls').summary;
    assert.equal(modern, 'Sets the OWA, ECP, EWS, OAB, ActiveSync, MAPI, Outlook Anywhere and Autodiscover URLs, the client Receive connector FQDN (port 587), the POP3 certificate name and the IMAP4 certificate name of SERVER01 from the plan.');
  });

  test('two certificates: the autodiscover certificate (no Exchange service) is completed, not "enabled"; the mail certificate is', () => {
    const files = scripts(ExchangeVersion.EXCHANGE_2010, [ExchangeService.IIS, ExchangeService.SMTP], 'twoCertificates');
    assert.match(named(files, 'complete-autodiscover-certificate').content, /^# \d\d-complete-autodiscover-certificate\.ps1: complete the autodiscover certificate request$/m);
    assert.match(named(files, 'complete-mail-certificate').content, /^# \d\d-complete-mail-certificate\.ps1: complete the mail certificate request and enable it$/m);
  });

  test('the SMTP note says -Force replaces the default SMTP certificate used for internal transport', () => {
    const complete = named(scripts(ExchangeVersion.EXCHANGE_2019), 'complete-exchange-certificate').content;
    assert.match(complete, /replaces the server's self-signed one as the default SMTP certificate, which transport uses for internal transport \(TLS between Exchange servers\)/);
  });
});

describe('verify: Outlook Anywhere', () => {
  test('2007 and 2010: missing Outlook Anywhere is a listed difference, not a stop', async () => {
    for (const version of [ExchangeVersion.EXCHANGE_2007, ExchangeVersion.EXCHANGE_2010]) {
      const verify = named(scripts(version), 'verify').content;
      const get = (await commands(verify)).find((c) => c.name === 'Get-OutlookAnywhere');
      assert.deepEqual(strings(get, 'ErrorAction'), ['SilentlyContinue'], version.name);
      assert.match(verify, /if \(\$outlookAnywhere\.Count -eq 0\) \{\n {4}\[void\]\$problems\.Add\('Outlook Anywhere \(SERVER01\\Rpc \(Default Web Site\)\) was not found/);
    }
  });

  test('2013 and later: the settings the URL script sets are compared (NTLM both ways, SSL required both ways, no SSL offloading)', () => {
    for (const version of [ExchangeVersion.EXCHANGE_2013, ExchangeVersion.EXCHANGE_2016, ExchangeVersion.EXCHANGE_SE]) {
      const verify = named(scripts(version), 'verify').content;
      for (const [property, expected] of [
        ['ExternalClientAuthenticationMethod', 'Ntlm'],
        ['InternalClientAuthenticationMethod', 'Ntlm'],
        ['ExternalClientsRequireSsl', 'True'],
        ['InternalClientsRequireSsl', 'True'],
        ['SSLOffloading', 'False'],
      ]) {
        assert.match(verify, new RegExp(`Compare-Setting '[^']+' \\$outlookAnywhere\\[0\\]\\.${property} '${expected}'`), `${version.name} ${property}`);
      }
    }
  });
});
