/**
 * perServerScripts / serverExpressions (src/powershell/server-groups.ts): which servers share
 * a script, how a shared script is named and introduced, and how the server's name becomes
 * `$planServer` in its code, checked by PowerShell's own parser and by running the prelude.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, ExchangeVersion } from '../../src';
import { renderScripts } from '../../src/powershell';
import { psQuote } from '../../src/powershell/quote';
import { renderScript, ScriptDoc } from '../../src/powershell/script';
import { perServerScripts, SERVER_PLACEHOLDER, serverExpressions } from '../../src/powershell/server-groups';
import { scaledProps } from '../../bench/scaled-props';
import { loadExamplePlan } from '../helpers/examples';
import { allPlans, ISSUERS } from './plans';

/** A per-server step whose script carries each server's setting: the same for 'a' servers, another for the rest. */
function step(settingOf: (server: string) => string) {
  return (server: string, as: string): ScriptDoc => ({
    slug: `set-thing-${as.toLowerCase()}`,
    summary: `Sets the thing of ${as}.`,
    title: 'set the thing',
    server: as,
    exchangeShell: true,
    does: [`Sets ${as}\\thing to ${settingOf(server)}.`],
    needs: [],
    notes: [],
    rerun: 'sets it again.',
    functions: [],
    body: [`Set-Thing -Identity ${psQuote(`${as}\\thing`)} -Value ${psQuote(settingOf(server))}`, `Write-Host ${psQuote(`${as}: done.`)}`],
  });
}

describe('perServerScripts: one script for the servers that run a step the same way', () => {
  test('all servers alike: one script named -servers, with the table and $planServer in the code', () => {
    const docs = perServerScripts(['EX01', 'EX02', 'EX03'], step(() => 'x'));
    assert.equal(docs.length, 1);
    const [d] = docs;
    assert.equal(d.slug, 'set-thing-servers');
    assert.deepEqual(d.servers, ['EX01', 'EX02', 'EX03']);
    assert.equal(d.summary, 'Sets the thing of each of EX01, EX02, EX03.');
    assert.deepEqual(d.body, ["Set-Thing -Identity ($planServer + '\\thing') -Value 'x'", "Write-Host ($planServer + ': done.')"]);
    assert.deepEqual(d.does, ['Sets <server>\\thing to x.']);
    const text = renderScript(ExchangeVersion.EXCHANGE_2019, d, '01-set-thing-servers.ps1', undefined);
    assert.match(text, /^# Run on: each of the 3 servers in \$planServers below \(EX01 to EX03\), one after the other,/m);
    assert.match(text, /^\$planServers = @\(\n {4}'EX01'\n {4}'EX02'\n {4}'EX03'\n\)$/m);
    assert.ok(!text.includes(SERVER_PLACEHOLDER));
  });

  test('one server differs: it keeps its own script, written as before; the others share one named after the first', () => {
    const docs = perServerScripts(['EX01', 'EX02', 'EX03', 'EX04'], step((s) => (s === 'EX03' ? 'other' : 'x')));
    assert.deepEqual(docs.map((d) => d.slug), ['set-thing-ex01-and-2-more', 'set-thing-ex03']);
    assert.deepEqual(docs[0].servers, ['EX01', 'EX02', 'EX04']);
    const own = docs[1];
    assert.equal(own.servers, undefined);
    assert.equal(own.server, 'EX03');
    assert.deepEqual(own.body, ["Set-Thing -Identity 'EX03\\thing' -Value 'other'", "Write-Host 'EX03: done.'"]);
    assert.equal(own.summary, 'Sets the thing of EX03.');
    assert.equal(docs[0].summary, 'Sets the thing of each of EX01, EX02, EX04.');
  });

  test('two servers alike: named with "and"; every server different: a script each', () => {
    assert.equal(perServerScripts(['EX01', 'EX02'], step(() => 'x'))[0].summary, 'Sets the thing of EX01 and EX02.');
    const each = perServerScripts(['EX01', 'EX02', 'EX03'], step((s) => s));
    assert.deepEqual(each.map((d) => d.slug), ['set-thing-ex01', 'set-thing-ex02', 'set-thing-ex03']);
    assert.ok(each.every((d) => d.servers === undefined));
  });
});

describe('serverExpressions: the placeholder in a literal becomes an expression with $planServer', () => {
  const P = SERVER_PLACEHOLDER;
  test('at the start, in the middle, twice, alone, next to doubled quotes of every kind', () => {
    assert.deepEqual(serverExpressions([`Get-X -Identity '${P}\\owa'`]), ["Get-X -Identity ($planServer + '\\owa')"]);
    assert.deepEqual(serverExpressions([`'${P}\\Client Frontend ${P}'`]), ["($planServer + '\\Client Frontend ' + $planServer)"]);
    assert.deepEqual(serverExpressions([`Get-X -Identity '${P}'`]), ['Get-X -Identity $planServer']);
    assert.deepEqual(serverExpressions([`'it''s ${P}''s'`]), ["('it''s ' + $planServer + '''s')"]);
    assert.deepEqual(serverExpressions([`'a\u2019\u2019b ${P}'`]), ["('a\u2019\u2019b ' + $planServer)"]);
    // Literals without it, and a literal spanning lines, are left exactly as they were.
    assert.deepEqual(serverExpressions(["'a'", `'b`, `${P}c'`, "# comment 'x'"]), ["'a'", `('b`, "' + $planServer + 'c')", "# comment 'x'"]);
  });

  test('the placeholder outside a single-quoted literal is a generator bug: it throws', () => {
    assert.throws(() => serverExpressions([`# on ${P}`]), /inside a comment/);
    assert.throws(() => serverExpressions([`Write-Host "on ${P}"`]), /inside a double-quoted string/);
    assert.throws(() => serverExpressions(["$x = @'", `${P}`, "'@"]), /inside a here-string/);
    assert.throws(() => serverExpressions([`Get-X -Identity ${P}`]), /inside code outside a string/);
  });
});

describe('the inputs key only saves renders: the scripts are the same as when every server is rendered', () => {
  test('every example x issuer x version, hybrid, internal names, 1000 x 30', () => {
    // Every server rendered and compared: perServerScripts without the key.
    const groups = require('../../src/powershell/server-groups') as { perServerScripts: typeof perServerScripts };
    const keyed = groups.perServerScripts;
    const plans = [
      ...allPlans(),
      { name: 'hybrid', plan: loadExamplePlan('contoso-hybrid').plan },
      { name: 'scaled', plan: buildPlan(scaledProps(1000, 30)) },
      { name: 'internal names', plan: buildPlan({ ...scaledProps(3, 6), includeInternalNames: true, internalDomain: 'corp.hosting.example.com', issuer: ISSUERS.enterpriseCa() }) },
    ];
    for (const { name, plan } of plans) {
      const withKey = renderScripts(plan);
      groups.perServerScripts = (servers, render) => keyed(servers, render);
      try {
        assert.deepEqual(renderScripts(plan), withKey, name);
      } finally {
        groups.perServerScripts = keyed;
      }
    }
  });

  test('a step that reads something of the server its key leaves out fails loudly', () => {
    const settingOf = (s: string) => (s === 'EX03' ? 'other' : 'x');
    assert.throws(() => perServerScripts(['EX01', 'EX02', 'EX03'], step(settingOf), () => 'same'), /EX03 has the same inputs as EX01 but another set-thing script/);
  });
});
