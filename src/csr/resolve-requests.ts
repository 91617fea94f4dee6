/**
 * The request of every planned certificate, as synth needs it: nothing for requests made
 * on the server, the checked file for `fromFile()`, a request made here for
 * `generateLocally()`.
 */
import { resolve } from 'node:path';
import { PlanInputError } from '../model/errors';
import { ExchangePlan } from '../model/types';
import { checkRequestAgainstPlan } from './check-request';
import { generateLocalRequest } from './generate-request';
import { readCertificateRequest } from './read-request';

/** Options of `resolveCertificateRequests()`. */
export interface ResolveRequestsOptions {
  /** The synth output folder (the cdktf App's outdir): no key may be written inside it. */
  readonly outdir: string;
  /**
   * The git executable that confirms a key path inside a repository is ignored.
   * @default 'git'
   */
  readonly gitCommand?: string;
}

/** One certificate's request at synth. */
export interface ResolvedRequest {
  /** The CSR as PEM (`CERTIFICATE REQUEST`); undefined when the server makes the request. */
  readonly csrPem?: string;
}

/**
 * Resolves each certificate's request source, by certificate id. Throws PlanInputError
 * when a file does not match the plan or a key path is unsafe. Relative paths are taken
 * from the current directory (where synth runs).
 */
export function resolveCertificateRequests(plan: ExchangePlan, options: ResolveRequestsOptions): Record<string, ResolvedRequest> {
  refuseSharedKeys(plan);
  const out: Record<string, ResolvedRequest> = {};
  for (const cert of plan.certificates) {
    const source = cert.requestSource;
    switch (source.kind) {
      case 'onServer':
        out[cert.id] = {};
        break;
      case 'fromFile': {
        const request = readCertificateRequest(source.path!);
        checkRequestAgainstPlan(request, cert, source.path!);
        out[cert.id] = { csrPem: request.pem };
        break;
      }
      case 'generateLocally':
        out[cert.id] = {
          csrPem: generateLocalRequest(cert, {
            privateKeyPath: source.privateKeyPath!,
            outdir: options.outdir,
            gitCommand: options.gitCommand,
            requestRecordPath: source.requestRecordPath,
            allowNewKey: source.allowNewKey,
          }).csrPem,
        };
        break;
    }
  }
  return out;
}

/** Two certificates would silently share one key if they named the same key file. */
function refuseSharedKeys(plan: ExchangePlan): void {
  const byPath = new Map<string, string>();
  for (const cert of plan.certificates) {
    const keyPath = cert.requestSource.kind === 'generateLocally' ? cert.requestSource.privateKeyPath : undefined;
    if (keyPath === undefined) continue;
    const other = byPath.get(resolve(keyPath));
    if (other !== undefined) {
      throw new PlanInputError(
        'certificateRequests',
        keyPath,
        `certificates '${other}' and '${cert.id}' would share one private key file; each certificate needs its own key.`,
        `give each certificate its own key path: certificateRequests: { ${other}: CertificateRequest.generateLocally({ privateKeyPath: 'secrets/${other}.key' }), ${cert.id}: CertificateRequest.generateLocally({ privateKeyPath: 'secrets/${cert.id}.key' }) }.`,
      );
    }
    byPath.set(resolve(keyPath), cert.id);
  }
}
