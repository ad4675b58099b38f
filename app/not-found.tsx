import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">Page not found</h1>
      <p className="text-gray-700">There is no page at this address.</p>
      <p>
        <Link href="/" className="font-medium text-accent underline">
          Search the collection
        </Link>
      </p>
    </div>
  );
}
