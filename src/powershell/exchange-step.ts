/**
 * State-changing Exchange calls as script lines: each goes through `Invoke-ExchangeStep`
 * (snippets.ts), which stops the script naming the step when the call fails in any way,
 * including a failure that stays non-terminating, or when the server does not show the
 * change afterwards. Settings are changed only where they differ from the plan, after the
 * server's value is printed, so a second run changes nothing.
 */
import { ExchangeVersion } from '../exchange-version';
import { PsArg, arg, psCommand, psSplat } from './command';
import { psQuote } from './quote';

/** The variable `Invoke-ExchangeStep` reads the call's errors from. */
const ERRORS: PsArg = arg('ErrorVariable', "'stepErrors'");

export interface ExchangeStep {
  /** What the step does, for the failure message: 'Enable-ExchangeCertificate IIS, SMTP'. */
  readonly step: string;
  readonly cmdlet: string;
  readonly args: readonly PsArg[];
  /** PowerShell expression, true when the server shows the change. */
  readonly check: string;
  /** Variable that receives what the call returned (without `$`). */
  readonly assign?: string;
  /** Pass the arguments by splatting (parameters with a digit in their name; see `psSplat`). */
  readonly splat?: boolean;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? l : `    ${l}`));
}

/** The lines of one checked Exchange call. */
export function exchangeStepLines(version: ExchangeVersion, s: ExchangeStep): string[] {
  const call = s.splat ? psSplat(version, s.cmdlet, 'stepArgs', [...s.args, ERRORS]) : [psCommand(version, s.cmdlet, [...s.args, ERRORS])];
  return [`${s.assign ? `$${s.assign} = ` : ''}Invoke-ExchangeStep ${psQuote(s.step)} {`, ...indent(call), `} { ${s.check} }`];
}

export interface SettingChange {
  /** The object, for messages: 'SERVER01\owa (Default Web Site)'. */
  readonly what: string;
  /** PowerShell code that reads the object (a Get- command). */
  readonly read: string;
  /** Property -> planned value as text (booleans 'True' / 'False'), in the order to print. */
  readonly wanted: readonly (readonly [string, string])[];
  /** The Set- call that makes the change. */
  readonly cmdlet: string;
  readonly args: readonly PsArg[];
  readonly splat?: boolean;
}

/**
 * Reads the object, and when a planned value differs prints the server's values and makes
 * the change as a checked step (`Test-Settings` on a fresh read); otherwise says so.
 */
export function settingChangeLines(version: ExchangeVersion, c: SettingChange): string[] {
  const wanted = `@{ ${c.wanted.map(([k, v]) => `${k} = ${psQuote(v)}`).join('; ')} }`;
  const summary = c.wanted.map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `$wanted = ${wanted}`,
    `if (Test-Settings (${c.read}) $wanted) {`,
    `    Write-Host ${psQuote(`${c.what}: already as planned (${summary}); nothing to change.`)}`,
    '} else {',
    `    Show-Settings ${psQuote(c.what)} (${c.read}) $wanted`,
    ...indent(exchangeStepLines(version, { step: `${c.cmdlet} ${c.what}`, cmdlet: c.cmdlet, args: c.args, check: `Test-Settings (${c.read}) $wanted`, splat: c.splat })),
    `    Write-Host ${psQuote(`${c.what}: set ${summary}.`)}`,
    '}',
  ];
}
