/** Kysely table types: the one place that mirrors the SQL migrations in TypeScript. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  country: string | null;
  created_at: Generated<Timestamp>;
}

export interface OrganisationKeysTable {
  organisation_id: string;
  purpose: 'data' | 'index';
  version: number;
  wrapped_key: string;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  last_login_at: Timestamp | null;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  roles: string[];
  created_at: Generated<Timestamp>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  organisation_id: string;
  csrf_token: string;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  organisation_id: string;
  seq: number;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string[];
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Timestamp>;
}

export interface DB {
  organisations: OrganisationsTable;
  organisation_keys: OrganisationKeysTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}
