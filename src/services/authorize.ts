/** The first line of every service method: ask the policies, fail as "not found or no access". */
import { errors } from '../errors';
import { can, type Action, type Actor, type Resource } from '../policies/policies';

export function requireAccess(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) {
    // Across organisations a denial must not reveal that the record exists.
    throw resource.organisationId === actor.organisationId ? errors.forbidden() : errors.notFound();
  }
}
