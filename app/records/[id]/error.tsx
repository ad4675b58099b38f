"use client";

import { ErrorPanel } from "@/components/layout/error-panel";

export default function RecordError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel error={error} retry={retry} title="This record could not be shown" homeLabel="Search the collection">
      <p className="text-gray-700">Something went wrong on our side while reading the record. Trying again often helps.</p>
    </ErrorPanel>
  );
}
