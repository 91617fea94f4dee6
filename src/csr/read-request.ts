/** Reading a certificate request file (any encoding Exchange writes) into a ParsedRequest. */
import { readFileSync } from 'node:fs';
import { PlanInputError } from '../model/errors';
import { ParsedRequest, parseRequestDer } from './parsed-request';
import { requestDerFromBytes } from './request-file';

/**
 * Reads and parses the request at `path`. Throws PlanInputError (prop 'certificateRequest',
 * value the path) when the file cannot be read or is not an RSA PKCS#10 request. The
 * signature is checked but not enforced here: see `checkRequestAgainstPlan`.
 */
export function readCertificateRequest(path: string): ParsedRequest {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlanInputError('certificateRequest', path, `the request file cannot be read (${code ?? (e as Error).message}).`, 'give the path of the CSR the request script wrote, relative to the directory synth runs in.');
  }
  return parseCertificateRequest(bytes, path);
}

/** Parses request bytes already in memory; `sourceLabel` names them in errors. */
export function parseCertificateRequest(bytes: Buffer, sourceLabel: string): ParsedRequest {
  const content = requestDerFromBytes(bytes);
  if (!content.ok) throw new PlanInputError('certificateRequest', sourceLabel, content.reason);
  const parsed = parseRequestDer(content.der);
  if (!parsed.ok) throw new PlanInputError('certificateRequest', sourceLabel, parsed.reason);
  return parsed.request;
}
