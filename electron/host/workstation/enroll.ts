import { X509Certificate } from 'node:crypto';
import { request } from 'node:http';
import { type TLSSocket, connect } from 'node:tls';
import { AppError } from '../../../shared/contract/errors';
import { createWorkstationRequest, fingerprintOf } from '../data-host/certs';
import { enrollmentPort } from '../data-host/data-host';
import type { WorkstationIdentity } from './identity';

const TIMEOUT_MS = 10_000;

/** `192.168.1.10:8443`, `https://host:8443/` → host and data port. */
export function parseHostEndpoint(text: string): { host: string; port: number; url: string } {
  const m = /^(?:https:\/\/)?([A-Za-z0-9.-]+):(\d{4,5})\/?$/.exec(text.trim());
  if (!m) throw new AppError('invalid_input', '请按“地址:端口”填写，例如 192.168.1.10:8443', { field: 'host' });
  const port = Number(m[2]);
  if (port < 1 || port > 65534) throw new AppError('invalid_input', '端口号无效', { field: 'host' });
  return { host: m[1], port, url: `https://${m[1]}:${port}` };
}

/** Opens TLS to the host's enrollment port without trusting anything yet, and hands back the socket and the certificate it showed. */
function openEnrollmentSocket(host: string, port: number): Promise<{ socket: TLSSocket; fingerprint: string; der: Buffer }> {
  return new Promise((resolveOpen, reject) => {
    const socket = connect({ host, port: enrollmentPort(port), rejectUnauthorized: false, minVersion: 'TLSv1.3', timeout: TIMEOUT_MS });
    const fail = (error: Error) => {
      socket.destroy();
      reject(new AppError('host_unreachable', `无法连接数据主机 ${host}:${port}（${(error as NodeJS.ErrnoException).code ?? error.message}）`, { field: 'host' }));
    };
    socket.once('error', fail);
    socket.once('timeout', () => fail(new Error('timeout')));
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      socket.setTimeout(0);
      const raw = socket.getPeerCertificate().raw;
      if (!raw) return fail(new Error('no certificate'));
      resolveOpen({ socket, fingerprint: fingerprintOf(raw).sha256, der: raw });
    });
  });
}

/** The fingerprint of the certificate the host at this address shows; nothing is sent to it. */
export async function probeHost(endpoint: string): Promise<{ sha256: string; groups: string[] }> {
  const { host, port } = parseHostEndpoint(endpoint);
  const { socket, der } = await openEnrollmentSocket(host, port);
  socket.end();
  return fingerprintOf(der);
}

/**
 * Enrolls this desk: connects, checks that the host shows the certificate whose fingerprint the person
 * compared (and sends nothing if not), makes the key pair here, sends only the certificate request,
 * the code and the name, and checks that what comes back chains to a CA that signed the host's certificate.
 */
export async function enrollWorkstation(input: { host: string; code: string; name: string; fingerprint: string }): Promise<WorkstationIdentity> {
  const { host, port, url } = parseHostEndpoint(input.host);
  const { socket, fingerprint, der } = await openEnrollmentSocket(host, port);
  if (fingerprint !== input.fingerprint.toUpperCase()) {
    socket.destroy();
    throw new AppError('forbidden', '数据主机的证书指纹与核对的不一致：未发送任何信息。请与管理员重新核对', { field: 'fingerprint' });
  }
  const { csrPem, keyPem } = await createWorkstationRequest(input.name);
  const body = JSON.stringify({ code: input.code, csr: csrPem, name: input.name });
  const answer = await new Promise<string>((resolveAnswer, reject) => {
    const req = request(
      { method: 'POST', path: '/enroll', host, createConnection: () => socket, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveAnswer(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(new AppError('host_unreachable', `配对时连接中断（${(error as NodeJS.ErrnoException).code ?? error.message}）`)));
    req.end(body);
  });
  socket.destroy();
  let parsed: { ok: boolean; value?: { workstationId: number; name: string; certPem: string; caPem: string }; error?: { code: string; message: string; field?: string } };
  try {
    parsed = JSON.parse(answer) as typeof parsed;
  } catch {
    throw new AppError('internal', '数据主机的回答无法读取');
  }
  if (!parsed.ok || !parsed.value) {
    const e = parsed.error;
    throw new AppError(e?.code === 'bad_credentials' ? 'bad_credentials' : 'invalid_input', e?.message ?? '配对未成功', { field: e?.field ?? 'code' });
  }
  const { certPem, caPem, workstationId, name } = parsed.value;
  const ca = new X509Certificate(caPem);
  const hostCert = new X509Certificate(der);
  const mine = new X509Certificate(certPem);
  if (!hostCert.checkIssued(ca) || !hostCert.verify(ca.publicKey) || !mine.checkIssued(ca) || !mine.verify(ca.publicKey)) {
    throw new AppError('forbidden', '数据主机发回的证书不属于它自己的证书机构：未保存', { field: 'fingerprint' });
  }
  return { hostUrl: url, workstationId, name, certPem, caPem, keyPem };
}
