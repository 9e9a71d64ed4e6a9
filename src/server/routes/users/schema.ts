/** Edge schemas for managing staff accounts (the bodies live in the domain, shared with the service). */
import { z } from 'zod';

export { CreateUserBody, UpdateUserBody } from '../../../domain/accounts/inputs';

export const UserParams = z.strictObject({ id: z.string().uuid() });

// The service judges length and strength, answering with the estimator's feedback for the field.
export const TemporaryPasswordBody = z.strictObject({ password: z.string().min(1).max(1024) });
