/**
 * Which cases a device may hold offline (issue #18). A case leaves every device when it is closed
 * (a transfer closes the sender's case) or when she withdraws her consent to assistance or to the
 * storage of her data: the next pull lists it in `removed` and the device wipes it; a push to it is refused.
 */
import { currentConsents, type ConsentEvent } from '../cases/consent';

/** Purposes whose withdrawal takes the case off every device. */
export const HOLDING_PURPOSES: readonly string[] = ['assistance', 'data_storage'];

export function mayHoldOffline(status: string, consents: readonly ConsentEvent[]): boolean {
  if (status === 'closed') return false;
  return !currentConsents([...consents]).some((c) => HOLDING_PURPOSES.includes(c.purpose) && !c.granted);
}
