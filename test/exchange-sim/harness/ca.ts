/**
 * The throwaway openssl CA of the scripts suite: a root every simulated server trusts, an
 * issuing CA under it, and a rogue root no server trusts (the "untrusted chain" fault).
 * `openssl ca` signs (ps/sim-ca.ps1), so any validity period can be issued.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TestCa {
  readonly dir: string;
  /** PEM of the root every server trusts (unless the plan's issuer is a private CA the scripts must install). */
  readonly rootPem: string;
  /** PEM of the issuing CA then the root: what a CA hands out as the chain. */
  readonly chainPem: string;
  /** PEM of a second issuing CA under the same root (an intermediate rotation at the CA: fault 'otherIssuer'). */
  readonly issuing2Pem: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

const SECTION = (dir: string, name: string, cert: string, key: string) => `
[${name}]
database = ${dir}/index.txt
new_certs_dir = ${dir}/certs
serial = ${dir}/serial
certificate = ${dir}/${cert}
private_key = ${dir}/${key}
default_md = sha256
policy = anything
copy_extensions = none
unique_subject = no
email_in_dn = no
`;

export function makeTestCa(dir: string): TestCa {
  fs.mkdirSync(path.join(dir, 'certs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca = issuing\n${SECTION(dir, 'issuing', 'issuing.pem', 'issuing.key')}${SECTION(dir, 'rogue', 'rogue.pem', 'rogue.key')}${SECTION(dir, 'issuing2', 'issuing2.pem', 'issuing2.key')}
[anything]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
`,
  );
  const self = (name: string, cn: string) =>
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '3650', '-subj', `/O=Exchange Sim/CN=${cn}`, '-config', 'ca.cnf', '-extensions', 'v3_ca'], dir);
  self('root', 'Sim Test Root CA');
  self('rogue', 'Sim Rogue Root CA');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'issuing.key', '-out', 'issuing.csr', '-subj', '/O=Exchange Sim/CN=Sim Issuing CA', '-config', 'ca.cnf'], dir);
  openssl(['x509', '-req', '-in', 'issuing.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '2', '-days', '3650', '-extfile', 'ca.cnf', '-extensions', 'v3_ca', '-out', 'issuing-only.pem'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'issuing2.key', '-out', 'issuing2.csr', '-subj', '/O=Exchange Sim/CN=Sim Issuing CA 2', '-config', 'ca.cnf'], dir);
  openssl(['x509', '-req', '-in', 'issuing2.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '3', '-days', '3650', '-extfile', 'ca.cnf', '-extensions', 'v3_ca', '-out', 'issuing2.pem'], dir);
  const rootPem = fs.readFileSync(path.join(dir, 'root.pem'), 'utf8');
  const chainPem = fs.readFileSync(path.join(dir, 'issuing-only.pem'), 'utf8') + rootPem;
  // What the CA returns after the leaf: the issuing CA (the root is in the trust store).
  fs.copyFileSync(path.join(dir, 'issuing-only.pem'), path.join(dir, 'issuing.pem'));
  return { dir, rootPem, chainPem, issuing2Pem: fs.readFileSync(path.join(dir, 'issuing2.pem'), 'utf8') };
}
