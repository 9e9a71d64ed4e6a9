/**
 * Attachments of a case (issue #16), on both engines: encrypted at rest (neither the file's
 * bytes nor its name are in the database in the clear), the type decided from the content,
 * the size limit, every download audited, no access from another organisation, and at the
 * referral seam: a partner receives documents only when the `documents` section was shared.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';
import { publicTables } from './support/tenant-tables';

const MARKER = 'Signed consent of Demo Person 501';
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${MARKER}\ntrailer <<>>\n%%EOF\n`);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
// The start of a Windows executable (MZ header, PE offset, "This program cannot be run in DOS mode").
const EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]),
  Buffer.alloc(44),
  Buffer.from([0x80, 0x00, 0x00, 0x00]),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$'),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
  Buffer.alloc(64),
]);
const LIMIT = 64 * 1024;

/** A multipart/form-data body: fields first, then one file. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----ariadne-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('attachments on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let southId: string;
  let caseId: string;
  const db = () => t.ctx.db.system;
  const orgId = async (slug: string) =>
    (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(db())).rows[0]!.id;

  const upload = (
    client: ApiClient,
    id: string,
    fields: Record<string, string>,
    file?: { name: string; type: string; bytes: Buffer },
  ) => {
    const { body, contentType } = multipart(fields, file);
    return client.request('POST', `/api/cases/${id}/attachments`, body, { 'content-type': contentType });
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { config: { attachmentMaxBytes: LIMIT } });
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    southId = await orgId('south');
    caseId = (await north.post('/api/cases', intake())).body.id;
  });
  afterAll(() => t.close());

  test('a PDF is stored encrypted (bytes and name), listed without its blob and downloaded as an audited attachment', async () => {
    const res = await upload(
      north,
      caseId,
      { category: 'consent_form' },
      { name: 'Consent Demo Person 501.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId,
      category: 'consent_form',
      fileName: 'Consent Demo Person 501.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      uploadedBy: { displayName: expect.any(String) },
    });
    const id = res.body.id as string;

    // At rest: the blob is ciphertext and the name is sealed; neither holds the plaintext.
    const blob = (
      await sql<{ content: Uint8Array }>`SELECT content FROM case_attachment_blobs WHERE attachment_id = ${id}`.execute(
        db(),
      )
    ).rows[0]!;
    const stored = Buffer.from(blob.content);
    expect(stored.length).toBeGreaterThan(PDF.length);
    expect(stored.includes(Buffer.from('Demo Person'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    const meta = (await sql<Record<string, unknown>>`SELECT * FROM case_attachments WHERE id = ${id}`.execute(db()))
      .rows[0]!;
    expect(JSON.stringify(meta)).not.toContain('Demo Person');

    const list = await north.get(`/api/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([expect.objectContaining({ id, fileName: 'Consent Demo Person 501.pdf' })]);

    const before = await downloads(id);
    const file = await north.request('GET', `/api/cases/${caseId}/attachments/${id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="Consent Demo Person 501\.pdf"/);
    expect(Buffer.from(file.body as string, 'binary').length).toBeGreaterThan(0);
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${id}`,
      headers: { cookie: north.cookie! },
    });
    expect(raw.rawPayload.equals(PDF)).toBe(true);
    // Every download is audited, naming the attachment and never its content.
    expect(await downloads(id)).toBe(before + 2);
  });

  async function downloads(id: string) {
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log
      WHERE action = 'case.attachment.download' AND entity_id = ${caseId} AND ${`attachments.${id}`} = ANY (fields)`.execute(
      db(),
    );
    return rows.rows[0]!.n;
  }

  test('the type is read from the content: a .pdf name with PNG bytes is a PNG, with EXE bytes it is refused', async () => {
    const png = await upload(
      north,
      caseId,
      { category: 'photo' },
      { name: 'scan.pdf', type: 'application/pdf', bytes: PNG },
    );
    expect([png.status, png.body.contentType]).toEqual([201, 'image/png']);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${png.body.id}`,
      headers: { cookie: north.cookie! },
    });
    expect(download.headers['content-type']).toBe('image/png');
    expect(String(download.headers['content-disposition'])).toContain('filename="scan.pdf.png"');

    const count = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_attachments`.execute(db())).rows[0]!.n;
    const before = await count();
    const exe = await upload(
      north,
      caseId,
      { category: 'legal' },
      { name: 'judgment.pdf', type: 'application/pdf', bytes: EXE },
    );
    expect([exe.status, exe.body.error.code]).toEqual([415, 'unsupported_file_type']);
    expect(exe.body.error.details[0].path).toEqual(['file']);
    const html = await upload(
      north,
      caseId,
      { category: 'other' },
      { name: 'note.txt', type: 'text/plain', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect([html.status, html.body.error?.code]).toEqual([415, 'unsupported_file_type']);
    expect(await count()).toBe(before);
  });

  test("the category is a code of the organisation's document_types list: a local type is accepted, an unknown one refused at its field", async () => {
    const admin = await t.as('admin@north.demo.test');
    const lists = (await admin.get('/api/reference-lists')).body.lists as { key: string; version: number }[];
    const types = lists.find((l) => l.key === 'document_types')!;
    expect(types).toBeDefined();
    const added = await admin.post('/api/reference-lists/document_types/items', {
      code: 'work_contract',
      labels: { en: 'Work contract', it: 'Contratto di lavoro' },
      version: types.version,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const file = { name: 'contract.png', type: 'image/png', bytes: PNG };
    const local = await upload(north, caseId, { category: 'work_contract' }, file);
    expect([local.status, local.body.category]).toEqual([201, 'work_contract']);
    const unknown = await upload(north, caseId, { category: 'made_up' }, file);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'category' } });
    // South never added it: the code is north's only.
    const southCase = (await south.post('/api/cases', intake())).body.id as string;
    const other = await upload(south, southCase, { category: 'work_contract' }, file);
    expect([other.status, other.body.error?.code]).toEqual([400, 'unknown_list_value']);
  });

  test('a file over the size limit is refused with 413 and nothing is stored', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT + 1, 0x20)]);
    const res = await upload(
      north,
      caseId,
      { category: 'medical' },
      { name: 'big.pdf', type: 'application/pdf', bytes: big },
    );
    expect([res.status, res.body.error.code]).toEqual([413, 'file_too_large']);
    expect(res.body.error.details[0]).toMatchObject({ path: ['file'], maximum: LIMIT });
    const justUnder = Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length, 0x20)]);
    expect(
      (
        await upload(
          north,
          caseId,
          { category: 'medical' },
          { name: 'ok.pdf', type: 'application/pdf', bytes: justUnder },
        )
      ).status,
    ).toBe(201);
  });

  test('fields are checked, JSON is not an upload, and a consent form links to a consent record of this case only', async () => {
    const noCategory = await upload(north, caseId, {}, { name: 'a.pdf', type: 'application/pdf', bytes: PDF });
    expect([noCategory.status, noCategory.body.error.code]).toEqual([400, 'validation_failed']);
    expect(noCategory.body.error.details[0].path).toEqual(['category']);
    // A torn or malformed multipart body is a 400, never a 500.
    const torn = multipart({ category: 'photo' }, { name: 'a.png', type: 'image/png', bytes: PNG });
    for (const body of [torn.body.subarray(0, torn.body.length - 20), Buffer.from('garbage without boundary')]) {
      const res = await north.request('POST', `/api/cases/${caseId}/attachments`, body, {
        'content-type': torn.contentType,
      });
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_multipart']);
    }
    const json = await north.post(`/api/cases/${caseId}/attachments`, { category: 'photo' });
    expect([json.status, json.body.error.code]).toEqual([415, 'multipart_required']);

    const consent = await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'data_storage',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(1),
      },
    });
    expect(consent.status).toBe(201);
    const linked = await upload(
      north,
      caseId,
      { category: 'consent_form', consentEntryId: consent.body.id },
      { name: 'signed.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect([linked.status, linked.body.consentEntryId]).toEqual([201, consent.body.id]);
    const other = (await north.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: 'Person 777' } })))
      .body;
    const wrong = await upload(
      north,
      other.id,
      { category: 'consent_form', consentEntryId: consent.body.id },
      { name: 'signed.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([400, ['consentEntryId']]);
  });

  test('voiding keeps the file in the history with its sealed reason; it is no longer listed or downloaded', async () => {
    const added = (
      await upload(north, caseId, { category: 'photo' }, { name: 'wrong.png', type: 'image/png', bytes: PNG })
    ).body;
    const voided = await north.post(`/api/cases/${caseId}/attachments/${added.id}/void`, {
      reason: 'Uploaded to the wrong case (Demo reason)',
    });
    expect(voided.status).toBe(204);
    expect(
      (await north.get(`/api/cases/${caseId}/attachments`)).body.attachments.map((a: { id: string }) => a.id),
    ).not.toContain(added.id);
    expect((await north.get(`/api/cases/${caseId}/attachments/${added.id}`)).status).toBe(404);
    const row = (
      await sql<{
        voided_at: Date | null;
        void_reason_enc: string;
      }>`SELECT voided_at, void_reason_enc FROM case_attachments WHERE id = ${added.id}`.execute(db())
    ).rows[0]!;
    expect(row.voided_at).not.toBeNull();
    expect(row.void_reason_enc).not.toContain('wrong case');
    const timeline = (await north.get(`/api/cases/${caseId}/timeline`)).body.events.map(
      (e: { kind: string }) => e.kind,
    );
    expect(timeline).toEqual(expect.arrayContaining(['attachment.added', 'attachment.voided']));
    expect((await north.post(`/api/cases/${caseId}/attachments/${added.id}/void`, { reason: 'again' })).status).toBe(
      404,
    );
  });

  test('another organisation gets 404 for the list, the download and an upload', async () => {
    const id = (await north.get(`/api/cases/${caseId}/attachments`)).body.attachments[0].id;
    expect((await south.get(`/api/cases/${caseId}/attachments`)).status).toBe(404);
    expect((await south.get(`/api/cases/${caseId}/attachments/${id}`)).status).toBe(404);
    expect(
      (await upload(south, caseId, { category: 'photo' }, { name: 'x.png', type: 'image/png', bytes: PNG })).status,
    ).toBe(404);
  });

  test('the attachment tables are tenant tables with row-level security', async () => {
    const tables = await publicTables(db());
    for (const name of ['case_attachments', 'case_attachment_blobs']) {
      const table = tables.find((x) => x.name === name);
      expect(table, name).toBeDefined();
      expect(table!.organisationColumns).toContain('organisation_id');
      expect(table!.rowSecurity).toBe(true);
      expect(table!.policies).toBeGreaterThan(0);
    }
  });

  describe('at the referral seam', () => {
    let shared: string;
    const consentTo = (id: string, partner: string) =>
      north.post(`/api/cases/${id}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'referral_sharing',
          action: 'granted',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(1),
          partnerOrganisationId: partner,
        },
      });

    beforeAll(async () => {
      shared = (await north.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: 'Person 602' } })))
        .body.id;
      expect((await consentTo(shared, southId)).status).toBe(201);
      expect(
        (
          await upload(
            north,
            shared,
            { category: 'identity_document' },
            { name: 'id.pdf', type: 'application/pdf', bytes: PDF },
          )
        ).status,
      ).toBe(201);
    });

    test('without the documents section the partner can neither list nor download', async () => {
      const sent = await north.post(`/api/cases/${shared}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
        sections: ['identity'],
      });
      expect(sent.status).toBe(201);
      expect((await south.get(`/api/referrals/${sent.body.id}/attachments`)).status).toBe(404);
      const senderFile = (await north.get(`/api/cases/${shared}/attachments`)).body.attachments[0].id;
      expect((await south.get(`/api/referrals/${sent.body.id}/attachments/${senderFile}`)).status).toBe(404);
      expect((await south.get(`/api/cases/${shared}/attachments/${senderFile}`)).status).toBe(404);
      const copies = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM case_attachments WHERE referral_id = ${sent.body.id}`.execute(db());
      expect(copies.rows[0]!.n).toBe(0);
    });

    test("a transfer with the documents section: on acceptance the copies become the new case's attachments", async () => {
      const moved = (
        await north.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: 'Person 603' } }))
      ).body.id;
      expect((await consentTo(moved, southId)).status).toBe(201);
      await upload(north, moved, { category: 'legal' }, { name: 'permit.pdf', type: 'application/pdf', bytes: PDF });
      const sent = await north.post(`/api/cases/${moved}/referrals`, {
        toOrganisationId: southId,
        kind: 'transfer',
        requestedService: 'accommodation',
        sections: ['identity', 'documents'],
      });
      expect(sent.status).toBe(201);
      const view = (await south.get(`/api/referrals/${sent.body.id}`)).body;
      const accepted = await south.post(`/api/referrals/${sent.body.id}/accept`, { version: view.version });
      expect(accepted.status).toBe(200);
      const newCase = accepted.body.toCaseId as string;
      const list = await south.get(`/api/cases/${newCase}/attachments`);
      expect(list.body.attachments).toEqual([
        expect.objectContaining({ fileName: 'permit.pdf', category: 'legal', caseId: newCase }),
      ]);
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/cases/${newCase}/attachments/${list.body.attachments[0].id}`,
        headers: { cookie: south.cookie! },
      });
      expect(file.rawPayload.equals(PDF)).toBe(true);
    });

    test('with the documents section she receives a copy sealed under her own key, while consent holds', async () => {
      const sent = await north.post(`/api/cases/${shared}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
        sections: ['documents'],
      });
      expect(sent.status).toBe(201);
      const list = await south.get(`/api/referrals/${sent.body.id}/attachments`);
      expect(list.status).toBe(200);
      expect(list.body.attachments).toEqual([
        expect.objectContaining({
          category: 'identity_document',
          fileName: 'id.pdf',
          referralId: sent.body.id,
          caseId: null,
        }),
      ]);
      const copy = list.body.attachments[0].id;
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/referrals/${sent.body.id}/attachments/${copy}`,
        headers: { cookie: south.cookie! },
      });
      expect([file.statusCode, file.rawPayload.equals(PDF)]).toEqual([200, true]);
      const trail = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE organisation_id = ${southId} AND action = 'referral.attachment.download' AND entity_id = ${sent.body.id}`.execute(
        db(),
      );
      expect(trail.rows[0]!.n).toBe(1);
      // The copy is the partner's row, under her key: the sender's tenant does not see it.
      const owner = await sql<{
        organisation_id: string;
      }>`SELECT organisation_id FROM case_attachments WHERE id = ${copy}`.execute(db());
      expect(owner.rows[0]!.organisation_id).toBe(southId);
      expect((await north.get(`/api/referrals/${sent.body.id}/attachments`)).status).toBe(404);

      // Her withdrawal ends it at once.
      await north.post(`/api/cases/${shared}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'referral_sharing',
          action: 'withdrawn',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(0),
          partnerOrganisationId: southId,
        },
      });
      expect((await south.get(`/api/referrals/${sent.body.id}/attachments`)).status).toBe(409);
      expect((await south.get(`/api/referrals/${sent.body.id}/attachments/${copy}`)).status).toBe(409);
    });
  });
});
