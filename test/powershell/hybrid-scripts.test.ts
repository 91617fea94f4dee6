/**
 * The hybrid scripts of hybrid plans on every version that has hybrid (2010 to SE): they
 * parse, come in the right run order, and every command they emit is valid for its version
 * in the version table AND in Microsoft's reference (../shared/reference/exchange-cmdlets.json:
 * the cmdlet and each parameter documented for that version); the Exchange Online script's
 * cmdlets against the Exchange Online declarations the simulation binds from
 * (test/exchange-sim/ps/exo-cmdlets.json). The scripts suite runs them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CertificateStrategy, ExchangePlan, ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { EXCHANGE_ONLINE_CMDLETS } from '../../src/powershell/exchange-online-script';
import { VersionName, acceptsParameter, findCmdlet, isExchangeCmdlet } from '../../src/powershell/version-table';
import { modernTwoServers } from '../fixtures/contoso';
import { REFERENCE, SIM_DIR } from '../exchange-sim/harness/pwsh-host';
import { commandsOf, functionNames, parsePowerShell, syntaxProblems } from './grammar';
import { ISSUERS, scriptServers } from './plans';

const HYBRID_VERSIONS = ExchangeVersion.ALL.filter((v) => v.name !== '2007');

function hybridPlans(): { name: string; plan: ExchangePlan }[] {
  const out: { name: string; plan: ExchangePlan }[] = [];
  for (const version of HYBRID_VERSIONS) {
    out.push({ name: `found/${version.name}`, plan: buildPlan(modernTwoServers({ exchangeVersion: version, issuer: ISSUERS.publicCa(), hybrid: {} })) });
    out.push({
      name: `declared/${version.name}`,
      plan: buildPlan(
        modernTwoServers({
          exchangeVersion: version,
          issuer: ISSUERS.enterpriseCa(),
          caaRecords: false,
          strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '198.51.100.26', autodiscoverServerIpv4: ['10.0.1.31', '10.0.1.32'] }),
          hybrid: {
            sendConnectors: ["Outbound to Office 365 - O'Brien"],
            receiveConnectors: ['EX01\\Default Frontend EX01', 'EDGE01\\Default internal receive connector EDGE01'],
            edgeServers: [{ name: 'EDGE01', fqdn: 'edge01.contoso.com' }],
            exchangeOnline: { inboundConnector: 'Inbound from on-premises', outboundConnector: 'Outbound to on-premises', currentCertificateName: 'legacy.contoso.com' },
            ...(version.name === '2010' ? {} : { authCertificate: { notAfter: '2027-06-30' } }),
          },
        }),
      ),
    });
  }
  return out;
}

interface Reference {
  readonly cmdlets: Record<string, { applicable: string[]; parameters: Record<string, { applicable: string[] }> }>;
}

function loadReference(): Reference | undefined {
  if (fs.existsSync(REFERENCE)) return JSON.parse(fs.readFileSync(REFERENCE, 'utf8'));
  if (process.env.CI === 'true') throw new Error(`Microsoft's cmdlet reference is missing under CI=true: ${REFERENCE} (set EXCHANGE_CMDLET_REFERENCE)`);
  return undefined;
}
const reference = loadReference();
const exo = JSON.parse(fs.readFileSync(path.join(SIM_DIR, 'ps', 'exo-cmdlets.json'), 'utf8')) as Reference;
const COMMON = new Set(['erroraction', 'errorvariable', 'warningaction', 'confirm', 'whatif']);

const plans = hybridPlans().map((p) => ({ ...p, files: renderScripts(p.plan) }));
const hybridFiles = (files: ReturnType<typeof renderScripts>) => files.filter((f) => /-(hybrid-repin-connectors|verify-hybrid|exchange-online-connectors|rotate-auth-certificate|edge-certificate-[a-z0-9-]+|import-edge-subscription-[a-z0-9-]+)\.ps1$/.test(f.path));

describe('hybrid scripts, every version with hybrid', () => {
  test('run order: re-pin (2013+) after the installs and before the verify scripts, then the hybrid verify, the Exchange Online script; the Auth rotation (2013+) last, on its own date', () => {
    for (const { name, plan, files } of plans) {
      const names = files.map((f) => f.path.replace(/^scripts\/\d+-/, ''));
      const at = (re: RegExp) => names.findIndex((n) => re.test(n));
      // The servers' verify scripts: one shared by EX01 and EX02 when they check the same things;
      // a script each when they differ (declared: each server's own Autodiscover site address).
      const verifies = names.flatMap((n, i) => (/^verify-(?!hybrid)/.test(n) ? [i] : []));
      assert.deepEqual(
        verifies.map((i) => names[i]),
        name.startsWith('found/') ? ['verify-servers.ps1'] : ['verify-ex01.ps1', 'verify-ex02.ps1'],
        `${name}: ${names.join(' ')}`,
      );
      assert.deepEqual(verifies.flatMap((i) => scriptServers(files[i].content)), ['EX01', 'EX02'], `${name}: every server runs a verify script, once`);
      const modern = plan.exchangeVersion.name !== '2010';
      if (modern) {
        assert.ok(at(/^hybrid-repin-connectors/) > at(/^(complete|import)-exchange-certificate/), `${name}: ${names.join(' ')}`);
        assert.ok(at(/^hybrid-repin-connectors/) < verifies[0], name);
      } else {
        assert.equal(at(/^hybrid-repin-connectors/), -1, `${name}: 2010 pins nothing`);
      }
      assert.ok(at(/^verify-hybrid/) > verifies[verifies.length - 1], name);
      assert.equal(at(/^exchange-online-connectors/), at(/^verify-hybrid/) + 1, name);
      assert.equal(at(/^rotate-auth-certificate/), modern ? names.length - 1 : -1, name);
      const rotation = files.find((f) => /rotate-auth-certificate/.test(f.path));
      if (rotation) {
        const verify = files.find((f) => /verify-hybrid/.test(f.path))!;
        assert.ok(verify.content.includes(rotation.path.slice('scripts/'.length)), `${name}: the hybrid verify names the rotation script`);
      }
    }
  });

  test('they parse, and every command is valid for its version in the version table and in Microsoft\'s reference (Exchange Online: its own declarations)', { skip: reference ? false : `Microsoft's cmdlet reference not found at ${REFERENCE} (set EXCHANGE_CMDLET_REFERENCE)` }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { name, plan, files } of plans) {
      const v = plan.exchangeVersion.name as VersionName;
      for (const file of hybridFiles(files)) {
        const tree = await parsePowerShell(file.content);
        const syntax = syntaxProblems(tree);
        if (syntax.length > 0) failures.push(`${name} ${file.path}: ${JSON.stringify(syntax.slice(0, 2))}`);
        const own = functionNames(tree).map((f) => f.toLowerCase());
        const online = /exchange-online/.test(file.path);
        for (const c of commandsOf(tree)) {
          const where = `${name} ${file.path}:${c.line} ${c.name}`;
          if (own.includes(c.name.toLowerCase()) || /^\$\w+$/.test(c.name)) continue;
          const params = c.parameters.map((p) => p.name).filter((p) => !COMMON.has(p.toLowerCase()));
          if (online && EXCHANGE_ONLINE_CMDLETS[c.name]) {
            checked++;
            const doc = exo.cmdlets[c.name];
            if (!doc) failures.push(`${where}: not declared in exo-cmdlets.json`);
            for (const p of params) {
              if (!EXCHANGE_ONLINE_CMDLETS[c.name].includes(p)) failures.push(`${where} -${p}: not in EXCHANGE_ONLINE_CMDLETS`);
              if (doc && !doc.parameters[p]) failures.push(`${where} -${p}: not in Microsoft's Exchange Online reference (exo-cmdlets.json)`);
            }
            continue;
          }
          if (!findCmdlet(v, c.name)) {
            failures.push(`${where}: not in the version table for ${v}`);
            continue;
          }
          for (const p of params) if (!acceptsParameter(v, c.name, p)) failures.push(`${where} -${p}: not in the version table for ${v}`);
          if (!isExchangeCmdlet(v, c.name)) continue;
          checked++;
          const doc = reference!.cmdlets[c.name];
          if (!doc || !doc.applicable.includes(v)) {
            failures.push(`${where}: Microsoft's reference does not document it for ${v}`);
            continue;
          }
          for (const p of params) {
            const pd = doc.parameters[p];
            if (!pd || !pd.applicable.includes(v)) failures.push(`${where} -${p}: Microsoft's reference does not document it for ${v}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 200, `checked ${checked} Exchange commands`);
  });

  test('the check would catch a wrong entry: Set-SendConnector -TlsCertificateName is not documented for 2010, Set-AuthConfig not at all before 2013', () => {
    if (!reference) return;
    assert.ok(!reference.cmdlets['Set-SendConnector'].parameters.TlsCertificateName.applicable.includes('2010'));
    assert.ok(!acceptsParameter('2010', 'Set-SendConnector', 'TlsCertificateName'));
    assert.ok(!reference.cmdlets['Set-AuthConfig'].applicable.includes('2010'));
    assert.equal(findCmdlet('2010', 'Set-AuthConfig'), undefined);
    assert.ok(acceptsParameter('2013', 'Set-HybridConfiguration', 'TlsCertificateName'));
  });

  test('a plan value with a quote stays one literal (the declared Send connector), and rendering is deterministic', () => {
    const declared = plans.find((p) => p.name === 'declared/2019')!;
    const repin = declared.files.find((f) => /hybrid-repin-connectors/.test(f.path))!;
    assert.ok(repin.content.includes("'Outbound to Office 365 - O''Brien'"));
    assert.deepEqual(renderScripts(declared.plan), declared.files);
  });

  test('Edge servers: the re-pin script says a new Edge subscription is needed and changes nothing there', () => {
    const declared = plans.find((p) => p.name === 'declared/2019')!;
    const repin = declared.files.find((f) => /hybrid-repin-connectors/.test(f.path))!;
    assert.match(repin.content, /EDGE01: a certificate change there needs a new Edge subscription/);
    assert.match(repin.content, /Write-Warning 'EDGE01 is an Edge Transport server/);
    assert.ok(!repin.content.includes("'EDGE01\\Default internal receive connector EDGE01'"), 'an Edge server\'s connector is not changed from the Mailbox server');
  });
});
