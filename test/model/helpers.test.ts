/** The pure helpers the model is built from. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalIpv6, ipv4NotPublicReason, ipv6NotPublicReason } from '../../src/model/ip';
import { isInternalName, nameCovers, normalizeHostname } from '../../src/model/names';
import { subjectName } from '../../src/model/san-list';
import { zoneFor } from '../../src/model/zones';
import { acmValidationNames } from '../../src/model/domain-validation';

describe('names', () => {
  test('normalizeHostname lower-cases, drops the trailing dot and converts to punycode', () => {
    assert.equal(normalizeHostname('x', 'MAIL.Contoso.COM.'), 'mail.contoso.com');
    assert.equal(normalizeHostname('x', 'mail.bücher.de'), 'mail.xn--bcher-kva.de');
    assert.equal(normalizeHostname('x', '*.contoso.com', { allowWildcard: true }), '*.contoso.com');
  });
  test('internal names: NetBIOS and reserved top-level labels', () => {
    assert.ok(isInternalName('server01'));
    assert.ok(isInternalName('server01.contoso.local'));
    assert.ok(isInternalName('contoso.internal'));
    assert.ok(!isInternalName('mail.contoso.com'));
  });
  test('a wildcard covers exactly one label', () => {
    assert.ok(nameCovers('*.contoso.com', 'mail.contoso.com'));
    assert.ok(!nameCovers('*.contoso.com', 'contoso.com'));
    assert.ok(!nameCovers('*.contoso.com', 'a.mail.contoso.com'));
  });
  test('the zone is the longest matching suffix', () => {
    const zones = [{ name: 'contoso.com', id: 'Z1' }, { name: 'eu.contoso.com', id: 'Z2' }];
    assert.equal(zoneFor('mail.eu.contoso.com', zones)!.id, 'Z2');
    assert.equal(zoneFor('mail.contoso.com', zones)!.id, 'Z1');
    assert.equal(zoneFor('xcontoso.com', zones), undefined);
  });
  test('ACM validation names fold a wildcard onto its apex', () => {
    assert.deepEqual(acmValidationNames(['contoso.com', '*.contoso.com', 'mail.fabrikam.com']), [
      { key: 'contoso.com', domainName: 'contoso.com' },
      { key: 'mail.fabrikam.com', domainName: 'mail.fabrikam.com' },
    ]);
    assert.deepEqual(acmValidationNames(['*.contoso.com']), [{ key: 'contoso.com', domainName: '*.contoso.com' }]);
  });
  test('subject names quote values with separators', () => {
    assert.equal(subjectName({ commonName: 'mail.contoso.com', organization: 'Contoso, Inc.', country: 'US' }), 'C=US, O="Contoso, Inc.", CN=mail.contoso.com');
  });
});

describe('addresses', () => {
  test('private, shared and special IPv4 ranges are not public; documentation ranges are accepted', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.1.2.3', '224.0.0.1', '240.0.0.1']) {
      assert.ok(ipv4NotPublicReason(ip), ip);
    }
    for (const ip of ['203.0.113.10', '198.51.100.25', '8.8.8.8', '172.32.0.1']) assert.equal(ipv4NotPublicReason(ip), undefined, ip);
    assert.ok(ipv4NotPublicReason('010.1.2.3'), 'leading zeros are refused');
  });
  test('IPv6: ULA, link-local, loopback and mapped are not public; canonical form is RFC 5952', () => {
    for (const ip of ['fd00::1', 'fc12::1', 'fe80::1', '::1', '::', 'ff02::1', '::ffff:192.0.2.1']) assert.ok(ipv6NotPublicReason(ip), ip);
    assert.equal(ipv6NotPublicReason('2001:db8::25'), undefined);
    assert.equal(canonicalIpv6('2001:0DB8:0000:0000:0000:0000:0000:0025'), '2001:db8::25');
  });
});
