/** React's view of the device store: the vault's state, and reads that follow its revision. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { getState, subscribe, type VaultState } from './vault';

export function useOffline(): VaultState {
  return useSyncExternalStore(subscribe, getState, getState);
}

/** Reads from the store again whenever it changes (and only while it is unlocked). */
export function useStoreRead<T>(read: () => Promise<T>, deps: unknown[] = []): { data: T | undefined; error: unknown } {
  const { revision, unlocked } = useOffline();
  const [result, setResult] = useState<{ data: T | undefined; error: unknown }>({ data: undefined, error: null });
  useEffect(() => {
    if (!unlocked) return setResult({ data: undefined, error: null });
    let live = true;
    read().then(
      (data) => live && setResult({ data, error: null }),
      (error: unknown) => live && setResult({ data: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [revision, unlocked, ...deps]);
  return result;
}
