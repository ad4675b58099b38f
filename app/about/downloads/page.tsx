import type { Metadata } from "next";
import { DataTable } from "@/components/about/chart-figure";
import { listDownloads } from "@/lib/about/download-server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Downloads: model, card, evaluation, predictions" };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export default async function DownloadsPage() {
  const downloads = await listDownloads();
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Downloads</h1>
        <p className="text-gray-700">
          The package a library would deposit, with a DOI, next to the dataset: the current genre model, its card and evaluation, and every live prediction. The links are stable (they always serve the
          current model); each file&apos;s SHA-256 is shown here and sent with the file in the <code>X-Checksum-SHA256</code> and <code>Digest</code> headers. Check a file with <code>sha256sum</code>.
        </p>
      </header>
      <DataTable
        caption="Files of the current genre model"
        testId="downloads"
        head={["file", "what", "version", "size", "SHA-256"]}
        rows={downloads.map((d) => [
          <a key={d.file} href={d.href} className="text-accent underline" download>
            {d.file}
          </a>,
          d.label,
          "error" in d.result ? "" : d.result.version,
          "error" in d.result ? "" : formatBytes(d.result.bytes),
          "error" in d.result ? <span key="e" className="text-amber-800">not available: {d.result.error}</span> : <code key="c" className="break-all text-xs" data-testid={`sha256-${d.file}`}>{d.result.sha256}</code>,
        ])}
      />
    </article>
  );
}
