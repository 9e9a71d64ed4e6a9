/**
 * Fictional demo cases ("Demo Kavito Resuma 017"), spread over the demo organisations
 * and every stage of the lifecycle, created through the same services as real
 * ones so every screen has something to show. Deterministic for a given count.
 *
 * They look like a year of work: first contacts over the past twelve months (a few older cases in
 * follow-up), case notes between contact and today, reviews, objectives and follow-ups due in the
 * coming weeks, some referrals to the partner organisations (accepted, completed or still waiting)
 * and a few transfers. Records and events carry the dates they describe (demoRepo.backdateCase).
 */
import { DEFAULT_FACTOR_CATALOGUE, DEFAULT_OUTCOME_MODEL } from '../domain/outcomes';
import type { EntryKind } from '../domain/cases/entries';
import { seededPrng } from '../domain/statistics/prng';
import type { Actor } from '../policies/policies';
import type { Role } from '../policies/roles';
import { demoRepo } from '../storage/repositories/demo';
import { addEntry } from './case-entries';
import { createCase, getCase, transitionCase, updateCase } from './cases';
import type { AppContext } from './context';
import { createReferral, respondToReferral } from './referrals';

const CHANNELS = [
  'outreach_unit',
  'drop_in_centre',
  'hotline',
  'law_enforcement',
  'self_referral',
  'health_service',
  'partner',
  'client',
];
const CITIZENSHIPS = ['NG', 'RO', 'MD', 'AL', 'UA', 'BG', 'CN', 'VN', 'SK', 'IT', 'FR', 'BR'];
const FORMS = ['sexual', 'forced_labour', 'begging', 'illegal_activities', 'mail_order_bride'];
const PURPOSE_OF_FORM: Record<string, string> = {
  sexual: 'sexual_exploitation',
  forced_labour: 'forced_labour',
  begging: 'forced_labour',
  illegal_activities: 'servitude',
  mail_order_bride: 'slavery',
};
const SERVICES = [
  'health_checkup',
  'psychological_counselling',
  'social_counselling',
  'legal_counselling',
  'language_course',
  'vocational_guidance',
  'job_placement',
  'interpretation_mediation',
];
const PROGRAMMES: Record<string, string[]> = {
  IT: ['it_art13', 'it_art18'],
  FR: ['fr_acse', 'generic'],
  SK: ['sk_iom_return_reintegration', 'sk_moi_programme'],
};
/**
 * Made-up syllables: demo names must differ from one another as real names do (record linkage
 * relies on it; a thousand "Demo Person NNN" look alike to it) while staying plainly invented.
 */
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  're',
  'su',
  'ta',
  'vi',
  'no',
  'be',
  'da',
  'fe',
  'gi',
  'ho',
  'ju',
  'ku',
  'le',
  'ma',
  'ni',
  'po',
  'ra',
  'se',
  'to',
  'vu',
  'ze',
  'xa',
  'qi',
  'yo',
  'wu',
];

/** Where each demo case stops on its way through the lifecycle. */
const TARGETS = [
  'contact',
  'identification',
  'reflection',
  'programme',
  'programme',
  'follow_up',
  'paused',
  'closed',
] as const;

