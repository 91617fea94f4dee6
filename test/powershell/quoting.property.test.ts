import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CertificateIssuer, CertificateStrategy, ExchangeVersion, buildPlan } from '../../src';
import { renderScripts } from '../../src/powershell';
import { howTheRequestIsSigned } from '../../src/powershell/issuer-notes';
import { psQuote } from '../../src/powershell/quote';
import { contoso } from '../fixtures/contoso';
import { decodeVerbatim, parsePowerShell, syntaxProblems, verbatimStrings } from './grammar';

/** Pieces that break naive quoting: quotes of every kind, subexpressions, escapes, separators, comment ends, line breaks, unicode. */
const ATOMS = [
  "'", "''", '\u2018', '\u2019', '\u201A', '\u201B', '"', '\u201C', '\u201D', '$(Remove-Item C:\\ -Recurse)', '${env:PATH}', '$env:COMPUTERNAME',
  '`', '`n', '`$', ';', '; Stop-Computer', '#', '#>', '<#', '\n', '\r\n', '\r', '\u2028', '\u0085', '\t', '{', '}', '(', ')', '@(', '&', '|', '--%',
  '-Force', 'é', '中文', '🙂', 'Ω', '\\', ' ',
];

const adversarial = fc
  .array(fc.oneof(fc.constantFrom(...ATOMS), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 10 })
  .map((parts) => parts.join(''));

/** Drops what buildPlan refuses (control characters, surrounding blanks, over-long values), keeping the rest. */
function printable(s: string, max: number, fallback: string): string {
  const v = s.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max).trim();
  return v.length > 0 ? v : fallback;
}

describe('psQuote: every string stays inside its single-quoted literal', () => {
  test('1,500 adversarial strings parse as exactly one literal whose value is the input', async () => {
    await fc.assert(
      fc.asyncProperty(adversarial, async (value) => {
        const quoted = psQuote(value);
        for (const source of [`$x = ${quoted}`, `Write-Host ${quoted} -ForegroundColor 'Red'`]) {
          const tree = await parsePowerShell(source);
          assert.deepEqual(syntaxProblems(tree), [], source);
          const literals = verbatimStrings(tree);
          assert.equal(literals.filter((l) => l !== "'Red'").length, 1, source);
          assert.equal(literals[0], quoted);
          assert.equal(decodeVerbatim(literals[0]), value);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('typographic single quotes are doubled like the ASCII one', () => {
    assert.equal(psQuote("Tom's \u2018x\u2019 \u201Ay\u201B"), "'Tom''s \u2018\u2018x\u2019\u2019 \u201A\u201Ay\u201B\u201B'");
  });
});

describe('renderScripts: adversarial organisation, friendly, CA and client names stay inside their literals', () => {
  test('1,000 plans: every script parses, headers stay comments, each value is one literal', async () => {
    const input = fc.record({
      version: fc.constantFrom(...ExchangeVersion.ALL),
      organization: adversarial,
      friendlyName: adversarial,
      caName: adversarial,
      caConfig: adversarial,
      clients: fc.array(adversarial, { minLength: 1, maxLength: 3 }),
      enterprise: fc.boolean(),
      twoCertificates: fc.boolean(),
      webSiteName: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}$/),
    });
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const caConfig = `ca01.contoso.local\\${printable(i.caConfig.replace(/[\\"]/g, ''), 60, 'CA')}`;
        const issuer = i.enterprise
          ? CertificateIssuer.enterpriseCa({ caConfig, nonDomainClients: i.clients })
          : CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: i.caName });
        const webSiteName = i.webSiteName.trim().toLowerCase() === 'default web site' ? 'AutoDiscover' : i.webSiteName.trim() || 'AutoDiscover';
        let plan;
        try {
          plan = buildPlan(
            contoso(i.twoCertificates ? 'twoCertificates' : 'sanCertificate', {
              exchangeVersion: i.version,
              organization: { name: printable(i.organization, 64, 'Org'), country: 'US' },
              friendlyName: printable(i.friendlyName, 48, 'Friendly'),
              issuer,
              ...(i.enterprise ? { caaRecords: false } : {}),
              ...(i.twoCertificates ? { strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '203.0.113.11', autodiscoverServerIpv4: '192.168.10.12', webSiteName }) } : {}),
            }),
          );
        } catch (e) {
          throw new Error(`buildPlan refused a sanitised input: ${(e as Error).message}`);
        }
        const files = renderScripts(plan);
        const all = new Set<string>();
        for (const file of files) {
          const tree = await parsePowerShell(file.content);
          assert.deepEqual(syntaxProblems(tree), [], file.path);
          const lines = file.content.split('\n');
          const start = lines.indexOf('Set-StrictMode -Version Latest');
          assert.ok(start > 0 && lines.slice(0, start).every((l) => l.startsWith('#')), `${file.path}: header broken`);
          for (const l of verbatimStrings(tree)) all.add(decodeVerbatim(l));
          // Free the tree's wasm memory: 1,000 plans of longer scripts outgrow the wasm heap otherwise.
          tree.delete();
        }
        const expected = [
          ...plan.certificates.flatMap((c) => [c.friendlyName, c.subjectName, ...c.names, ...howTheRequestIsSigned(plan.issuer, c)]),
          ...(i.enterprise ? [caConfig, ...i.clients.map((c) => `  - ${c}`)] : []),
          ...plan.certificates.flatMap((c) => c.bindings.filter((b) => b.createsWebSite).map((b) => b.webSite)),
        ];
        for (const value of expected) assert.ok(all.has(value), `no literal holds exactly ${JSON.stringify(value)}`);
      }),
      { numRuns: 1000 },
    );
  });
});
