/** Placeholder until the Lists page lands (issue #17); replaced, not kept. */
export function ListsPage() {
  return null;
}
