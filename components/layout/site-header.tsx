import Link from "next/link";

const NAV = [
  { href: "/", label: "Search" },
  { href: "/about/data", label: "About the data" },
  { href: "/about/model", label: "How the genre model works" },
] as const;

export function SiteHeader() {
  return (
    <header className="border-b border-gray-200 bg-gray-50">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-bold text-gray-900 no-underline hover:text-accent">
          19th-century books
          <span className="block text-sm font-normal text-gray-600">British Library digitised collection</span>
        </Link>
        <nav aria-label="Site">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="text-accent underline hover:text-accent-strong">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
