import type Database from "better-sqlite3";
import type { ModelCard, PromotedFacet, PromotionInput } from "@/lib/promotion/promotion";

/** Promoted open facets, on the store's database handle (see lib/promotion for the rules). */

interface PromotionRow {
  slug: string;
  version: number;
  label: string;
  pos: string;
  neg: string;
  threshold: number;
  vector_version: string;
  promoted_by: string;
  promoted_at: string;
  retired_by: string | null;
  retired_at: string | null;
  card_json: string;
  card_md: string;
}

function toPromotedFacet(r: PromotionRow): PromotedFacet {
  return {
    slug: r.slug,
    version: r.version,
    label: r.label,
    pos: JSON.parse(r.pos) as string[],
    neg: JSON.parse(r.neg) as string[],
    threshold: r.threshold,
    vectorVersion: r.vector_version,
    promotedBy: r.promoted_by,
    promotedAt: r.promoted_at,
    retiredBy: r.retired_by,
    retiredAt: r.retired_at,
    card: JSON.parse(r.card_json) as ModelCard,
    cardMarkdown: r.card_md,
  };
}

export class PromotionStateError extends Error {
  override name = "PromotionStateError";
}

export interface NewPromotion extends PromotionInput {
  vectorVersion: string;
  promotedBy: string;
  promotedAt: string;
  /** Builds the card once the version number is known (inside the same transaction). */
  buildCard: (version: number) => { card: ModelCard; markdown: string };
}

export class PromotionStore {
  constructor(private readonly db: Database.Database) {}

  /** The next version of `slug` (1, or one more than its last, retired, version); refused while one is active. */
  promote(p: NewPromotion): PromotedFacet {
    return this.db.transaction(() => {
      if (this.getActive(p.slug)) throw new PromotionStateError(`"${p.slug}" is already a public facet (retire it first)`);
      const last = this.db.prepare<[string], number>("SELECT MAX(version) FROM promoted_facets WHERE slug = ?").pluck().get(p.slug) ?? 0;
      const version = last + 1;
      const { card, markdown } = p.buildCard(version);
      this.db
        .prepare(
          `INSERT INTO promoted_facets (slug, version, label, pos, neg, threshold, vector_version, promoted_by, promoted_at, card_json, card_md)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(p.slug, version, p.label, JSON.stringify(p.pos), JSON.stringify(p.neg), p.threshold, p.vectorVersion, p.promotedBy, p.promotedAt, JSON.stringify(card), markdown);
      this.bumpRevision();
      return this.get(p.slug, version)!;
    })();
  }

  /** Takes the facet off the public table; its versions and predictions stay in the store. */
  retire(slug: string, by: string, at: string): PromotedFacet {
    return this.db.transaction(() => {
      const active = this.getActive(slug);
      if (!active) throw new PromotionStateError(`"${slug}" is not an active promoted facet`);
      this.db.prepare("UPDATE promoted_facets SET retired_by = ?, retired_at = ? WHERE slug = ? AND version = ?").run(by, at, slug, active.version);
      this.bumpRevision();
      return this.get(slug, active.version)!;
    })();
  }

  get(slug: string, version: number): PromotedFacet | null {
    const row = this.db.prepare<[string, number], PromotionRow>("SELECT * FROM promoted_facets WHERE slug = ? AND version = ?").get(slug, version);
    return row ? toPromotedFacet(row) : null;
  }

  getActive(slug: string): PromotedFacet | null {
    const row = this.db.prepare<[string], PromotionRow>("SELECT * FROM promoted_facets WHERE slug = ? AND retired_at IS NULL").get(slug);
    return row ? toPromotedFacet(row) : null;
  }

  /** Active facets in promotion order (the order they join the facet table). */
  listActive(): PromotedFacet[] {
    return this.db.prepare<[], PromotionRow>("SELECT * FROM promoted_facets WHERE retired_at IS NULL ORDER BY promoted_at, slug").all().map(toPromotedFacet);
  }

  /** Every version, newest first. */
  listAll(): PromotedFacet[] {
    return this.db.prepare<[], PromotionRow>("SELECT * FROM promoted_facets ORDER BY promoted_at DESC, slug, version DESC").all().map(toPromotedFacet);
  }

  // The search service polls the store's revision; bumping it makes every server pick up the new table.
  private bumpRevision(): void {
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'").run();
  }
}
