import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { LiveAnnouncer } from "@/components/layout/live-announcer";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { fontVariables } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "19th-century books - British Library digitised collection", template: "%s - 19th-century books" },
  description:
    "Search the British Library's digitised 19th-century books, with genre and language facets predicted by machine learning and labelled as such.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request so Next can put the per-request CSP nonce (proxy.ts) on its scripts.
  await connection();
  return (
    <html lang="en" className={fontVariables}>
      <body className="flex min-h-screen flex-col bg-white font-sans text-gray-800 antialiased">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-accent px-4 py-2 font-semibold text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to main content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none sm:px-6">
          {children}
        </main>
        <SiteFooter />
        <LiveAnnouncer />
      </body>
    </html>
  );
}
