/**
 * What each channel does to the data, for the transports that retry (a workstation over the network):
 * a 'write' carries a request id and the data host keeps its answer, so a retry is answered from it
 * and never applied twice; a 'read' (which may append an access row to the audit trail, harmless when
 * repeated) and a 'session' step are simply run again. A channel not listed is a write: forgetting
 * a channel costs a stored answer, never a doubled write. An 'outside' write cannot run inside a
 * transaction (VACUUM INTO, rekey): its answer is kept as soon as it is known, and the work itself
 * is one a repeat does no harm to (one more backup).
 */
export type ChannelKind = 'read' | 'write' | 'session' | 'outside';

const READS = [
  'app:status',
  'audit:query',
  'audit:verify',
  'autism:get',
  'backup:list',
  'key:status',
  'children:list',
  'children:get',
  'children:history',
  'eligibility:get',
  'eligibility:summary',
  'ledger:view',
  'ledger:export',
  'import:preview',
  'mentalHealth:get',
  'record:get',
  'record:getDocument',
  'rules:evaluateChild',
  'rehab:child',
  'rehab:pendingPlans',
  'rehab:today',
  'rehab:therapists',
  'rehab:cutoffs',
  'reintegration:pipeline',
  'reintegration:get',
  'reintegration:caseOfChild',
  'reintegration:dossier',
  'reports:statistics',
  'jobs:status',
  'users:list',
  'worklist:get',
  'desks:status',
  'desks:list',
  'desks:probe',
  'key:unconfirmedCode',
  'backup:health',
  'audit:checkpoint',
  'audit:export',
  'approvals:queue',
  'caseload:list',
  'caseload:people',
] as const;

const SESSION_STEPS = ['app:setup', 'app:unlock', 'auth:login', 'auth:logout', 'auth:lock', 'auth:unlockScreen'] as const;

const OUTSIDE = ['backup:run', 'backup:restore', 'backup:restoreFromFile', 'key:change'] as const;

const KINDS = new Map<string, ChannelKind>([
  ...READS.map((c) => [c, 'read'] as const),
  ...SESSION_STEPS.map((c) => [c, 'session'] as const),
  ...OUTSIDE.map((c) => [c, 'outside'] as const),
]);

/** The kind of a channel; anything not known to read is treated as a write. */
export function channelKind(channel: string): ChannelKind {
  return KINDS.get(channel) ?? 'write';
}

/** Every channel named here (a test checks each exists in the contract). */
export const CLASSIFIED_CHANNELS: readonly string[] = [...READS, ...SESSION_STEPS, ...OUTSIDE];
