import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan, RootDomainResponder } from '../../src';
import { contoso } from '../fixtures/contoso';

const rootFindings = (plan: ReturnType<typeof buildPlan>) => plan.findings.filter((f) => f.id.startsWith('EXC-ROOT-DOMAIN'));
const declared = (responder: RootDomainResponder, extra = {}) => buildPlan(contoso('sanCertificate', { rootDomainResponders: { 'contoso.com': responder }, ...extra }));

describe('rule: what answers https://<email domain>/', () => {
  test('undeclared: an info finding with the three ways out', () => {
    const [f, ...rest] = rootFindings(buildPlan(contoso('sanCertificate')));
    assert.equal(rest.length, 0);
    assert.equal(f.id, 'EXC-ROOT-DOMAIN-UNDECLARED');
    assert.equal(f.severity, 'info');
    assert.equal(f.prop, "rootDomainResponders['contoso.com']");
    assert.match(f.remedy, /rootDomainResponders/);
    assert.match(f.remedy, /ExcludeHttpsRootDomain = 1/);
    assert.match(f.remedy, /valid certificate for contoso\.com/);
  });

  test('a declared web site with another certificate: a warning', () => {
    const f = rootFindings(declared(RootDomainResponder.webSiteWithOtherCertificate()));
    assert.deepEqual(f.map((x) => [x.id, x.severity]), [['EXC-ROOT-DOMAIN-CERTIFICATE', 'warning']]);
  });

  test('nothing or a web site with a valid certificate: no finding', () => {
    assert.deepEqual(rootFindings(declared(RootDomainResponder.nothing())), []);
    assert.deepEqual(rootFindings(declared(RootDomainResponder.webSiteWithValidCertificate())), []);
  });

  test('Exchange at the root: a warning while the bare domain is on no certificate (a wildcard does not cover it), none once it is', () => {
    assert.deepEqual(rootFindings(declared(RootDomainResponder.exchange())).map((x) => x.severity), ['warning']);
    assert.deepEqual(rootFindings(declared(RootDomainResponder.exchange(), { additionalNames: ['*.contoso.com'] })).map((x) => x.severity), ['warning']);
    assert.deepEqual(rootFindings(declared(RootDomainResponder.exchange(), { additionalNames: ['contoso.com'] })), []);
  });
});
