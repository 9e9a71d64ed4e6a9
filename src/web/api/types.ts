/** Response shapes: inferred on the server from the presenters' schemas (see /api/docs), taken as types only. */
export type { AuditEntryView, SessionView, UserView } from '../../server/api-types';

export { ROLES } from '../../domain/roles/staff-roles';
