/**
 * A form with unsaved input asks before it is left: an in-app navigation (react-router's useBlocker)
 * asks with the browser's own confirmation dialog, and closing or reloading the tab with the browser's
 * "leave site?" prompt (beforeunload). Call `release()` just before a navigation that follows a save.
 *
 * @example const unsaved = useUnsavedChanges(dirty); … onSuccess: () => { unsaved.release(); navigate(to); }
 */
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router-dom';

export function useUnsavedChanges(dirty: boolean, message?: string) {
  const { t } = useTranslation();
  const dirtyRef = useRef(dirty);
  const released = useRef(false);
  dirtyRef.current = dirty;
  if (!dirty) released.current = false;

  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) =>
        dirtyRef.current &&
        !released.current &&
        (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
      [],
    ),
  );
  const text = message ?? t('correctUi.unsaved.leave');
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(text)) blocker.proceed();
    else blocker.reset();
  }, [blocker, text]);

  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (released.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  return {
    /** The next navigation is not held (the input was just saved). */
    release: () => {
      released.current = true;
    },
  };
}
