/** Thin handlers for offline sync (issue #18): devices and keys, push, pull, the conflict queue. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RegisterDeviceBody,
  ResolveConflictBody,
  SyncPullBody,
  SyncPushBody,
  SyncPushResponse,
} from '../../../domain/sync/protocol';
import type { AppContext } from '../../../services/context';
import * as sync from '../../../services/sync';
import { requireSession } from '../../plugins/session';
import {
  presentConflict,
  presentDevice,
  presentDeviceKey,
  presentPull,
  SyncConflictSchema,
  SyncDeviceKeySchema,
  SyncDeviceSchema,
  SyncPullResponse,
} from '../../presenters/sync';
import { errorResponses } from '../../schemas';

const DeviceParams = z.strictObject({ id: z.string().uuid() });
const ConflictParams = z.strictObject({ id: z.string().uuid() });
export const SyncDevicesResponse = z.strictObject({ devices: z.array(SyncDeviceSchema) });
export const SyncConflictsResponse = z.strictObject({ conflicts: z.array(SyncConflictSchema) });
export const SyncConflictCountResponse = z.strictObject({ open: z.number().int() });

export const syncRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['sync'];

  app.post(
    '/api/sync/devices',
    {
      schema: {
        tags,
        summary: 'Register this device for offline work: its data key and the lock and wipe settings',
        body: RegisterDeviceBody,
        response: { 201: SyncDeviceKeySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(presentDeviceKey(await sync.registerDevice(ctx, requireSession(request).actor, request.body))),
  );

  app.get(
    '/api/sync/devices',
    {
      schema: {
        tags,
        summary: 'Her devices registered for offline work',
        response: { 200: SyncDevicesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      devices: (await sync.listDevices(ctx, requireSession(request).actor)).map(presentDevice),
    }),
  );

  app.get(
    '/api/sync/devices/:id/key',
    {
      schema: {
        tags,
        summary: "The device's data key again, to a valid session (410 revoked, 403 membership ended: wipe)",
        params: DeviceParams,
        response: { 200: SyncDeviceKeySchema, ...errorResponses },
      },
    },
    async (request) =>
      presentDeviceKey(await sync.issueDeviceKey(ctx, requireSession(request).actor, request.params.id)),
  );

  app.delete(
    '/api/sync/devices/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a device: its key is refused from now on, so it wipes its store',
        params: DeviceParams,
        response: { 200: SyncDeviceSchema, ...errorResponses },
      },
    },
    async (request) => presentDevice(await sync.revokeDevice(ctx, requireSession(request).actor, request.params.id)),
  );

  app.post(
    '/api/sync/push',
    {
      schema: {
        tags,
        summary: 'Apply offline changes in order (three-way merge, conflict queue, replay by key)',
        body: SyncPushBody,
        response: { 200: SyncPushResponse, ...errorResponses },
      },
    },
    async (request) => ({ results: await sync.push(ctx, requireSession(request).actor, request.body) }),
  );

  app.post(
    '/api/sync/pull',
    {
      schema: {
        tags,
        summary: 'What the device needs to work offline (marked cases, caseload, window, since), and what to wipe',
        body: SyncPullBody,
        response: { 200: SyncPullResponse, ...errorResponses },
      },
    },
    async (request) => presentPull(await sync.pull(ctx, requireSession(request).actor, request.body)),
  );

  app.get(
    '/api/sync/conflicts',
    {
      schema: {
        tags,
        summary: 'Open conflicts she raised or on the cases she owns',
        response: { 200: SyncConflictsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      conflicts: (await sync.listConflicts(ctx, requireSession(request).actor)).map(presentConflict),
    }),
  );

  app.get(
    '/api/sync/conflicts/count',
    {
      schema: {
        tags,
        summary: 'How many open conflicts she has (the navigation badge)',
        response: { 200: SyncConflictCountResponse, ...errorResponses },
      },
    },
    async (request) => ({ open: await sync.countConflicts(ctx, requireSession(request).actor) }),
  );

  app.post(
    '/api/sync/conflicts/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve a conflict field by field (her offline value, the server value or an edited one)',
        params: ConflictParams,
        body: ResolveConflictBody,
        response: { 200: SyncConflictSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentConflict(
        await sync.resolveConflict(ctx, requireSession(request).actor, request.params.id, request.body.choices),
      ),
  );
};
