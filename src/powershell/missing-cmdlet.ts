/**
 * Cmdlets that only part of a version's updates have. `Set-MapiVirtualDirectory` (MAPI over
 * HTTP) came with Exchange 2013 SP1 (CU4): a 2013 server before it has no MAPI virtual
 * directory, Outlook connects with Outlook Anywhere there, and the scripts say so and go on
 * instead of failing with "not recognized". The verify script skips the same check with the
 * same warning. 2016 and later always have it.
 */
import { ExchangeVersion } from '../exchange-version';
import { ClientService } from '../model/types';
import { psQuote } from './quote';

/** The cmdlet a client service needs that some updates of the version lack, with what to do. */
function partlyAvailable(version: ExchangeVersion, service: ClientService): { cmdlet: string; advice: string } | undefined {
  if (service === 'MAPI' && version.name === '2013') {
    return {
      cmdlet: 'Set-MapiVirtualDirectory',
      advice:
        'This Exchange 2013 server has no Set-MapiVirtualDirectory: MAPI over HTTP needs Exchange 2013 SP1 (CU4) or later. Outlook uses Outlook Anywhere until then. Install the latest cumulative update, then run this script again to set the MAPI URLs.',
    };
  }
  return undefined;
}

/** The lines, run only when the shell has the cmdlet they need; otherwise a warning with the advice. */
export function cmdletMissingGuard(version: ExchangeVersion, service: ClientService, lines: readonly string[]): string[] {
  const p = partlyAvailable(version, service);
  if (!p) return [...lines];
  return [
    `if (Get-Command -Name ${psQuote(p.cmdlet)} -ErrorAction 'SilentlyContinue') {`,
    ...lines.map((l) => (l === '' ? l : `    ${l}`)),
    '} else {',
    `    Write-Warning ${psQuote(p.advice)}`,
    '}',
  ];
}
