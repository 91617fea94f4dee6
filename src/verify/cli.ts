#!/usr/bin/env node
/**
 * `cdktf-exchange-certificates verify <plan.json> [options]`: checks a deployment from the
 * client side against its plan. Exit 0 when every checked row is as planned, 1 when
 * anything differs, 2 when the command or the plan cannot be read.
 */
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import { DEFAULT_TIMEOUT_MS, ResolveOverride, VerifyOptions } from './options';
import { PlanReadError } from './plan-rows';
import { reportText } from './report-text';
import { verifyPlan } from './verify-plan';

const USAGE = `usage: cdktf-exchange-certificates verify <plan.json> [options]

Checks every row of the plan's client coverage matrix as a client would: DNS, TLS with SNI,
the certificate (chain, host name, planned names, key size, dates, renewal), Autodiscover
(POST as Outlook), the HTTP redirect, SMTP STARTTLS, POP3/IMAP4.

  --inside                    play a domain-joined client inside the network (SCP URL, split DNS)
  --dns <address[:port]>      ask this DNS server (default: the system's)
  --resolve <name:port:addr>  answer name:port with addr without DNS (like curl); repeatable
  --address-map <from=to>     connect to 'to' where DNS answered 'from' (NAT, staging); repeatable
  --ca-file <file.pem>        also trust these root certificates (a private or staging CA)
  --timeout <ms>              deadline per connection and DNS query (default ${DEFAULT_TIMEOUT_MS})
  --json                      print the report as JSON instead of the table

Exit code: 0 as planned (rows not checkable from here are listed), 1 something differs, 2 usage or plan error.
`;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command with its arguments (without 'node' and the script); never exits the process. */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const args = [...argv];
  if (args[0] === 'verify') args.shift();
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { code: args.length === 0 ? 2 : 0, stdout: args.length === 0 ? '' : USAGE, stderr: args.length === 0 ? USAGE : '' };
  let parsed: { planPath: string; options: VerifyOptions; json: boolean };
  try {
    parsed = parseArgs(args);
  } catch (e) {
    return { code: 2, stdout: '', stderr: `${(e as Error).message}\n\n${USAGE}` };
  }
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(parsed.planPath, 'utf8'));
  } catch (e) {
    return { code: 2, stdout: '', stderr: `cannot read ${parsed.planPath}: ${(e as Error).message}\n` };
  }
  try {
    const report = await verifyPlan(document, parsed.options);
    const stdout = parsed.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report);
    return { code: report.counts.differs > 0 ? 1 : 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof PlanReadError) return { code: 2, stdout: '', stderr: `${parsed.planPath}: ${e.message}\n` };
    throw e;
  }
}

function parseArgs(args: string[]): { planPath: string; options: VerifyOptions; json: boolean } {
  let planPath: string | undefined;
  let json = false;
  let inside = false;
  let dnsServer: string | undefined;
  let extraCa: string | undefined;
  let timeoutMs: number | undefined;
  const resolve: ResolveOverride[] = [];
  const addressMap = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    const value = () => {
      const v = args[i + 1];
      if (v === undefined) throw new Error(`${a} needs a value`);
      i += 1;
      return v;
    };
    switch (a) {
      case '--json':
        json = true;
        break;
      case '--inside':
        inside = true;
        break;
      case '--dns':
        dnsServer = value();
        break;
      case '--resolve':
        resolve.push(resolveOverride(value()));
        break;
      case '--address-map': {
        const v = value();
        const [from, to] = v.split('=');
        if (!from || !to || !isIP(from) || !isIP(to)) throw new Error(`--address-map '${v}': give from=to, two IP addresses`);
        addressMap.set(from, to);
        break;
      }
      case '--ca-file': {
        const file = value();
        extraCa = fs.readFileSync(file, 'utf8');
        if (!extraCa.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`--ca-file '${file}' holds no PEM certificate`);
        break;
      }
      case '--timeout': {
        const v = value();
        timeoutMs = Number(v);
        if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`--timeout '${v}': give milliseconds, a whole number above 0`);
        break;
      }
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (planPath) throw new Error(`one plan.json at a time ('${planPath}' and '${a}')`);
        planPath = a;
    }
  }
  if (!planPath) throw new Error('name the plan.json to verify');
  return {
    planPath,
    json,
    options: {
      inside,
      ...(dnsServer ? { dnsServer } : {}),
      resolve,
      addressMap,
      ...(extraCa ? { extraCa } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    },
  };
}

/** 'mail.contoso.com:443:203.0.113.10' (an IPv6 address may be in brackets). */
function resolveOverride(text: string): ResolveOverride {
  const m = /^([^:]+):(\d+):\[?([^\]]+)\]?$/.exec(text);
  if (!m || !isIP(m[3])) throw new Error(`--resolve '${text}': give name:port:address`);
  return { name: m[1], port: Number(m[2]), address: m[3] };
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (r) => {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
    },
    (e: Error) => {
      process.stderr.write(`verify failed: ${e.stack ?? e.message}\n`);
      process.exitCode = 2;
    },
  );
}
