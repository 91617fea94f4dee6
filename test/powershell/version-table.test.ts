import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExchangeService, ExchangeVersion, buildPlan } from '../../src';
import { contoso } from '../fixtures/contoso';
import { renderScripts } from '../../src/powershell';
import { arg, psCommand } from '../../src/powershell/command';
import { EXCHANGE_CMDLETS, acceptsParameter, findCmdlet, hasTool } from '../../src/powershell/version-table';
import { commandsOf, functionNames, parsePowerShell, splatsOf } from './grammar';
import { allPlans } from './plans';

describe('version table: what each Exchange version accepts', () => {
  test('requests: 2007 writes with -Path; -RequestFile is never relied on (gone from 2016 CU23, 2019 CU12, SE)', () => {
    assert.ok(acceptsParameter('2007', 'New-ExchangeCertificate', 'Path'));
    assert.ok(!acceptsParameter('2010', 'New-ExchangeCertificate', 'Path'));
    assert.ok(acceptsParameter('2013', 'New-ExchangeCertificate', 'RequestFile'));
    for (const v of ['2016', '2019', 'SE'] as const) assert.ok(!acceptsParameter(v, 'New-ExchangeCertificate', 'RequestFile'), v);
  });

  test('imports: 2007 -Path, 2010 -FileData, 2013 adds -FileName, 2016/2019/SE -FileData only', () => {
    assert.ok(acceptsParameter('2007', 'Import-ExchangeCertificate', 'Path'));
    assert.ok(!acceptsParameter('2007', 'Import-ExchangeCertificate', 'FileData'));
    assert.ok(acceptsParameter('2010', 'Import-ExchangeCertificate', 'FileData'));
    assert.ok(acceptsParameter('2013', 'Import-ExchangeCertificate', 'FileName'));
    for (const v of ['2016', '2019', 'SE'] as const) {
      assert.ok(acceptsParameter(v, 'Import-ExchangeCertificate', 'FileData'), v);
      assert.ok(!acceptsParameter(v, 'Import-ExchangeCertificate', 'FileName'), v);
    }
  });

  test('URLs: ECP from 2010, MAPI from 2013, Enable-OutlookAnywhere until 2010, Set-ClientAccessService from 2016', () => {
    assert.equal(findCmdlet('2007', 'Set-EcpVirtualDirectory'), undefined);
    assert.ok(findCmdlet('2010', 'Set-EcpVirtualDirectory'));
    assert.equal(findCmdlet('2010', 'Set-MapiVirtualDirectory'), undefined);
    assert.ok(findCmdlet('2013', 'Set-MapiVirtualDirectory'));
    assert.ok(findCmdlet('2010', 'Enable-OutlookAnywhere'));
    assert.equal(findCmdlet('2013', 'Enable-OutlookAnywhere'), undefined);
    assert.ok(!acceptsParameter('2010', 'Set-OutlookAnywhere', 'InternalHostname'));
    assert.ok(acceptsParameter('2013', 'Set-OutlookAnywhere', 'InternalHostname'));
    assert.ok(findCmdlet('2013', 'Set-ClientAccessServer'));
    assert.equal(findCmdlet('2016', 'Set-ClientAccessServer'), undefined);
    assert.ok(findCmdlet('2016', 'Set-ClientAccessService'));
  });

  test('IIS tooling: no WebAdministration module for 2007 (IIS 6 or 7), appcmd and iisweb.vbs only there', () => {
    assert.equal(findCmdlet('2007', 'New-Website'), undefined);
    assert.ok(findCmdlet('2010', 'New-Website'));
    assert.ok(hasTool('2007', 'appcmd.exe'));
    assert.ok(!hasTool('2019', 'cscript.exe'));
  });

  test('psCommand refuses a parameter the version does not have, so it cannot be emitted', () => {
    assert.throws(() => psCommand(ExchangeVersion.EXCHANGE_2019, 'New-ExchangeCertificate', [arg('RequestFile', "'x.req'")]), /RequestFile is not in the version table for Exchange 2019/);
    assert.throws(() => psCommand(ExchangeVersion.EXCHANGE_2007, 'Set-MapiVirtualDirectory', []), /not in the version table/);
    assert.equal(psCommand(ExchangeVersion.EXCHANGE_2007, 'Import-ExchangeCertificate', [arg('Path', '$f')]), "Import-ExchangeCertificate -Path $f -ErrorAction 'Stop'");
    assert.equal(psCommand(ExchangeVersion.EXCHANGE_2019, 'Get-OutlookAnywhere', [arg('ErrorAction', "'SilentlyContinue'")]), "Get-OutlookAnywhere -ErrorAction 'SilentlyContinue'");
    assert.equal(psCommand(ExchangeVersion.EXCHANGE_2019, 'Test-Path', [arg('LiteralPath', '$f')]), 'Test-Path -LiteralPath $f');
  });

  test('every version has a table', () => {
    assert.deepEqual(Object.keys(EXCHANGE_CMDLETS).sort(), ExchangeVersion.ALL.map((v) => v.name).sort());
  });
});

/** Contoso with POP and IMAP too, on every version (the other plans enable IIS and SMTP). */
function withMailProtocols(): { name: string; plan: ReturnType<typeof buildPlan> }[] {
  return ExchangeVersion.ALL.map((version) => ({
    name: `sanCertificate/pop-imap/${version.name}`,
    plan: buildPlan(contoso('sanCertificate', { exchangeVersion: version, services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP] })),
  }));
}

describe('every command in every script is valid for its version per the table', () => {
  test('cmdlets and their parameters, programs, and the script\'s own functions', async () => {
    const failures: string[] = [];
    let checked = 0;
    let splatted = 0;
    for (const { name, plan } of [...allPlans(), ...withMailProtocols()]) {
      const version = plan.exchangeVersion;
      for (const file of renderScripts(plan)) {
        const tree = await parsePowerShell(file.content);
        const own = functionNames(tree).map((f) => f.toLowerCase());
        for (const c of commandsOf(tree)) {
          checked++;
          const where = `${name} ${file.path}:${c.line} ${c.name}`;
          if (own.includes(c.name.toLowerCase())) continue;
          // A script block held in a variable (Invoke-ExchangeStep's $Change and $Check): its commands are checked where they are written.
          if (/^\$\w+$/.test(c.name)) continue;
          if (/\.exe$/i.test(c.name)) {
            if (!hasTool(version, c.name)) failures.push(`${where}: program not available on ${version.name}`);
            continue;
          }
          if (!findCmdlet(version, c.name)) {
            failures.push(`${where}: cmdlet not in the table for ${version.name}`);
            continue;
          }
          for (const p of c.parameters) {
            if (!acceptsParameter(version, c.name, p.name)) failures.push(`${where} -${p.name}: not accepted on ${version.name}`);
          }
        }
        for (const s of splatsOf(file.content)) {
          splatted++;
          if (!findCmdlet(version, s.cmdlet)) failures.push(`${name} ${file.path} ${s.cmdlet} @${s.variable}: cmdlet not in the table for ${version.name}`);
          for (const p of Object.keys(s.parameters)) {
            if (!acceptsParameter(version, s.cmdlet, p)) failures.push(`${name} ${file.path} ${s.cmdlet} @${s.variable} ${p}: not accepted on ${version.name}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 10000, `checked ${checked} commands`);
    assert.ok(splatted >= 2 * ExchangeVersion.ALL.length, `checked ${splatted} splatted commands`);
  });
});
