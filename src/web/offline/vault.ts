/**
 * The device's offline state (issue #18): the data key in memory, the lock after inactivity, the
 * wipe (on logout, when the server refuses the device, after too many days without a sync), and the
 * registration of this browser as her device.
 *
 * localStorage holds only the device id and non-personal flags. The data key is a non-extractable
 * CryptoKey in this module's memory; on disk it exists only wrapped under her password (crypto.ts).
 */
import { api, ApiError } from '../api/client';
import { base64ToBytes, importDataKey, unwrapDataKey, wrapRawKey } from './crypto';
import { OfflineStore } from './store';

const DEVICE_ID = 'ariadne.offline.deviceId';
const SETTINGS = 'ariadne.offline.settings';

export interface OfflineSettings {
  lockAfterMinutes: number;
  wipeAfterDays: number;
  /** Pull her caseload as well as the cases she marked. */
  caseload: boolean;
  /** Pull only records of the last N days. */
  windowDays: number;
}
const DEFAULTS: OfflineSettings = { lockAfterMinutes: 15, wipeAfterDays: 14, caseload: false, windowDays: 90 };

export interface VaultState {
  /** A device key exists here (wrapped), whether or not it is unlocked now. */
  enrolled: boolean;
  unlocked: boolean;
  online: boolean;
  /** Why the store was wiped last, to say so once. */
  wipedBecause: 'logout' | 'refused' | 'stale' | null;
  lastSyncAt: number | null;
  outboxCount: number;
  syncing: boolean;
  /** A code of the last failed sync (network_error, a server code), null after a success. */
  lastError: string | null;
  /** Bumped on every change of the store, so pages re-read. */
  revision: number;
}

export const store = new OfflineStore();

let state: VaultState = {
  enrolled: false,
  unlocked: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  wipedBecause: null,
  lastSyncAt: null,
  outboxCount: 0,
  syncing: false,
  lastError: null,
  revision: 0,
};
const listeners = new Set<() => void>();

export function getState(): VaultState {
  return state;
}
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function update(patch: Partial<VaultState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
/** After a write to the store: the counts and the revision that pages watch. */
export async function changed(): Promise<void> {
  const [outboxCount, lastSyncAt] = await Promise.all([store.outboxCount(), store.lastSyncAt()]);
  update({ outboxCount, lastSyncAt: lastSyncAt ?? null, revision: state.revision + 1 });
}

export function settings(): OfflineSettings {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(SETTINGS) ?? '{}') as Partial<OfflineSettings>) };
  } catch {
    return DEFAULTS;
  }
}
/** Only numbers and flags: nothing about her. */
export function saveSettings(patch: Partial<OfflineSettings>): void {
  const next = { ...settings(), ...patch };
  const clean: OfflineSettings = {
    lockAfterMinutes: Number(next.lockAfterMinutes),
    wipeAfterDays: Number(next.wipeAfterDays),
    caseload: Boolean(next.caseload),
    windowDays: Number(next.windowDays),
  };
  localStorage.setItem(SETTINGS, JSON.stringify(clean));
  update({ revision: state.revision + 1 });
}

export const deviceId = (): string | null => localStorage.getItem(DEVICE_ID);

/** The server's answer for a device: its id, the key material (base64) and the device policy. */
interface DeviceKeyAnswer {
  id?: string;
  deviceId?: string;
  device?: { id?: string };
  key?: string;
  dataKey?: string;
  lockAfterMinutes?: number;
  wipeAfterDays?: number;
  policy?: { lockAfterMinutes?: number; wipeAfterDays?: number };
}

function readAnswer(answer: DeviceKeyAnswer): { id: string | undefined; key: string } {
  const key = answer.key ?? answer.dataKey;
  if (!key) throw new ApiError(500, 'internal_error', 'No device key in the answer');
  const lock = answer.lockAfterMinutes ?? answer.policy?.lockAfterMinutes;
  const wipe = answer.wipeAfterDays ?? answer.policy?.wipeAfterDays;
  if (lock || wipe)
    saveSettings({ ...(lock ? { lockAfterMinutes: lock } : {}), ...(wipe ? { wipeAfterDays: wipe } : {}) });
  return { id: answer.id ?? answer.deviceId ?? answer.device?.id, key };
}

/** A refusal of the device key: her account deactivated, the device revoked. */
const refused = (error: unknown) => error instanceof ApiError && [401, 403, 404, 410].includes(error.status);

