import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, RootDomainResponder } from '../../src';
import { AutodiscoverWalk, autodiscoverWalks } from '../../src/review';
import { contoso } from '../fixtures/contoso';
import { autodiscoverNameMissing, internalUrlsOnServerName, secondDomainUncovered } from './known-bad-plans';

const walkOf = (walks: readonly AutodiscoverWalk[], client: string, outlook: string, domain = 'contoso.com') => {
  const w = walks.find((x) => x.client === client && x.outlook === outlook && x.emailDomain === domain);
  assert.ok(w, `no walk for ${client} ${outlook} ${domain}`);
  return w;
};
const GENERATIONS = ['2007-rtm', '2007-update-2010', '2013', '2016-later'];

describe('Autodiscover walk, Contoso seed', () => {
  test('one walk per email domain, kind of client and Outlook generation', () => {
    assert.equal(autodiscoverWalks(buildPlan(contoso('sanCertificate'))).length, 1 * 2 * 4);
  });

  test('SAN certificate, root domain declared empty: every external Outlook succeeds at autodiscover.contoso.com and sees nothing', () => {
    const walks = autodiscoverWalks(buildPlan(contoso('sanCertificate', { rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing() } })));
    for (const g of GENERATIONS) {
      const w = walkOf(walks, 'external', g);
      assert.equal(w.succeedsAt, 'autodiscoverHost', g);
      assert.deepEqual(w.userSees, [], g);
      assert.deepEqual(w.steps.filter((s) => !['localXml', 'lastKnownGood', 'office365'].includes(s.step)).map((s) => s.step), ['rootDomain', 'autodiscoverHost']);
    }
  });

  test('undeclared root domain: the walk names the possible warning at https://contoso.com before the step that succeeds', () => {
    const w = walkOf(autodiscoverWalks(buildPlan(contoso('sanCertificate'))), 'external', '2013');
    assert.deepEqual(w.userSees, ['possible certificate warning at https://contoso.com (undeclared)']);
  });

  test('domain-joined clients succeed at the SCP in every generation, without a prompt', () => {
    for (const strategy of ['sanCertificate', 'singleName', 'twoCertificates', 'srvRecord'] as const) {
      const walks = autodiscoverWalks(buildPlan(contoso(strategy)));
      for (const g of GENERATIONS) {
        const w = walkOf(walks, 'domainJoined', g);
        assert.equal(w.succeedsAt, 'scp', `${strategy} ${g}`);
        assert.deepEqual(w.userSees, []);
      }
    }
  });

  test('Outlook 2016 and later first try local XML, last known good and Office 365, which fall through for an on-premises mailbox', () => {
    const w = walkOf(autodiscoverWalks(buildPlan(contoso('sanCertificate'))), 'external', '2016-later');
    assert.deepEqual(w.steps.slice(0, 3).map((s) => [s.step, s.result]), [
      ['localXml', 'fallsThrough'],
      ['lastKnownGood', 'fallsThrough'],
      ['office365', 'fallsThrough'],
    ]);
    assert.match(w.steps[2].note, /on-premises mailbox is not found there/);
    assert.equal(walkOf(autodiscoverWalks(buildPlan(contoso('sanCertificate'))), 'external', '2013').steps[0].step, 'rootDomain');
  });

  test('SRV record strategy: Outlook 2007 RTM has no SRV step and finds nothing; from the June 2007 rollup on, SRV succeeds after a redirect prompt', () => {
    const walks = autodiscoverWalks(buildPlan(contoso('srvRecord', { rootDomainResponders: { 'contoso.com': RootDomainResponder.nothing() } })));
    const rtm = walkOf(walks, 'external', '2007-rtm');
    assert.equal(rtm.succeedsAt, undefined);
    assert.ok(!rtm.steps.some((s) => s.step === 'srv'));
    assert.match(rtm.summary, /no SRV step/);
    for (const g of ['2007-update-2010', '2013', '2016-later']) {
      const w = walkOf(walks, 'external', g);
      assert.equal(w.succeedsAt, 'srv', g);
      assert.deepEqual(w.userSees, ['redirect prompt for https://mail.contoso.com']);
    }
  });
});

describe('Autodiscover walk, known-bad plans', () => {
  test('autodiscover name missing from the certificate: external Outlook succeeds at the autodiscover host only after a certificate warning', () => {
    const w = walkOf(autodiscoverWalks(autodiscoverNameMissing()), 'external', '2016-later');
    assert.equal(w.succeedsAt, 'autodiscoverHost');
    assert.ok(w.userSees.includes('certificate warning at https://autodiscover.contoso.com'));
  });

  test('SCP on server01.contoso.local with a public certificate: domain-joined Outlook warns at the SCP', () => {
    const w = walkOf(autodiscoverWalks(internalUrlsOnServerName()), 'domainJoined', '2013');
    assert.equal(w.succeedsAt, 'scp');
    assert.deepEqual(w.userSees, ['certificate warning at https://server01.contoso.local']);
  });

  test('fabrikam.com uncovered: no step answers for external Outlook of any generation; inside, the SCP still serves fabrikam.com users', () => {
    const walks = autodiscoverWalks(secondDomainUncovered());
    for (const g of GENERATIONS) {
      assert.equal(walkOf(walks, 'external', g, 'fabrikam.com').succeedsAt, undefined, g);
      assert.equal(walkOf(walks, 'domainJoined', g, 'fabrikam.com').succeedsAt, 'scp', g);
      assert.equal(walkOf(walks, 'external', g, 'contoso.com').succeedsAt, 'autodiscoverHost', g);
    }
  });
});