export interface DemoStaff {
  organisationId: string;
  country: string;
  owners: { userId: string; roles: Role[] }[];
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const NOTES: [string, string][] = [
  ['meeting', 'Demo note: talked through housing options and the next appointments.'],
  ['phone_call', 'Demo note: short call to confirm the appointment at the health centre.'],
  ['shelter_visit', 'Demo note: visit at the shelter; settling in, asked about the language course.'],
  ['message', 'Demo note: message received, documents appointment moved to next week.'],
  ['meeting', 'Demo note: meeting with the legal advisor about the permit application.'],
  ['home_visit', 'Demo note: home visit after the move; the flat is fine, contact stays weekly.'],
];

/** Which partner receives a demo referral from each organisation, and for what (services they offer). */
const REFERRAL_SERVICE: Record<string, string> = {
  IT: 'social_counselling',
  FR: 'legal_counselling',
  SK: 'accommodation',
};

export async function seedDemoCases(
  ctx: AppContext,
  staff: DemoStaff[],
  count: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  const rng = seededPrng(`ariadne-demo-cases-${count}`);
  const random = () => rng.next();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const invented = (syllables: number) => {
    const word = Array.from({ length: syllables }, () => pick(SYLLABLES)).join('');
    return word[0].toUpperCase() + word.slice(1);
  };
  for (let i = 1; i <= count; i += 1) {
    const org = staff[i % staff.length];
    const owner = org.owners[i % org.owners.length];
    const actor: Actor = { userId: owner.userId, organisationId: org.organisationId, roles: owner.roles };
    // A year of work: most first contacts in the past twelve months, one in eight older (follow-up, closed).
    const contactDaysAgo = random() < 0.875 ? 12 + Math.floor(random() * 350) : 365 + Math.floor(random() * 500);
    const contactDate = isoDaysAgo(contactDaysAgo);
    const form = pick(FORMS);
    const isMinorCase = random() < 0.12;
    const person = {
      givenName: `Demo ${invented(3)}`,
      familyName: `${invented(3)} ${String(i).padStart(3, '0')}`,
      dateOfBirth: isoDaysAgo(365 * (isMinorCase ? 16 : 19 + Math.floor(random() * 25)) + Math.floor(random() * 300)),
      sex: (random() < 0.8 ? 'female' : random() < 0.9 ? 'male' : 'other') as 'female' | 'male' | 'other',
      citizenship: pick(CITIZENSHIPS),
      chosenTerm: pick(['survivor', 'victim', 'beneficiary', 'none']),
      languages: ['en'],
    };
    const dedupConsent = random() < 0.6;
    const created = await createCase(ctx, actor, {
      person,
      intake: {
        channel: pick(CHANNELS),
        contactDate,
        municipality: `Demo Town ${1 + (i % 9)}`,
        mediatorUsed: random() < 0.5,
        immediateNeeds: ['shelter', 'medical', 'food', 'legal'].filter(() => random() < 0.5),
      },
      risk: { level: pick(['low', 'medium', 'high', 'critical']) },
    });
    const target = pick(TARGETS);
    let version = created.row.version;
    const record = (kind: Parameters<typeof addEntry>[3], data: Record<string, unknown>) =>
      addEntry(ctx, actor, created.row.id, kind, data);
    const move = async (to: string, extra: Record<string, string> = {}) => {
      version = (await transitionCase(ctx, actor, created.row.id, { to, version, ...extra })).row.version;
    };

    await record('consent', {
      purpose: 'assistance',
      action: 'granted',
      language: 'en',
      interpreterUsed: false,
      recordedOn: contactDate,
    });
    if (random() < 0.7)
      await record('consent', {
        purpose: 'anonymous_statistics',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: contactDate,
      });
    if (dedupConsent)
      await record('consent', {
        purpose: 'network_deduplication',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: contactDate,
      });
    // Every 20th person is also known to the next organisation, so linkage has someone to find.
    if (i % 20 === 0 && dedupConsent) {
      const partner = staff[(i + 1) % staff.length];
      const partnerActor: Actor = {
        userId: partner.owners[0].userId,
        organisationId: partner.organisationId,
        roles: partner.owners[0].roles,
      };
      const again = await createCase(ctx, partnerActor, {
        person,
        intake: {
          channel: 'partner',
          contactDate: isoDaysAgo(Math.max(1, contactDaysAgo - 30)),
          mediatorUsed: false,
          immediateNeeds: [],
        },
        risk: { level: 'medium' },
      });
      await addEntry(ctx, partnerActor, again.row.id, 'consent', {
        purpose: 'network_deduplication',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: isoDaysAgo(Math.max(1, contactDaysAgo - 30)),
      });
    }
    onProgress?.(i);
    if (target === 'contact') continue;
    await record('identification', {
      acts: ['recruitment', 'transportation'].filter((_, k) => k === 0 || random() < 0.5),
      means:
        isMinorCase || random() < 0.15
          ? []
          : [pick(['deception', 'coercion', 'abuse_of_vulnerability', 'threat_or_force'])],
      purposes: [PURPOSE_OF_FORM[form]],
      formsOfExploitation: [form],
      assessedOn: isoDaysAgo(contactDaysAgo - 3),
      actsDate: isoDaysAgo(contactDaysAgo + 60),
    });
    await record('determination_organisation', {
      outcome: random() < 0.85 ? 'determined' : 'pending',
      decidedBy: 'Demo team meeting',
      decidedOn: isoDaysAgo(contactDaysAgo - 5),
    });
    await move('identification');
    if (target === 'identification') continue;
    await record('legal_event', {
      type: 'reflection_period',
      date: isoDaysAgo(contactDaysAgo - 6),
      country: org.country,
    });
    await move('reflection');
    if (target === 'reflection') continue;
    await record('objective', {
      title: 'Health check-up and counselling',
      status: random() < 0.6 ? 'achieved' : 'open',
      dueDate: isoDaysAgo(contactDaysAgo - 60),
      microObjectives: [{ title: 'Book appointment', done: true }],
    });
    await record('objective', {
      title: 'Language course',
      status: 'open',
      // Due in the coming weeks (or, for one in five, a little overdue).
      dueDate: isoDaysAgo(random() < 0.2 ? 1 + Math.floor(random() * 14) : -(3 + Math.floor(random() * 50))),
      microObjectives: [{ title: 'Enrol at the demo language school', done: random() < 0.5 }],
    });
    await record('review', {
      reviewedOn: isoDaysAgo(Math.max(1, Math.min(contactDaysAgo - 5, 10 + Math.floor(random() * 60)))),
      notes: 'Demo review note',
      nextReviewOn: isoDaysAgo(-(5 + Math.floor(random() * 40))),
    });
    for (let s = 0; s < 2 + Math.floor(random() * 4); s += 1) {
      await record('service', {
        service: pick(SERVICES),
        deliveredOn: isoDaysAgo(Math.max(1, contactDaysAgo - 10 - s * 20)),
        provider: random() < 0.8 ? 'own' : 'partner',
        durationMinutes: 60,
      });
    }
    await record('placement', {
      type: pick(['emergency', 'first_care', 'second_care']),
      startOn: isoDaysAgo(contactDaysAgo - 2),
      address: `Demo Street ${i}, Demo Town`,
    });
    await record('legal_event', {
      type: 'permit_decision',
      date: isoDaysAgo(Math.max(1, contactDaysAgo - 40)),
      validUntil: isoDaysAgo(-10 - Math.floor(random() * 300)),
    });
    version = (
      await updateCase(ctx, actor, created.row.id, {
        country: org.country,
        programmeType: pick(PROGRAMMES[org.country] ?? ['generic']),
        version,
      })
    ).row.version;
    await move('programme');
    await recordDemoOutcomes(record, contactDaysAgo, random);
    await record('follow_up_appointment', { dueDate: isoDaysAgo(-(2 + Math.floor(random() * 45))) });
    await recordNotes(record, contactDaysAgo, random);
    // One case in programme in six is referred to a partner of the network.
    if (i % 6 === 0) await referDemoCase(ctx, actor, created.row.id, org, staff, i, contactDaysAgo, random);
    if (target === 'closed' && i % 4 === 0) {
      // Some closed cases were transferred to a partner, which accepted and carries on (accepting closes ours).
      await transferDemoCase(ctx, actor, created.row.id, org, staff, i);
      await backdate(ctx, org.organisationId, created.row.id, contactDaysAgo);
      continue;
    }
    version = (await getCase(ctx, actor, created.row.id)).row.version;
    if (target === 'programme') {
      await backdate(ctx, org.organisationId, created.row.id, contactDaysAgo);
      continue;
    }
    if (target === 'follow_up') {
      await move('follow_up');
    } else if (target === 'paused') {
      await move('paused', { reason: 'lost_contact' });
    } else {
      await move('closed', { reason: pick(['programme_completed', 'returned_to_country_of_origin', 'lost_contact']) });
    }
    await backdate(ctx, org.organisationId, created.row.id, contactDaysAgo);
  }
  return count;
}

/** The case's rows carry the dates they describe, from its first contact on. */
async function backdate(ctx: AppContext, organisationId: string, caseId: string, contactDaysAgo: number) {
  const opened = new Date(Date.now() - contactDaysAgo * 86_400_000);
  opened.setUTCHours(9, 30, 0, 0);
  // As the schema owner, like the rest of the seed: the application role may not rewrite recorded times.
  await demoRepo.backdateCase(ctx.db.system, organisationId, caseId, opened);
}

/** Case notes between the first contact and today: meetings, calls, visits, messages. */
async function recordNotes(
  record: (kind: EntryKind, data: Record<string, unknown>) => Promise<unknown>,
  contactDaysAgo: number,
  random: () => number,
) {
  const count = 1 + Math.floor(random() * 4);
  for (let n = 0; n < count; n += 1) {
    const [kind, text] = NOTES[Math.floor(random() * NOTES.length)];
    const interpreter = random() < 0.3;
    await record('note', {
      date: isoDaysAgo(Math.max(1, Math.floor(contactDaysAgo * (1 - (n + 1) / (count + 1))))),
      kind,
      present: 'Demo caseworker',
      interpreterUsed: interpreter,
      ...(interpreter ? { interpreterLanguage: 'ro' } : {}),
      text,
    });
  }
}

const partnerOf = (staff: DemoStaff[], org: DemoStaff) => staff[(staff.indexOf(org) + 1) % staff.length];
const partnerActor = (partner: DemoStaff): Actor => ({
  userId: partner.owners[0].userId,
  organisationId: partner.organisationId,
  roles: partner.owners[0].roles,
});

/** Her consent to share with the partner, then a referral: waiting, accepted or completed. */
async function referDemoCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  org: DemoStaff,
  staff: DemoStaff[],
  i: number,
  contactDaysAgo: number,
  random: () => number,
) {
  const partner = partnerOf(staff, org);
  await addEntry(ctx, actor, caseId, 'consent', {
    purpose: 'referral_sharing',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    partnerOrganisationId: partner.organisationId,
    recordedOn: isoDaysAgo(Math.max(1, contactDaysAgo - 14)),
  });
  const sent = await createReferral(ctx, actor, caseId, {
    toOrganisationId: partner.organisationId,
    kind: 'referral',
    requestedService: REFERRAL_SERVICE[org.country] ?? 'social_counselling',
    sections: [],
    message: 'Demo message: could you see this person in the coming weeks?',
    urgency: random() < 0.3 ? 'urgent' : 'routine',
  });
  const step = i % 18;
  if (step === 0) return; // still waiting for an answer
  const accepted = await respondToReferral(ctx, partnerActor(partner), sent.row.id, 'accept', {
    version: sent.row.version,
  });
  if (step === 6) return;
  await respondToReferral(ctx, partnerActor(partner), sent.row.id, 'complete', { version: accepted.row.version });
}

