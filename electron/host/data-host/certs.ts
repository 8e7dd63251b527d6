import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate, createHash, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export type Pem = string;
export type KeyPairPem = { certPem: Pem; keyPem: Pem };

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<Pem> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importPrivateKey(pem: Pem): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, false, ['sign']);
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/** The institution's own CA: ECDSA P-256, 20 years, signs only certificates for this institution's desks. */
export async function createInstitutionCa(institution: string, now: Date): Promise<KeyPairPem> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [`${institution.slice(0, 40) || 'Tonghu'} 童护 CA`] }, { O: ['Tonghu'] }],
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 20 * 365 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** The listener's certificate: names the address the administrator chose (and loopback), EKU serverAuth. */
export async function createServerCertificate(ca: KeyPairPem, address: string, now: Date): Promise<KeyPairPem> {
  const keys = await generateKeys();
  const caCert = new x509.X509Certificate(ca.certPem);
  const names = new Map<string, x509.JsonGeneralName>();
  for (const name of [address, '127.0.0.1', 'localhost']) {
    names.set(name, isIP(name) ? { type: 'ip', value: name } : { type: 'dns', value: name });
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: ['Tonghu data host'] }],
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.keyPem),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.values()]),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** A workstation's key pair and its certificate request (the private key never leaves the workstation). */
export async function createWorkstationRequest(name: string): Promise<{ csrPem: Pem; keyPem: Pem }> {
  const keys = await generateKeys();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: [{ CN: [name.slice(0, 60)] }], keys, signingAlgorithm: ALG });
  return { csrPem: csr.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/**
 * Signs a workstation's request with the CA: EKU clientAuth, subject `ws-<id>`, 10 years (revocation,
 * not expiry, is how a desk is taken out). Throws when the request's own signature does not hold.
 */
export async function signWorkstationRequest(ca: KeyPairPem, csrPem: Pem, workstationId: number, now: Date): Promise<{ certPem: Pem; fingerprint: string; serial: string }> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch {
    throw new Error('certificate request unreadable');
  }
  if (!(await csr.verify())) throw new Error('certificate request signature invalid');
  const alg = csr.publicKey.algorithm as { name?: string; namedCurve?: string };
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') throw new Error('certificate request key must be ECDSA P-256');
  const caCert = new x509.X509Certificate(ca.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: [`ws-${workstationId}`] }, { O: ['Tonghu workstation'] }],
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY),
    signingAlgorithm: ALG,
    publicKey: csr.publicKey,
    signingKey: await importPrivateKey(ca.keyPem),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  const pem = cert.toString('pem');
  const node = new X509Certificate(pem);
  return { certPem: pem, fingerprint: fingerprintOf(pem).sha256, serial: node.serialNumber };
}

/** SHA-256 over the certificate's DER, hex upper case, and its first 128 bits in groups of four to read aloud. */
export function fingerprintOf(pemOrDer: Pem | Buffer): { sha256: string; groups: string[] } {
  const der = typeof pemOrDer === 'string' ? new X509Certificate(pemOrDer).raw : pemOrDer;
  const sha256 = createHash('sha256').update(der).digest('hex').toUpperCase();
  return { sha256, groups: fingerprintGroups(sha256) };
}

export function fingerprintGroups(sha256: string): string[] {
  return sha256.slice(0, 32).match(/.{4}/g) ?? [];
}

/**
 * The CA's revocation list: every revoked desk's certificate serial. The data listener carries it, so
 * OpenSSL refuses a revoked certificate during the handshake. It is made anew at every start and every
 * revocation; `nextUpdate` is far off (ten years, like the certificates) because nobody fetches it from
 * a distribution point — a list past its `nextUpdate` would make every desk fail verification.
 * Encoded with the `X509 CRL` label, the one OpenSSL reads (the library's own `toString('pem')` writes `CRL`).
 */
export async function createRevocationList(ca: KeyPairPem, revoked: readonly { serial: string; revokedAt: Date }[], now: Date): Promise<Pem> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const crl = await x509.X509CrlGenerator.create({
    issuer: caCert.subject,
    thisUpdate: new Date(now.getTime() - DAY),
    nextUpdate: new Date(now.getTime() + 10 * 365 * DAY),
    signingAlgorithm: ALG,
    signingKey: await importPrivateKey(ca.keyPem),
    entries: revoked
      .filter((r) => /^[0-9A-Fa-f]+$/.test(r.serial))
      .map((r) => ({ serialNumber: r.serial, revocationDate: r.revokedAt, reason: x509.X509CrlReason.cessationOfOperation })),
  });
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
}
