/**
 * One idempotency key per submission of a create form: every click and every retry of the same
 * submission sends the same key, so the server creates one record. After a success the form calls
 * `renew()`, and the next submission (a second, deliberate record) gets a new key.
 *
 * @example const idem = useIdempotencyKey(); api('/api/cases', { method: 'POST', body, idempotencyKey: idem.key })
 */
import { useCallback, useState } from 'react';

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function useIdempotencyKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}
