import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM files of a throwaway PKI: a CA, a server and a client certificate it signed, and a second, unrelated CA. */
export interface TestCertificates {
  readonly caFile: string;
  /** For `localhost` and `127.0.0.1`. */
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  /** A CA that signed nothing here: trusting it instead of `caFile` must fail. */
  readonly otherCaFile: string;
  /** Removes the files. */
  cleanup(): Promise<void>;
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/**
 * Creates a {@link TestCertificates} PKI with the machine's openssl, valid for a day, in a fresh
 * temporary directory. P-256 keys: quick to make and accepted by grpc-js.
 */
export async function createTestCertificates(): Promise<TestCertificates> {
  const directory = await mkdtemp(join(tmpdir(), 'test-pki-'));
  const file = (name: string) => join(directory, name);
  const authority = async (name: string) =>
    run('openssl', ['req', '-x509', ...ecKey, '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`), '-days', '1', '-subj', `/CN=${name}`]);
  const signed = async (name: string, extensions: string) => {
    await writeFile(file(`${name}.ext`), `${extensions}\n`);
    await run('openssl', ['req', ...ecKey, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${name}`]);
    await run('openssl', [
      'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
      '-out', file(`${name}.pem`), '-days', '1', '-extfile', file(`${name}.ext`),
    ]);
  };
  await Promise.all([authority('ca'), authority('other-ca')]);
  // Redis cluster nodes present their server certificate on the cluster bus as clients too.
  await signed('server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth');
  await signed('client', 'extendedKeyUsage=clientAuth');
  return {
    caFile: file('ca.pem'),
    serverCertFile: file('server.pem'),
    serverKeyFile: file('server.key'),
    clientCertFile: file('client.pem'),
    clientKeyFile: file('client.key'),
    otherCaFile: file('other-ca.pem'),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
}
