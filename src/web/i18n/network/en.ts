/** Referrals and the network, English (source). */
export const netEn = {
  territory: 'Territory', targetGroup: 'Target group',
  targetGroups: { women: 'Women', men: 'Men', transgender: 'Transgender persons', minors: 'Minors', sexual: 'Sexual exploitation', forced_labour: 'Forced labour', begging: 'Forced begging', illegal_activities: 'Forced criminal activities', mail_order_bride: 'Forced or sham marriage', illegal_adoption: 'Illegal adoption', organs: 'Organ removal' },
  referralsTitle: 'Referrals', incoming: 'Incoming', outgoing: 'Outgoing', none: 'None.', date: 'Date', organisation: 'Organisation', kind: 'Kind',
  kinds: { referral: 'Referral', transfer: 'Transfer' },
  statuses: { pending: 'Pending', accepted: 'Accepted', declined: 'Declined', completed: 'Completed', consent_withdrawn: 'Consent withdrawn' },
  shared: 'What was shared', sectionNames: { chosen_term: 'chosen term', language: 'language', needs: 'needs', requested_service: 'requested service', identity: 'identity', identification: 'identification', legal: 'legal events', risk_level: 'safety risk level' },
  declinedBecause: 'Declined: {{reason}}', openNewCase: 'Open the new case', openOwnCase: 'Open our case', answer: 'Answer', accept: 'Accept', declineReason: 'Reason for declining', decline: 'Decline',
  consentWithdrawnIncoming: 'She withdrew her consent to share with your organisation. What was shared is no longer visible here, and this referral can no longer be accepted.',
  consentWithdrawnOutgoing: 'She withdrew her consent to share with this partner. The partner no longer sees what was shared and has been told. If she consents again, send a new referral.',
  withdrawnOn: 'Withdrawn on {{date}}', confirmAcceptTransfer: 'Accept this transfer? Your organisation becomes the owner of a new case, and the sending organisation closes its case.', confirmAcceptYes: 'Yes, accept the transfer', cancel: 'Cancel',
  recordService: 'Record a service delivered', complete: 'Mark completed', ourNotes: 'Our records on this referral (never visible to the other side)',
  title: 'Network', graphTitle: 'Organisations, agreements and referral flows', from: 'From', to: 'To', flowSummary: '{{from}} → {{to}}: {{count}}', noFlows: 'No referrals in this period.',
  gapsTitle: 'Coverage gaps', gapsLegend: 'Number of providers per service and territory. "No provider" marks a gap; "full" means shelter capacity is exhausted.',
  noProvider: 'No provider', full: 'full ({{count}})', directory: 'Directory', placesFree: '{{count}} places free',
};
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type NetMessages = DeepStrings<typeof netEn>;
