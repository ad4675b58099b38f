"use client";

import { useEffect, useState, type ReactNode } from "react";

const DESKTOP = "(min-width: 1024px)";

/**
 * On phones the filters collapse into a disclosure above the results; on wide screens they are an
 * always-open sidebar (CSS opens the content even before JavaScript runs, see globals.css).
 */
export function FiltersDisclosure({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const media = window.matchMedia(DESKTOP);
    const sync = () => {
      if (media.matches) setOpen(true);
    };
    sync();
    media.addEventListener("change", sync);
    return () => media.removeEventListener("change", sync);
  }, []);

  return (
    <details className="filters-disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="flex cursor-pointer items-center justify-between rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-base font-semibold text-gray-900 lg:hidden">
        <span>
          Filters{activeCount > 0 ? <span className="ml-1 font-normal text-gray-700">({activeCount} active)</span> : null}
        </span>
        <span aria-hidden="true" className="text-sm font-normal text-accent">
          {open ? "Hide" : "Show"}
        </span>
      </summary>
      <div className="mt-3 lg:mt-0">{children}</div>
    </details>
  );
}
