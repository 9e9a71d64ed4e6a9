/** The first line of every service method: ask the policies, fail as "not found or no access". */
import { errors } from '../errors';
import { can, type Action, type Actor, type Resource } from '../policies/policies';

export function requireAccess(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) {
    // Across organisations a denial must not reveal that the record exists; an organisation the
    // shared record names already sees it, so it is told "forbidden".
    const visible =
      resource.organisationId === actor.organisationId || (resource.parties ?? []).includes(actor.organisationId);
    throw visible ? errors.forbidden() : errors.notFound();
  }
}
