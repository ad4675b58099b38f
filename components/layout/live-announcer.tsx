"use client";

import { useEffect, useSyncExternalStore } from "react";

/*
 * One polite live region for the whole site, rendered by the root layout so it survives client
 * navigations: a region that is re-mounted with new text is often not read out, one whose text
 * changes is. Pages say what to announce with <Announce message="..." />.
 */

let current = "";
const listeners = new Set<() => void>();

function setMessage(message: string) {
  if (message === current) return;
  current = message;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function LiveAnnouncer() {
  const message = useSyncExternalStore(subscribe, () => current, () => "");
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
      {message}
    </div>
  );
}

export function Announce({ message }: { message: string }) {
  useEffect(() => {
    setMessage(message);
  }, [message]);
  return null;
}
