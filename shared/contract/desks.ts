import { z } from 'zod';
import { safeText } from './text';
import { idSchema, nothing, requiredText } from './common';
import { channel } from './define';

/** How this install runs: 单机 (one desk, today's app), 数据主机 (also serves workstations), 工作站 (no data, reaches the host). */
export const deskModeSchema = z.enum(['standalone', 'dataHost', 'workstation']);
export type DeskMode = z.infer<typeof deskModeSchema>;

/** An IPv4 address or a host name on the institution's network. */
const hostAddress = z
  .string()
  .trim()
  .min(1, '请填写地址')
  .max(253, '地址太长')
  .regex(/^[A-Za-z0-9.-]+$/, '地址只能是 IP 地址或主机名，例如 192.168.1.10')
  .refine((a) => a !== '0.0.0.0', '请填写这台电脑在院内网络上的具体地址（不能是 0.0.0.0），工作站按这个地址核对证书');

const portSchema = z
  .number({ error: '请填写 1024 到 65534 之间的端口号' })
  .int('端口号须为整数')
  .min(1024, '端口号最小 1024')
  .max(65534, '端口号最大 65534（下一个端口用于添加工作站）');

/** `地址:端口` as typed by the person at a new workstation. */
export const hostEndpointSchema = z
  .string()
  .trim()
  .regex(/^(https:\/\/)?[A-Za-z0-9.-]+:\d{4,5}\/?$/, '请按“地址:端口”填写，例如 192.168.1.10:8443');

export const fingerprintSchema = z.object({
  /** SHA-256 of the certificate, hex upper case. */
  sha256: z.string(),
  /** The first 128 bits in eight groups of four, to read aloud and compare. */
  groups: z.array(z.string()),
});
export type Fingerprint = z.infer<typeof fingerprintSchema>;

export const listenerSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  listening: z.boolean(),
  /** Set when the listener could not start (address not on this computer, port in use). */
  problem: z.string().nullable(),
  fingerprint: fingerprintSchema,
});

export const witnessAlarmSchema = z.object({
  reason: z.enum(['cut', 'rewritten']),
  at: z.string(),
  seen: z.object({ count: z.number().int(), hash: z.string() }),
  shown: z.object({ count: z.number().int(), hash: z.string() }),
});
export type WitnessAlarm = z.infer<typeof witnessAlarmSchema>;

export const deskStatusSchema = z.object({
  mode: deskModeSchema,
  /** Data host: its listener (null until first turned on). */
  listener: listenerSchema.nullable(),
  /** Workstation: enrolled yet, its name and the host it reaches. */
  enrolled: z.boolean(),
  workstationName: z.string().nullable(),
  hostAddress: z.string().nullable(),
  /** Workstation: whether the last request reached the host. */
  hostReachable: z.boolean(),
  /** Workstation: the host refused this desk's certificate as revoked. */
  revoked: z.boolean(),
  /** Workstation: the host showed an audit history that does not extend what this desk saw. */
  witnessAlarm: witnessAlarmSchema.nullable(),
});
export type DeskStatus = z.infer<typeof deskStatusSchema>;

export const workstationRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  enrolledBy: z.string().nullable(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  fingerprint: z.string(),
});
export type WorkstationRow = z.infer<typeof workstationRowSchema>;

const workstationName = requiredText(40, '请填写工作站名称');

export const desksChannels = {
  /** This install's mode, the data host's listener or the workstation's link to its host. */
  'desks:status': channel({ input: nothing, output: deskStatusSchema, permission: 'public', description: 'desk mode and link' }),
  /** Turns the data host's listener on (first time: makes the institution's CA), or moves it. */
  'desks:listen': channel({
    input: z.object({ address: hostAddress, port: portSchema }),
    output: listenerSchema,
    permission: 'users.manage',
    description: 'turn on the data host listener',
  }),
  /** Turns the listener off: back to one desk; workstations are refused until it is on again. */
  'desks:stopListening': channel({ input: nothing, output: listenerSchema.nullable(), permission: 'users.manage', description: 'turn off the listener' }),
  /** A one-time enrollment code (single use, 15 minutes) with the address and fingerprint to give the new desk. */
  'desks:addWorkstation': channel({
    input: nothing,
    output: z.object({ address: z.string(), port: z.number().int(), fingerprint: fingerprintSchema, code: z.string(), expiresAt: z.string() }),
    permission: 'users.manage',
    description: 'make an enrollment code',
  }),
  /** Every workstation ever enrolled: name, by whom, when, last seen, revoked. */
  'desks:list': channel({ input: nothing, output: z.array(workstationRowSchema), permission: 'users.manage', description: 'list workstations' }),
  'desks:rename': channel({
    input: z.object({ id: idSchema, name: workstationName }),
    output: workstationRowSchema,
    permission: 'users.manage',
    description: 'rename a workstation',
  }),
  /** Revokes a workstation: refused at its next handshake, its open sessions end at once. */
  'desks:revoke': channel({ input: z.object({ id: idSchema }), output: workstationRowSchema, permission: 'users.manage', description: 'revoke a workstation' }),
  /** Workstation, before enrolling: the fingerprint of the certificate the host at this address shows (nothing is sent). */
  'desks:probe': channel({ input: z.object({ host: hostEndpointSchema }), output: fingerprintSchema, permission: 'public', description: 'see the host certificate' }),
  /** Workstation: enrolls with the code, pinned to the fingerprint the person compared. */
  'desks:enroll': channel({
    input: z.object({
      host: hostEndpointSchema,
      code: safeText().trim().min(1, '请填写配对码').max(32, '配对码太长'),
      name: workstationName,
      fingerprint: z.string().regex(/^[0-9A-F]{64}$/, '指纹无效'),
    }),
    output: z.object({ name: z.string() }),
    permission: 'public',
    description: 'enroll this workstation',
  }),
};
