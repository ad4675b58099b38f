/** Column headers of the staff tables: every column but the last keeps a right gap. */
export function StaffTableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={c} scope="col" className={i < columns.length - 1 ? "pr-3" : undefined}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
