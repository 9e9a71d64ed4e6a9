/**
 * The request rate limit of routes that start heavy work (MSE, linkage runs,
 * report and export files). Counted per user, after the session is resolved
 * (hook preHandler), so colleagues behind one address do not share a budget.
 * The worker pool adds its own per-organisation concurrency limit.
 */
import type { AppContext } from '../../services/context';

export function heavyRateLimit(ctx: AppContext) {
  return {
    max: ctx.config.heavyRateLimitPerMinute ?? 60,
    timeWindow: '1 minute',
    hook: 'preHandler' as const,
    keyGenerator: (request: { session?: { actor: { userId: string } }; ip: string }) =>
      `heavy:${request.session?.actor.userId ?? request.ip}`,
  };
}
