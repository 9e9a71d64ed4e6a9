/** Exactly which fields of a notification leave the server: codes and ids, never personal data. */
import { z } from 'zod';

export const NotificationSchema = z
  .strictObject({
    id: z.string().uuid(),
    kind: z.string(),
    referralId: z.string().uuid().nullable(),
    requestedService: z.string().nullable(),
    partner: z.string(),
    createdAt: z.string(),
    read: z.boolean(),
    // Deadline reminders: the case (its id and reference code), the agenda kind (e.g. review_due) and the due date.
    caseId: z.string().uuid().nullable(),
    caseReference: z.string().nullable(),
    detail: z.string().nullable(),
    dueDate: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export const NotificationListSchema = z.strictObject({
  unread: z.number().int(),
  notifications: z.array(NotificationSchema),
});

type NotificationView = z.infer<typeof NotificationSchema>;

export function presentNotifications(list: {
  unread: number;
  notifications: NotificationView[];
}): z.infer<typeof NotificationListSchema> {
  return {
    unread: list.unread,
    notifications: list.notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      referralId: n.referralId,
      requestedService: n.requestedService,
      partner: n.partner,
      createdAt: n.createdAt,
      read: n.read,
      caseId: n.caseId,
      caseReference: n.caseReference,
      detail: n.detail,
      dueDate: n.dueDate,
    })),
  };
}
