"use client";

import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A <select> in a GET form that applies its form on change (via the router, so Back works).
 * Keyboard users on some browsers fire `change` per arrow key; each is a cheap navigation.
 */
export function AutoSubmitSelect({ omitWhen = {}, ...props }: ComponentProps<"select"> & { omitWhen?: Record<string, string> }) {
  const router = useRouter();
  return (
    <select
      {...props}
      onChange={(e) => {
        const form = e.currentTarget.form;
        if (!form) return;
        const params = new URLSearchParams();
        for (const [k, v] of new FormData(form)) if (typeof v === "string" && v !== "") params.append(k, v);
        // Defaults are left out, matching the canonical links elsewhere on the page.
        for (const [k, v] of Object.entries(omitWhen)) if (params.get(k) === v) params.delete(k);
        const qs = params.toString();
        router.push(qs ? `/?${qs}` : "/", { scroll: false });
      }}
    />
  );
}
