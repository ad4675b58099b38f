import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-gray-200 bg-gray-50 text-sm text-gray-700">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-6 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <p className="max-w-xl">
          Catalogue records from the British Library (CC0). Genre and, where the catalogue has none, language are
          predicted by machine learning and always marked as such.
        </p>
        <nav aria-label="About this portal">
          <ul className="flex flex-wrap gap-x-5 gap-y-1">
            <li>
              <Link href="/about/data" className="text-accent underline hover:text-accent-strong">
                About the data
              </Link>
            </li>
            <li>
              <Link href="/about/model" className="text-accent underline hover:text-accent-strong">
                How the genre model works
              </Link>
            </li>
            <li>
              <Link href="/about/model/card" className="text-accent underline hover:text-accent-strong">
                Model card
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
