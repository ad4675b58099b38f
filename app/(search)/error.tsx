"use client";

import { ErrorPanel } from "@/components/layout/error-panel";

export default function SearchError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel error={error} retry={retry} title="The search is not available just now" homeLabel="Start a new search">
      <p className="text-gray-700">
        Something went wrong on our side, not with your search. Your search is kept in the address bar, so trying
        again in a moment should bring back the same results.
      </p>
    </ErrorPanel>
  );
}
