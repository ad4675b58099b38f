import Link from "next/link";
import type { ReactNode } from "react";

const SECTIONS = [
  { href: "/about/data", label: "Sample inspector" },
  { href: "/about/model", label: "Error analysis" },
  { href: "/about/model/card", label: "Model card and datasheet" },
  { href: "/about/downloads", label: "Downloads" },
] as const;

export default function AboutLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <nav aria-label="Transparency pages">
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="text-accent underline hover:text-accent-strong">
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
