/**
 * Vega-Lite specs for the transparency pages, rendered to SVG on the server (no script reaches the
 * browser, so charts work without JavaScript and under the nonce CSP: vega's SVG carries
 * presentation attributes, not style attributes). Each chart sits next to a table with the same numbers.
 */
import type { TopLevelSpec } from "vega-lite";
import { toSvg } from "@/ml/evaluate/charts";
import type { Evaluation } from "./artifacts";
import type { Comparison, FictionShare } from "./sample-inspector";

export { toSvg };

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const FONT = { config: { font: "Inter, system-ui, sans-serif", view: { stroke: null } } } as const;

/**
 * Horizontal bars, one row per group and one bar per series in it (two series, two colours).
 * The field names are the caller's: they are what the SVG's accessible descriptions read out.
 */
function groupedBarSpec(opts: {
  values: Array<Record<string, string | number>>;
  groupField: string;
  seriesField: string;
  groupTitle: string | null;
  groupOrder: string[];
  shareTitle: string;
  shareDomain?: [number, number];
  colours: [string, string];
}): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...FONT,
    width: 520,
    height: { step: 9 },
    data: { values: opts.values },
    mark: "bar",
    encoding: {
      y: { field: opts.groupField, type: "nominal", title: opts.groupTitle, sort: opts.groupOrder },
      yOffset: { field: opts.seriesField, type: "nominal" },
      x: { field: "share", type: "quantitative", title: opts.shareTitle, axis: { format: ".0%" }, ...(opts.shareDomain ? { scale: { domain: opts.shareDomain } } : {}) },
      color: { field: opts.seriesField, type: "nominal", title: null, scale: { range: opts.colours }, legend: { orient: "top" } },
    },
  };
}

export function comparisonSpec(c: Comparison): TopLevelSpec {
  return groupedBarSpec({
    values: c.rows.flatMap((r) => [
      { value: r.value, side: "labelled sample", share: r.sampleShare },
      { value: r.value, side: "whole collection", share: r.collectionShare },
    ]),
    groupField: "value",
    seriesField: "side",
    groupTitle: null,
    groupOrder: c.rows.map((r) => r.value),
    shareTitle: "share",
    colours: ["#b45309", "#1d4ed8"],
  });
}

export function fictionShareSpec(rows: readonly FictionShare[], groupTitle: string): TopLevelSpec {
  return groupedBarSpec({
    values: rows.flatMap((r) => [
      { group: r.group, measure: "predicted Fiction", share: r.fiction },
      { group: r.group, measure: "uncertain (below threshold)", share: r.uncertain },
    ]),
    groupField: "group",
    seriesField: "measure",
    groupTitle,
    groupOrder: rows.map((r) => r.group),
    shareTitle: "share of the group's books",
    shareDomain: [0, 1],
    colours: ["#7c3aed", "#9ca3af"],
  });
}

export function reliabilitySpec(e: Evaluation): TopLevelSpec {
  const values = e.reliability.filter((b) => b.count > 0).map((b) => ({ confidence: b.meanConfidence, accuracy: b.accuracy, count: b.count }));
  return {
    $schema: SCHEMA,
    ...FONT,
    width: 320,
    height: 280,
    layer: [
      {
        data: { values: [{ x: 0.5, y: 0.5 }, { x: 1, y: 1 }] },
        mark: { type: "line", strokeDash: [4, 4], color: "#888" },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "line", point: true, color: "#1d4ed8" },
        encoding: {
          x: { field: "confidence", type: "quantitative", title: "mean confidence", scale: { domain: [0.5, 1] } },
          y: { field: "accuracy", type: "quantitative", title: "accuracy", scale: { domain: [0, 1] } },
        },
      },
    ],
  };
}

export function coverageSpec(e: Evaluation): TopLevelSpec {
  const values = e.coverage.filter((p) => p.kept > 0).map((p) => ({ coverage: p.coverage, precision: p.precision }));
  const chosen = e.thresholds.result;
  return {
    $schema: SCHEMA,
    ...FONT,
    width: 320,
    height: 280,
    layer: [
      {
        data: { values },
        mark: { type: "line", color: "#1d4ed8" },
        encoding: {
          x: { field: "coverage", type: "quantitative", title: "share of books kept", scale: { domain: [0, 1] } },
          y: { field: "precision", type: "quantitative", title: "precision of kept predictions", scale: { zero: false } },
        },
      },
      {
        data: { values: [{ coverage: chosen.coverage, precision: chosen.precision, label: "chosen thresholds" }] },
        layer: [
          { mark: { type: "point", shape: "diamond", size: 120, filled: true, color: "#b91c1c" }, encoding: { x: { field: "coverage", type: "quantitative" }, y: { field: "precision", type: "quantitative" } } },
          { mark: { type: "text", align: "right", dx: -8, dy: -8, color: "#b91c1c" }, encoding: { x: { field: "coverage", type: "quantitative" }, y: { field: "precision", type: "quantitative" }, text: { field: "label" } } },
        ],
      },
    ],
  };
}

export function confusionSpec(e: Evaluation): TopLevelSpec {
  const labels = e.report.labels;
  const values = e.report.confusion.flatMap((row, t) => row.map((count, p) => ({ actual: labels[t] ?? String(t), predicted: labels[p] ?? String(p), count })));
  const xy = {
    x: { field: "predicted", type: "nominal", sort: labels },
    y: { field: "actual", type: "nominal", sort: labels },
  } as const;
  return {
    $schema: SCHEMA,
    ...FONT,
    width: 180,
    height: 180,
    data: { values },
    layer: [
      { mark: "rect", encoding: { ...xy, color: { field: "count", type: "quantitative", scale: { scheme: "blues" }, legend: null } } },
      { mark: { type: "text", fontSize: 14 }, encoding: { ...xy, text: { field: "count", type: "quantitative" } } },
    ],
  };
}

/** Renders a spec; a failure becomes a visible note instead of breaking the whole page (the table still shows the numbers). */
export async function renderChart(spec: TopLevelSpec): Promise<{ svg: string } | { error: string }> {
  try {
    return { svg: await toSvg(spec) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
