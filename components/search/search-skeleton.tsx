/** Redraws the search page's layout (query box, filter sidebar, result cards) while results load. */
export function SearchSkeleton() {
  return (
    <div className="space-y-5" aria-busy="true">
      <p className="sr-only" role="status">
        Loading results…
      </p>
      <div className="space-y-2">
        <div className="skeleton h-4 w-72" />
        <div className="flex gap-2">
          <div className="skeleton h-11 flex-1" />
          <div className="skeleton h-11 w-24" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div className="space-y-4">
          <div className="skeleton h-10 w-full lg:hidden" />
          <div className="hidden space-y-4 lg:block">
            <div className="skeleton h-28 w-full" />
            <div className="skeleton h-24 w-full" />
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="space-y-2">
                <div className="skeleton h-4 w-32" />
                <div className="skeleton h-3 w-full" />
                <div className="skeleton h-3 w-5/6" />
                <div className="skeleton h-3 w-4/6" />
              </div>
            ))}
          </div>
        </div>
        <div className="space-y-3">
          <div className="flex justify-between">
            <div className="skeleton h-6 w-40" />
            <div className="skeleton h-8 w-48" />
          </div>
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="space-y-2 rounded-lg border border-gray-200 p-4">
              <div className="skeleton h-5 w-4/5" />
              <div className="skeleton h-3 w-2/5" />
              <div className="skeleton h-3 w-1/3" />
              <div className="skeleton h-3 w-1/2" />
              <div className="skeleton h-8 w-3/5" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
