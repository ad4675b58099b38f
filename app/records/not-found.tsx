import Link from "next/link";

export default function RecordNotFound() {
  return (
    <div className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">No book with this record number</h1>
      <p className="text-gray-700">
        The link may be mistyped, or the record may have been withdrawn from the collection since the link was made.
      </p>
      <p>
        <Link href="/" className="font-medium text-accent underline">
          Search the collection
        </Link>
      </p>
    </div>
  );
}
