import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * The data host's identity (migration 0017): the institution's own CA and the listener's server
 * certificate, made when the listener is first turned on. The private keys live here, inside the
 * encrypted database, so they are kept under the database key and travel with its backups.
 */
export const dataHost = sqliteTable('data_host', {
  id: integer('id').primaryKey(),
  address: text('address').notNull(),
  port: integer('port').notNull(),
  listening: integer('listening').notNull().default(0),
  caCert: text('ca_cert').notNull(),
  caKey: text('ca_key').notNull(),
  serverCert: text('server_cert').notNull(),
  serverKey: text('server_key').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** An enrolled workstation: admitted by the certificate the CA signed for it, until revoked. */
export const workstations = sqliteTable(
  'workstations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    certFingerprint: text('cert_fingerprint').notNull(),
    certSerial: text('cert_serial').notNull(),
    enrolledBy: integer('enrolled_by').references(() => users.id),
    enrolledAt: text('enrolled_at').notNull(),
    lastSeenAt: text('last_seen_at'),
    revokedAt: text('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('workstations_fingerprint_unique').on(t.certFingerprint)],
);

/** One-time enrollment codes: only their hash is kept; single use, 15 minutes. */
export const enrollmentCodes = sqliteTable(
  'enrollment_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeHash: text('code_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    workstationId: integer('workstation_id').references(() => workstations.id),
  },
  (t) => [uniqueIndex('enrollment_codes_hash_unique').on(t.codeHash)],
);

/** The answer to each write a workstation sent, by its request id, so a retry is answered, not applied again. */
export const requestAnswers = sqliteTable(
  'request_answers',
  {
    workstationId: integer('workstation_id').notNull(),
    requestId: text('request_id').notNull(),
    channel: text('channel').notNull(),
    at: text('at').notNull(),
    answer: text('answer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workstationId, t.requestId] }), index('request_answers_at_idx').on(t.at)],
);

/**
 * A signed-in session at a workstation's page (migration 0020), so sign-ins survive a restart of the
 * data host. Only the SHA-256 of the session's key is kept; the person and the desk it is bound to,
 * its last activity and lock (the idle-lock rule carries on after a restart) and when it expires.
 */
export const deskSessions = sqliteTable(
  'desk_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    workstationId: integer('workstation_id')
      .notNull()
      .references(() => workstations.id),
    certFingerprint: text('cert_fingerprint').notNull(),
    createdAt: text('created_at').notNull(),
    lastActivityAt: text('last_activity_at').notNull(),
    locked: integer('locked').notNull().default(0),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('desk_sessions_user_idx').on(t.userId), index('desk_sessions_workstation_idx').on(t.workstationId)],
);
