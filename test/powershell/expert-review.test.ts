/**
 * What an Exchange admin checks before running the scripts, per version, against
 * Microsoft's cmdlet reference (see the comments in src/powershell/version-table.ts and
 * client-urls.ts for the sources).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { ParsedCommand, commandsOf, literalValues, parsePowerShell } from './grammar';
import { allPlans } from './plans';
import { contoso } from '../fixtures/contoso';

const plans = allPlans().map((p) => ({ ...p, files: renderScripts(p.plan) }));

async function commands(content: string): Promise<ParsedCommand[]> {
  return commandsOf(await parsePowerShell(content));
}

function value(c: ParsedCommand, name: string): string | undefined {
  return c.parameters.find((p) => p.name === name)?.value;
}

function strings(c: ParsedCommand, name: string): string[] {
  return literalValues(c.parameters.find((p) => p.name === name)?.valueNode);
}

describe('expert review: the commands each Exchange version really has', () => {
  test('2016, 2019 and SE scripts never pass -RequestFile, -FileName or -Path to the certificate cmdlets (gone from 2016 CU23, 2019 CU12, SE)', async () => {
    const checked = new Set<string>();
    for (const { name, plan, files } of plans) {
      if (!['2016', '2019', 'SE'].includes(plan.exchangeVersion.name)) continue;
      for (const f of files) {
        for (const c of await commands(f.content)) {
          if (!/-ExchangeCertificate$/.test(c.name)) continue;
          checked.add(c.name);
          for (const p of ['RequestFile', 'FileName', 'Path']) assert.equal(value(c, p) !== undefined || c.parameters.some((x) => x.name === p), false, `${name} ${f.path}: ${c.text}`);
        }
      }
    }
    assert.deepEqual([...checked].sort(), ['Enable-ExchangeCertificate', 'Export-ExchangeCertificate', 'Get-ExchangeCertificate', 'Import-ExchangeCertificate', 'New-ExchangeCertificate']);
  });

  test('2013 and later: Set-OutlookAnywhere requires SSL to the server (SSLOffloading $false, which 2016 defaults to $true) and sets NTLM inside and outside', async () => {
    let seen = 0;
    for (const { name, plan, files } of plans) {
      if (!plan.exchangeVersion.atLeast(ExchangeVersion.EXCHANGE_2013)) continue;
      for (const f of files.filter((x) => x.path.includes('set-client-urls'))) {
        for (const c of (await commands(f.content)).filter((x) => x.name === 'Set-OutlookAnywhere')) {
          seen++;
          assert.equal(value(c, 'SSLOffloading'), '$false', `${name} ${c.text}`);
          assert.equal(value(c, 'ExternalClientsRequireSsl'), '$true', `${name} ${c.text}`);
          assert.equal(value(c, 'InternalClientsRequireSsl'), '$true', `${name} ${c.text}`);
          assert.deepEqual(strings(c, 'ExternalClientAuthenticationMethod'), ['Ntlm'], `${name} ${c.text}`);
          assert.deepEqual(strings(c, 'InternalClientAuthenticationMethod'), ['Ntlm'], `${name} ${c.text}`);
        }
      }
    }
    assert.ok(seen > 50, `only ${seen} Set-OutlookAnywhere commands checked`);
  });

  test('2007 and 2010: Outlook Anywhere is looked up by its identity (SERVER\\Rpc (Default Web Site)), missing is not an error, then enabled with NTLM and SSL to the server', async () => {
    for (const version of [ExchangeVersion.EXCHANGE_2007, ExchangeVersion.EXCHANGE_2010]) {
      const files = renderScripts(buildPlan(contoso('sanCertificate', { exchangeVersion: version })));
      const list = await commands(files.find((f) => f.path.includes('set-client-urls'))!.content);
      const get = list.find((c) => c.name === 'Get-OutlookAnywhere')!;
      assert.deepEqual(strings(get, 'Identity'), ['SERVER01\\Rpc (Default Web Site)'], version.name);
      assert.deepEqual(strings(get, 'ErrorAction'), ['SilentlyContinue'], version.name);
      assert.equal(get.parameters.some((p) => p.name === 'Server'), false, version.name);
      const enable = list.find((c) => c.name === 'Enable-OutlookAnywhere')!;
      assert.deepEqual(strings(enable, 'ClientAuthenticationMethod'), ['Ntlm'], version.name);
      assert.equal(value(enable, 'SSLOffloading'), '$false', version.name);
    }
  });

  test('2007 headers say SP1 or later (the RTM shell names the Outlook Anywhere parameter -ExternalAuthenticationMethod)', () => {
    const files = renderScripts(buildPlan(contoso('sanCertificate')));
    for (const f of files) assert.match(f.content, /# Exchange 2007 SP1 or later/, f.path);
    const modern = renderScripts(buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019 })));
    assert.doesNotMatch(modern[0].content, /SP1 or later/);
  });

  test('two certificates, every version: the second Autodiscover virtual directory is found by SERVER01\\Autodiscover (AutoDiscover) before New-AutodiscoverVirtualDirectory -WebSiteName AutoDiscover', async () => {
    for (const version of ExchangeVersion.ALL) {
      const files = renderScripts(buildPlan(contoso('twoCertificates', { exchangeVersion: version })));
      const site = files.find((f) => f.path.includes('create-autodiscover-site'))!;
      const list = await commands(site.content);
      const get = list.find((c) => c.name === 'Get-AutodiscoverVirtualDirectory')!;
      assert.deepEqual(strings(get, 'Identity'), ['SERVER01\\Autodiscover (AutoDiscover)'], version.name);
      assert.deepEqual(strings(list.find((c) => c.name === 'New-AutodiscoverVirtualDirectory')!, 'WebSiteName'), ['AutoDiscover'], version.name);
    }
  });

  test('certificate Status is read without assuming the property exists (Set-StrictMode would stop a 2007 shell otherwise)', () => {
    for (const { name, files } of plans) {
      for (const f of files) {
        assert.doesNotMatch(f.content, /\$_\.Status\b/, `${name} ${f.path}`);
        if (f.content.includes('function Get-PlannedCertificate')) assert.match(f.content, /\$_\.PSObject\.Properties\['Status'\]/);
      }
    }
  });

  test('enterprise CA: the request id is saved before certreq\'s exit code is judged, so a request held for approval can be fetched later', () => {
    const plan = plans.find((p) => p.name === 'sanCertificate/enterpriseCa/2019')!;
    const submit = plan.files.find((f) => f.path.includes('submit-'))!.content;
    const saveAt = submit.indexOf('WriteAllText($requestIdFile');
    const judgeAt = submit.indexOf('$exitCode + ');
    assert.ok(saveAt > 0 && judgeAt > saveAt, 'the id is written before the exit code decides');
    assert.match(submit, /certreq\.exe '-q' '-submit' '-config' \$caConfig '-attrib' 'CertificateTemplate:ExchangeWebServer' \$requestFile \$issuedFile/);
    assert.match(submit, /certreq\.exe '-q' '-retrieve' '-config' \$caConfig \$requestId \$issuedFile/);
  });
});

describe('expert review: Windows PowerShell 2.0 (the 2007 and 2010 shells)', () => {
  const LATER = [
    [/\s-(in|notin)\s/i, '-in / -notin (PowerShell 3.0)'],
    [/\[ordered\]/i, '[ordered] (3.0)'],
    [/\[pscustomobject\]/i, '[pscustomobject] (3.0)'],
    [/\.(Where|ForEach)\(/, '.Where() / .ForEach() (4.0)'],
    [/\$PSItem\b/i, '$PSItem (3.0)'],
    [/\$PSScriptRoot\b/i, '$PSScriptRoot in a script (3.0)'],
    [/-NoNewline\b/i, '-NoNewline (5.0)'],
    [/::new\(/, '::new() (5.0)'],
    [/\bclass\s+\w+\s*\{/, 'class (5.0)'],
  ] as const;

  test('no construct from a later PowerShell in any 2007 or 2010 script', () => {
    let scripts = 0;
    for (const { name, plan, files } of plans) {
      if (!['2007', '2010'].includes(plan.exchangeVersion.name)) continue;
      for (const f of files) {
        scripts++;
        const code = f.content.split('\n').filter((l) => !l.startsWith('#')).join('\n');
        for (const [pattern, what] of LATER) assert.doesNotMatch(code, pattern, `${name} ${f.path} uses ${what}`);
      }
    }
    assert.ok(scripts > 100, `only ${scripts} scripts`);
  });

  test('the check does catch a later construct', () => {
    assert.match("if ($x -in @('a')) {}", LATER[0][0]);
    assert.match('$list.Where({ $_ })', LATER[3][0]);
  });
});

describe('expert review: the PFX password and key stay off the disk', () => {
  test('Get-PfxThumbprint opens the PFX with UserKeySet and no PersistKeySet, and Reset() in finally deletes the temporary key container', () => {
    const withPfx = plans.flatMap((p) => p.files).filter((f) => f.content.includes('function Get-PfxThumbprint'));
    assert.ok(withPfx.length > 20, `only ${withPfx.length} scripts import a PFX`);
    for (const f of withPfx) {
      const fn = f.content.slice(f.content.indexOf('function Get-PfxThumbprint'), f.content.indexOf('\n}\n', f.content.indexOf('function Get-PfxThumbprint')) + 2);
      assert.match(fn, /\$flags = \[System\.Security\.Cryptography\.X509Certificates\.X509KeyStorageFlags\]'UserKeySet'/, f.path);
      assert.match(fn, /-ArgumentList \$File, \$Password, \$flags/, f.path);
      assert.match(fn, /\} finally \{\n {8}if \(\$pfx -ne \$null\) \{ \$pfx\.Reset\(\) \}/, f.path);
      assert.doesNotMatch(fn, /PersistKeySet|MachineKeySet/, f.path);
    }
  });
});
