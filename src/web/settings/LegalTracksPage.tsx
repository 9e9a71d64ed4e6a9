/** Placeholder until the LegalTracks page lands (issue #17); replaced, not kept. */
export function LegalTracksPage() {
  return null;
}
