// Certificates an organisation issues, made with OpenSSL as a real certificate authority makes
// them: a CA with its own P-256 key, and .p12 files it issues (a key, its certificate and the CA's
// certificate, under a password), good or with one thing wrong. `openssl ca` takes any start and
// end date, so an expired certificate can be made today.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why OpenSSL cannot be used here, or '' when it can. */
export function opensslMissing(): string {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return '';
  } catch {
    return 'openssl is not installed';
  }
}

export const CA_NAME = 'City of Aldport Signing CA';

export interface IssueOptions {
  usage?: string;
  /** Validity as openssl ca takes it (YYYYMMDDHHMMSSZ); else a year from today. */
  start?: string;
  end?: string;
  rsa?: boolean;
  /** The extendedKeyUsage extension as openssl writes it ("serverAuth,clientAuth"); none when not given. */
  extendedKeyUsage?: string;
}

/** A certificate authority in `dir` (ca.key, ca.crt), and `issue` for the .p12 files it gives out under `password`. */
export function certificateAuthority(dir: string, password: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const newKey = (name: string, rsa = false) =>
    rsa ? openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${name}.key`) : openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  mkdirSync(join(dir, 'ca'), { recursive: true });
  writeFileSync(join(dir, 'ca/index.txt'), '');
  writeFileSync(join(dir, 'ca/serial'), '1000\n');
  const config = ['[ca]', 'default_ca = city', '[city]', 'dir = ca', 'database = ca/index.txt', 'serial = ca/serial', 'new_certs_dir = ca', 'certificate = ca.crt', 'private_key = ca.key'];
  const policy = ['default_md = sha256', 'policy = any', 'unique_subject = no', 'copy_extensions = none', '[any]', 'commonName = supplied', 'organizationName = optional', 'organizationalUnitName = optional', ''];
  writeFileSync(join(dir, 'ca.cnf'), [...config, ...policy].join('\n'));
  newKey('ca');
  openssl('req', '-x509', '-new', '-key', 'ca.key', '-subj', `/O=City of Aldport/CN=${CA_NAME}`, '-days', '3650', '-out', 'ca.crt');
  return {
    openssl,
    /** NAME.p12 in `dir`: a new key (P-256 unless `rsa`) and the certificate the CA issues for `subject`, with the CA's. */
    issue(name: string, subject: string, { usage = 'critical,digitalSignature,nonRepudiation', start = '', end = '', rsa = false, extendedKeyUsage }: IssueOptions = {}): string {
      newKey(name, rsa);
      openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
      writeFileSync(join(dir, `${name}.ext`), `keyUsage=${usage}\nbasicConstraints=CA:FALSE\n${extendedKeyUsage ? `extendedKeyUsage=${extendedKeyUsage}\n` : ''}`);
      const dates = start ? ['-startdate', start, '-enddate', end] : ['-days', '365'];
      openssl('ca', '-batch', '-config', 'ca.cnf', '-in', `${name}.csr`, '-out', `${name}.crt`, '-extfile', `${name}.ext`, '-notext', ...dates);
      openssl('pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.crt`, '-certfile', 'ca.crt', '-passout', `pass:${password}`, '-out', `${name}.p12`);
      return join(dir, `${name}.p12`);
    },
  };
}
