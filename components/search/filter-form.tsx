"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";

const FOCUS_KEY = "search-filter-focus";

/** Builds the search URL from the form exactly as a browser's GET submission would, minus empty fields. */
export function toSearchHrefFromForm(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value !== "string" || value.trim() === "") continue;
    // Facet-value search boxes are local to their facet; they narrow a list, not the results.
    if (key.startsWith("fq.")) continue;
    params.append(key, value);
  }
  const qs = params.toString();
  return qs ? `/?${qs}` : "/";
}

/**
 * The filter sidebar is one GET form, so it works without JavaScript (the "Apply filters" button).
 * With JavaScript a ticked box applies at once through `router.push`, which keeps Back and Forward
 * working, and the focused control gets its focus back after the page re-renders.
 */
export function FilterForm({ children, id }: { children: ReactNode; id: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    setEnhanced(true);
    const focusId = sessionStorage.getItem(FOCUS_KEY);
    if (focusId) {
      sessionStorage.removeItem(FOCUS_KEY);
      document.getElementById(focusId)?.focus();
    }
  }, []);

  function navigate(form: HTMLFormElement) {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.id && form.contains(active)) sessionStorage.setItem(FOCUS_KEY, active.id);
    const href = toSearchHrefFromForm(form);
    startTransition(() => router.push(href, { scroll: false }));
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    const target = event.target;
    if (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio") && target.name) {
      navigate(event.currentTarget);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(event.currentTarget);
  }

  return (
    <form
      ref={formRef}
      id={id}
      action="/"
      method="get"
      onChange={onChange}
      onSubmit={onSubmit}
      aria-busy={pending}
      data-enhanced={enhanced ? "true" : undefined}
      className="group/filters"
    >
      {children}
    </form>
  );
}