/** The device key for this browser from the server: re-issued to a known device, or a new device. */
async function fetchDeviceKey(): Promise<{ id: string; key: string }> {
  const known = deviceId();
  if (known) {
    try {
      const answer = readAnswer(await api<DeviceKeyAnswer>(`/api/sync/devices/${known}/key`));
      return { id: known, key: answer.key };
    } catch (error) {
      if (!refused(error)) throw error;
      // The server no longer knows this device for her: nothing of the old store may stay.
      await wipe('refused');
    }
  }
  // The device names itself once (a random id); the server answers with its key and its policy.
  const id = globalThis.crypto.randomUUID();
  const answer = readAnswer(
    await api<DeviceKeyAnswer>('/api/sync/devices', { method: 'POST', body: { deviceId: id, label: deviceLabel() } }),
  );
  localStorage.setItem(DEVICE_ID, answer.id ?? id);
  return { id: answer.id ?? id, key: answer.key };
}

/** A label for her list of devices: the browser and platform, nothing about her. */
function deviceLabel(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : 'Browser';
  const platform = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac/.test(ua)
        ? 'macOS'
        : /Win/.test(ua)
          ? 'Windows'
          : 'Linux';
  return `${browser} · ${platform}`;
}

/** Takes the server's key material: imported non-extractable, wrapped under her password, zeroed. */
async function takeKey(material: string, password: string | null): Promise<void> {
  const raw = base64ToBytes(material);
  try {
    const key = await importDataKey(raw);
    if (password) await store.setWrappedKey(await wrapRawKey(raw, password));
    store.setKey(key);
  } finally {
    raw.fill(0);
  }
}

/**
 * At login, with the password she just typed: the device key from the server, kept in memory and
 * wrapped under her password for unlocking offline. A failure here never blocks the login.
 */
export async function afterLogin(password: string): Promise<void> {
  try {
    const { key } = await fetchDeviceKey();
    await takeKey(key, password);
    await unlocked();
  } catch (error) {
    update({ lastError: error instanceof ApiError ? error.code : 'network_error' });
  }
}

/**
 * On start with a valid session (a reload): the server re-issues the key to her session, so the store
 * opens without asking. Offline, or without an answer, it stays locked for her password.
 */
export async function resume(): Promise<void> {
  if (await checkStale()) return;
  const enrolled = (await store.wrappedKey()) !== undefined;
  update({ enrolled });
  if (!enrolled || store.unlocked || !deviceId() || !navigator.onLine) return changed().catch(() => undefined);
  try {
    const answer = readAnswer(await api<DeviceKeyAnswer>(`/api/sync/devices/${deviceId()}/key`));
    await takeKey(answer.key, null);
    await unlocked();
  } catch (error) {
    if (refused(error)) await wipe('refused');
  }
}

/** Her password unwraps the key kept on the device; false when it is not her password. */
export async function unlock(password: string): Promise<boolean> {
  const wrapped = await store.wrappedKey();
  if (!wrapped) return false;
  try {
    store.setKey(await unwrapDataKey(wrapped, password));
  } catch {
    return false;
  }
  await unlocked();
  return true;
}

async function unlocked(): Promise<void> {
  update({ enrolled: true, unlocked: true, wipedBecause: null });
  armLockTimer();
  await changed();
}

/** Drops the key from memory: nothing can be read until she unlocks again. */
export function lock(): void {
  store.setKey(null);
  if (lockTimer) clearTimeout(lockTimer);
  update({ unlocked: false, revision: state.revision + 1 });
}

/** Deletes the database (store, outbox, wrapped key). */
export async function wipe(reason: VaultState['wipedBecause']): Promise<void> {
  if (lockTimer) clearTimeout(lockTimer);
  await store.wipe();
  update({ enrolled: false, unlocked: false, outboxCount: 0, lastSyncAt: null, wipedBecause: reason });
}

/** After `wipeAfterDays` without a successful sync the store is wiped. */
export async function checkStale(now = Date.now()): Promise<boolean> {
  const last = await store.lastSyncAt();
  if (last === undefined) return false;
  if (now - last <= settings().wipeAfterDays * 86_400_000) return false;
  await wipe('stale');
  return true;
}

let lockTimer: ReturnType<typeof setTimeout> | undefined;
function armLockTimer(): void {
  if (lockTimer) clearTimeout(lockTimer);
  if (!store.unlocked) return;
  lockTimer = setTimeout(lock, settings().lockAfterMinutes * 60_000);
}

/** Any activity of hers keeps the store open; inactivity for `lockAfterMinutes` locks it. */
export function watchActivity(): () => void {
  const onActivity = () => armLockTimer();
  const onOnline = () => update({ online: navigator.onLine });
  const events = ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const;
  for (const e of events) window.addEventListener(e, onActivity, { passive: true });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOnline);
  return () => {
    for (const e of events) window.removeEventListener(e, onActivity);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOnline);
  };
}