/** A transfer with her identity, accepted by the partner: the person's case carries on there. */
async function transferDemoCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  org: DemoStaff,
  staff: DemoStaff[],
  i: number,
) {
  const partner = partnerOf(staff, org);
  await addEntry(ctx, actor, caseId, 'consent', {
    purpose: 'referral_sharing',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    partnerOrganisationId: partner.organisationId,
    recordedOn: isoDaysAgo(1),
  });
  const sent = await createReferral(ctx, actor, caseId, {
    toOrganisationId: partner.organisationId,
    kind: 'transfer',
    requestedService: 'accommodation',
    sections: ['identity'],
    message: `Demo message: transfer ${i}, the person moves to your region.`,
  });
  await respondToReferral(ctx, partnerActor(partner), sent.row.id, 'accept', { version: sent.row.version });
}

/**
 * Outcome records for a case in programme: a baseline a week after intake and
 * follow-ups at 3, 6, 12, 24 and 36 months while they lie in the past, drifting
 * upwards with setbacks, plus a few turning points, factors and circumstances.
 */
async function recordDemoOutcomes(
  record: (kind: EntryKind, data: Record<string, unknown>) => Promise<unknown>,
  contactDaysAgo: number,
  random: () => number,
): Promise<void> {
  if (contactDaysAgo < 10) return;
  const elements = DEFAULT_OUTCOME_MODEL.elements.filter(() => random() < 0.6);
  if (elements.length === 0) return;
  const level = new Map(elements.map((e) => [e.code, Math.floor(random() * 2)]));
  const scores = () =>
    elements.map((e) => ({
      element: e.code,
      score: level.get(e.code)!,
      source: random() < 0.6 ? 'own_view' : 'caseworker_observation',
    }));
  await record('outcome_assessment', { date: isoDaysAgo(contactDaysAgo - 7), origin: 'intake', scores: scores() });
  for (const months of [3, 6, 12, 24, 36]) {
    const daysAgo = contactDaysAgo - Math.round(months * 30.4);
    if (daysAgo < 1) break;
    for (const e of elements)
      level.set(e.code, Math.max(0, Math.min(4, level.get(e.code)! + (random() < 0.6 ? 1 : random() < 0.5 ? 0 : -1))));
    await record('outcome_assessment', { date: isoDaysAgo(daysAgo), origin: 'scheduled', scores: scores() });
  }
  const events: [string, number][] = [
    ['thinking_about_future', 80 + Math.floor(random() * 40)],
    ['decision_to_leave_shelter', 120 + Math.floor(random() * 90)],
    ['shelter_exit', 200 + Math.floor(random() * 120)],
    ['job', 240 + Math.floor(random() * 300)],
  ];
  for (const [kind, afterDays] of events) {
    if (random() < 0.65 && contactDaysAgo - afterDays > 0)
      await record('outcome_event', { kind, date: isoDaysAgo(contactDaysAgo - afterDays) });
  }
  const factors = DEFAULT_FACTOR_CATALOGUE.filter(() => random() < 0.15).slice(0, 3);
  for (const f of factors) await record('factor', { code: f.code, valence: random() < 0.6 ? 'positive' : 'negative' });
  if (random() < 0.3)
    await record('circumstance', { kind: 'unemployment', from: isoDaysAgo(Math.max(1, contactDaysAgo - 100)) });
}
