/** Response types of the history routes, inferred from their schemas (types only: nothing of the server reaches the bundle). */
import type { z } from 'zod';
import type { AccessLogSchema, AuditPageSchema, AuditVerifySchema } from '../../server/presenters/audit';
import type { PreferencesSchema } from '../../server/routes/account/preferences';
import type { TimelineEventSchema } from '../../server/presenters/timeline';

export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditVerify = z.infer<typeof AuditVerifySchema>;
export type AccessLog = z.infer<typeof AccessLogSchema>;
export type Preferences = z.infer<typeof PreferencesSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
