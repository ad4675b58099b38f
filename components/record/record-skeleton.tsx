export function RecordSkeleton() {
  return (
    <div className="mx-auto max-w-4xl space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the record…
      </p>
      <div className="skeleton h-4 w-40" />
      <div className="skeleton h-9 w-4/5" />
      <div className="skeleton h-10 w-56" />
      <div className="space-y-3">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="grid gap-4 sm:grid-cols-[14rem_1fr]">
            <div className="skeleton h-4" />
            <div className="skeleton h-4" />
          </div>
        ))}
      </div>
      <div className="skeleton h-40 w-full" />
    </div>
  );
}
