/**
 * Builds one command line from the version table: a cmdlet, or a parameter, that the
 * version does not accept is a programming error here, never a line in a script.
 */
import { ExchangeVersion } from '../exchange-version';
import { acceptsParameter, findCmdlet, hasTool, isExchangeCmdlet } from './version-table';

/** A parameter and its value as PowerShell code (a `psQuote`d literal, a variable, `$true`), or a switch. */
export interface PsArg {
  readonly name: string;
  /** PowerShell code of the value; omitted for a switch. */
  readonly value?: string;
}

/** `-Name value` */
export function arg(name: string, value: string): PsArg {
  return { name, value };
}

/** `-Name` (a switch parameter). */
export function flag(name: string): PsArg {
  return { name };
}

/**
 * The arguments with `-ErrorAction 'Stop'` added to an Exchange cmdlet that does not choose
 * its own. From 2010 on the Exchange cmdlets are proxy functions of an implicitly remoted
 * module, which the script's `$ErrorActionPreference = 'Stop'` does not reach (see
 * DOMAIN.md section 8): without it a failed call is a non-terminating error and the script
 * goes on. 2007's snap-in cmdlets get the same, so every version reads alike.
 */
function withErrorAction(version: ExchangeVersion, cmdlet: string, args: readonly PsArg[]): readonly PsArg[] {
  if (!isExchangeCmdlet(version, cmdlet) || args.some((a) => a.name.toLowerCase() === 'erroraction')) return args;
  return [...args, arg('ErrorAction', "'Stop'")];
}

/** `Cmdlet -A x -B`, checked against the version table; Exchange cmdlets stop on error (`withErrorAction`). */
export function psCommand(version: ExchangeVersion, cmdlet: string, plainArgs: readonly PsArg[] = []): string {
  const args = withErrorAction(version, cmdlet, plainArgs);
  if (!findCmdlet(version, cmdlet)) {
    throw new Error(`${cmdlet} is not in the version table for Exchange ${version.name}`);
  }
  for (const a of args) {
    if (!acceptsParameter(version, cmdlet, a.name)) {
      throw new Error(`${cmdlet} -${a.name} is not in the version table for Exchange ${version.name}`);
    }
  }
  return [cmdlet, ...args.map((a) => (a.value === undefined ? `-${a.name}` : `-${a.name} ${a.value}`))].join(' ');
}

/** `tool.exe arg arg`, checked against the tools the version's Windows has. Arguments are PowerShell code. */
export function psTool(version: ExchangeVersion, tool: string, args: readonly string[]): string {
  if (!hasTool(version, tool)) {
    throw new Error(`${tool} is not listed for Exchange ${version.name}`);
  }
  return [tool, ...args].join(' ');
}

/**
 * `$variable = @{ A = x; B = y }` and then `Cmdlet @variable`, checked against the version
 * table like `psCommand`. Used for parameters with a digit in their name
 * (`-X509CertificateName`): PowerShell takes them, but the tree-sitter-powershell grammar the
 * tests parse every script with does not, and splatting (PowerShell 2.0) reads the same to
 * both. Values only, no switches.
 */
export function psSplat(version: ExchangeVersion, cmdlet: string, variable: string, plainArgs: readonly PsArg[]): string[] {
  const args = withErrorAction(version, cmdlet, plainArgs);
  psCommand(version, cmdlet, args);
  const entries = args.map((a) => {
    if (a.value === undefined) throw new Error(`psSplat takes values only; -${a.name} is a switch`);
    return `${a.name} = ${a.value}`;
  });
  return [`$${variable} = @{ ${entries.join('; ')} }`, `${cmdlet} @${variable}`];
}
