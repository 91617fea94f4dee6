/**
 * The version table against facts written down independently of it, each with where it was
 * read. A wrong table entry (a cmdlet or parameter on a version that lacks it, or missing on
 * one that has it) fails here, whatever the scripts happen to use.
 *
 * "Versions" means: works on every cumulative update of the version (the table's rule), so
 * -RequestFile, removed in 2016 CU23 / 2019 CU12 / SE, counts for 2013 only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VERSION_NAMES, VersionName, acceptsParameter, findCmdlet } from '../../src/powershell/version-table';

interface ReferenceFact {
  readonly cmdlet: string;
  /** Without it, the fact is about the cmdlet itself. */
  readonly parameter?: string;
  readonly versions: readonly VersionName[];
  readonly source: string;
}

const EXCHANGE_2007_ON: readonly VersionName[] = ['2007', '2010', '2013', '2016', '2019', 'SE'];
const DOMAIN_4 = '/work/shared/DOMAIN.md section 4 (summary of the Exchange PowerShell reference per version)';

const REFERENCE_FACTS: readonly ReferenceFact[] = [
  { cmdlet: 'New-ExchangeCertificate', parameter: 'Path', versions: ['2007'], source: `${DOMAIN_4}: 2007 writes the request with -Path; 2010 returns the text` },
  { cmdlet: 'New-ExchangeCertificate', parameter: 'RequestFile', versions: ['2013'], source: `${DOMAIN_4}: 2013 adds -RequestFile; 2016 CU23+, 2019 CU12+ and SE removed it` },
  { cmdlet: 'Import-ExchangeCertificate', parameter: 'FileData', versions: ['2010', '2013', '2016', '2019', 'SE'], source: `${DOMAIN_4}: 2010 -FileData ([Byte[]]...)` },
  { cmdlet: 'Import-ExchangeCertificate', parameter: 'FileName', versions: ['2013'], source: `${DOMAIN_4}: 2013 adds -FileName; 2016/2019/SE removed it again` },
  { cmdlet: 'Set-EcpVirtualDirectory', versions: ['2010', '2013', '2016', '2019', 'SE'], source: `${DOMAIN_4}: Set-EcpVirtualDirectory from 2010` },
  { cmdlet: 'Set-MapiVirtualDirectory', versions: ['2013', '2016', '2019', 'SE'], source: `${DOMAIN_4}: Set-MapiVirtualDirectory from 2013` },
  { cmdlet: 'Enable-OutlookAnywhere', versions: ['2007', '2010'], source: `${DOMAIN_4}: Enable-OutlookAnywhere -ExternalHostname in 2007/2010` },
  { cmdlet: 'Set-OutlookAnywhere', parameter: 'InternalHostname', versions: ['2013', '2016', '2019', 'SE'], source: `${DOMAIN_4}: Set-OutlookAnywhere with internal and external settings from 2013` },
  { cmdlet: 'Set-ClientAccessServer', parameter: 'AutoDiscoverServiceInternalUri', versions: ['2007', '2010', '2013'], source: `${DOMAIN_4}: Set-ClientAccessServer (2007-2013)` },
  { cmdlet: 'Set-ClientAccessService', parameter: 'AutoDiscoverServiceInternalUri', versions: ['2016', '2019', 'SE'], source: `${DOMAIN_4}: Set-ClientAccessService from 2016` },
  {
    cmdlet: 'Set-PopSettings',
    parameter: 'X509CertificateName',
    versions: EXCHANGE_2007_ON,
    source: 'https://learn.microsoft.com/de-de/previous-versions/office/exchange-server-2007/aa997154(v=exchg.80) (2007 SP1-SP3 syntax: -Server, -X509CertificateName); https://learn.microsoft.com/ja-jp/powershell/module/exchangepowershell/Set-PopSettings (current)',
  },
  { cmdlet: 'Set-PopSettings', parameter: 'Server', versions: EXCHANGE_2007_ON, source: 'https://learn.microsoft.com/de-de/previous-versions/office/exchange-server-2007/aa997154(v=exchg.80)' },
  {
    cmdlet: 'Set-ImapSettings',
    parameter: 'X509CertificateName',
    versions: EXCHANGE_2007_ON,
    source: 'Exchange 2010 SP2/SP3 help, Set-ImapSettings (copy at http://unifiedpeople.ru/exch2010help.en/html/58e51734-83bd-4e71-bd13-9960efaa80c3.htm); same parameter set as Set-PopSettings in 2007',
  },
  {
    cmdlet: 'Set-ReceiveConnector',
    parameter: 'Fqdn',
    versions: EXCHANGE_2007_ON,
    source: 'https://learn.microsoft.com/nl-nl/previous-versions/office/exchange-server-2007/bb125139(v=exchg.80) (2007 SP1 receive connectors take -Fqdn); https://learn.microsoft.com/en-us/powershell/module/exchange/new-receiveconnector (current)',
  },
];

/** The versions where the table disagrees with a fact (empty when it agrees). */
function disagreements(fact: ReferenceFact): string[] {
  return VERSION_NAMES.filter((v) => {
    const inTable = fact.parameter === undefined ? findCmdlet(v, fact.cmdlet) !== undefined : acceptsParameter(v, fact.cmdlet, fact.parameter);
    return inTable !== fact.versions.includes(v);
  });
}

describe('version table against reference facts read independently of it', () => {
  for (const fact of REFERENCE_FACTS) {
    test(`${fact.cmdlet}${fact.parameter ? ` -${fact.parameter}` : ''}: ${fact.versions.join(', ')}`, () => {
      assert.deepEqual(disagreements(fact), [], `the table disagrees with ${fact.source}`);
    });
  }

  test('a wrong entry would be caught: -RequestFile claimed for SE, Set-MapiVirtualDirectory claimed for 2010', () => {
    assert.deepEqual(disagreements({ cmdlet: 'New-ExchangeCertificate', parameter: 'RequestFile', versions: ['2013', 'SE'], source: 'wrong on purpose' }), ['SE']);
    assert.deepEqual(disagreements({ cmdlet: 'Set-MapiVirtualDirectory', versions: ['2010', '2013', '2016', '2019', 'SE'], source: 'wrong on purpose' }), ['2010']);
  });
});
