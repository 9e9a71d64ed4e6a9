/** Placeholder until the Forms page lands (issue #17); replaced, not kept. */
export function FormsPage() {
  return null;
}
