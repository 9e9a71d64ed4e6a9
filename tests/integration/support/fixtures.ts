/** Request bodies shared by API tests; every name is obviously fictional. */
import { daysAgo } from './dates';

export const intake = (overrides: Record<string, unknown> = {}) => ({
  person: {
    givenName: 'Demo',
    familyName: 'Person 501',
    dateOfBirth: '1999-04-02',
    sex: 'female',
    citizenship: 'MD',
    chosenTerm: 'survivor',
    languages: ['ro'],
  },
  intake: {
    channel: 'hotline',
    contactDate: daysAgo(61),
    municipality: 'Demo Town',
    language: 'ro',
    mediatorUsed: true,
    immediateNeeds: ['shelter', 'medical'],
  },
  risk: { level: 'high', notes: 'Demo note: the exploiter knows her old address' },
  ...overrides,
});
