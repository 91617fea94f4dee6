/**
 * The Edge Transport scripts of a hybrid plan (review of issue 14, must-fix 7): per Edge
 * server, one for the Edge server itself and one for the first server, after the export of
 * the hybrid certificate and before the verify scripts, and part of every renewal; PLAN.md's
 * finding says the Hybrid Configuration Wizard must run again. The scripts suite runs them
 * on the simulation (test/exchange-sim/hybrid-edge-tests.ts); hybrid-scripts.test.ts checks
 * their commands against Microsoft's reference.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { modernTwoServers } from '../fixtures/contoso';
import { ISSUERS } from './plans';

const EDGES = [
  { name: 'EDGE01', fqdn: 'edge01.contoso.com' },
  { name: 'EDGE02', fqdn: 'edge02.contoso.com' },
];

describe('hybrid with Edge Transport servers: the Edge scripts', () => {
  for (const version of ExchangeVersion.ALL.filter((v) => v.name !== '2007')) {
    test(`${version.name}: per Edge server, the certificate and subscription file on the Edge server, then the import on EX01, after the export and before the verify script of EX01 and EX02`, () => {
      const plan = buildPlan(modernTwoServers({ exchangeVersion: version, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false, hybrid: { edgeServers: EDGES } }));
      const files = renderScripts(plan);
      const names = files.map((f) => f.path.replace(/^scripts\/\d+-/, ''));
      const at = (re: RegExp) => names.findIndex((n) => re.test(n));
      // EX01 and EX02 verify the same way: one verify script, run on each of them (not on the Edge servers).
      assert.deepEqual(names.filter((n) => /^verify-(?!hybrid)/.test(n)), ['verify-servers.ps1'], names.join(' '));
      assert.match(files[at(/^verify-servers\.ps1$/)].content, /^\$planServers = @\(\n {4}'EX01'\n {4}'EX02'\n\)$/m);
      for (const edge of EDGES) {
        const lower = edge.name.toLowerCase();
        const onEdge = at(new RegExp(`^edge-certificate-${lower}\\.ps1$`));
        const onMailbox = at(new RegExp(`^import-edge-subscription-${lower}\\.ps1$`));
        assert.ok(onEdge > at(/^export-.*-pfx\.ps1$/) && at(/^export-.*-pfx\.ps1$/) >= 0, names.join(' '));
        assert.equal(onMailbox, onEdge + 1, names.join(' '));
        assert.ok(onMailbox < at(/^verify-servers\.ps1$/), names.join(' '));
        assert.match(files[onEdge].content, new RegExp(`if \\(\\$env:COMPUTERNAME -ne '${edge.name}'\\)`));
        assert.match(files[onEdge].content, /New-EdgeSubscription -FileName \$subscriptionFile -Force/);
        assert.match(files[onEdge].content, /Enable-ExchangeCertificate -Thumbprint \$thumbprint -Services 'SMTP' -Force/);
        assert.match(files[onMailbox].content, /if \(\$env:COMPUTERNAME -ne 'EX01'\)/);
        assert.match(files[onMailbox].content, /New-EdgeSubscription -FileData .* -Site \$site/);
        assert.match(files[onMailbox].content, /Start-EdgeSynchronization/);
        assert.match(files[onMailbox].content, /Hybrid Configuration Wizard again/);
      }
      // Every renewal's follow-up names the Edge steps.
      const renewal = files.find((f) => /-renew-/.test(f.path));
      if (renewal) {
        const next = /^# Next: run (.*)$/m.exec(renewal.content)![1];
        for (const edge of EDGES) assert.match(next, new RegExp(`edge-certificate-${edge.name.toLowerCase()}\\.ps1, then \\d+-import-edge-subscription-${edge.name.toLowerCase()}`));
      }
    });
  }

  test('without Edge servers there are no Edge scripts', () => {
    const plan = buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false, hybrid: {} }));
    assert.deepEqual(renderScripts(plan).filter((f) => /edge/.test(f.path)), []);
  });

  test("PLAN.md's Edge finding points at the scripts and says the Hybrid Configuration Wizard must run again", () => {
    const plan = buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: ISSUERS.publicCa(), hybrid: { edgeServers: EDGES } }));
    const f = plan.findings.find((x) => x.id === 'EXC-HYBRID-EDGE-SUBSCRIPTION');
    assert.ok(f, plan.findings.map((x) => x.id).join(', '));
    assert.match(f.remedy, /edge-certificate script/);
    assert.match(f.remedy, /import-edge-subscription script/);
    assert.match(f.remedy, /run the Hybrid Configuration Wizard again/);
  });
});
