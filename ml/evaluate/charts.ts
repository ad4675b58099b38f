/** SVG charts for the evaluation report: vega-lite specs rendered headless with vega's View. */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { GenreEvaluation } from "./evaluate-genre";

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function reliabilitySpec(evaluations: readonly GenreEvaluation[]): TopLevelSpec {
  const values = evaluations.flatMap((e) =>
    e.reliability.filter((b) => b.count > 0).map((b) => ({ run: e.name, confidence: b.meanConfidence, accuracy: b.accuracy, count: b.count })),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Reliability diagram (top label)",
    width: 360,
    height: 300,
    layer: [
      {
        data: { values: [{ x: 0.5, y: 0.5 }, { x: 1, y: 1 }] },
        mark: { type: "line", strokeDash: [4, 4], color: "#888" },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "confidence", type: "quantitative", title: "mean confidence", scale: { domain: [0.5, 1] } },
          y: { field: "accuracy", type: "quantitative", title: "accuracy", scale: { domain: [0, 1] } },
          color: { field: "run", type: "nominal" },
        },
      },
    ],
  };
}

export function coverageSpec(evaluations: readonly GenreEvaluation[]): TopLevelSpec {
  const values = evaluations.flatMap((e) => e.coverage.filter((p) => p.kept > 0).map((p) => ({ run: e.name, coverage: p.coverage, precision: p.precision, threshold: p.threshold })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Precision against coverage (confidence threshold 0.50-0.995)",
    width: 360,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: { field: "coverage", type: "quantitative", title: "share of books kept", scale: { domain: [0, 1] } },
          y: { field: "precision", type: "quantitative", title: "precision of kept predictions", scale: { zero: false } },
          color: { field: "run", type: "nominal" },
        },
      },
      { data: { values: [{ y: 0.99 }] }, mark: { type: "rule", strokeDash: [4, 4], color: "#c00" }, encoding: { y: { field: "y", type: "quantitative" } } },
    ],
  };
}

export function confusionSpec(e: GenreEvaluation): TopLevelSpec {
  const values = e.report.confusion.flatMap((row, t) => row.map((count, p) => ({ actual: e.report.labels[t], predicted: e.report.labels[p], count })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Confusion matrix: ${e.name}`,
    width: 200,
    height: 200,
    data: { values },
    layer: [
      {
        mark: "rect",
        encoding: {
          x: { field: "predicted", type: "nominal", sort: [...e.report.labels] },
          y: { field: "actual", type: "nominal", sort: [...e.report.labels] },
          color: { field: "count", type: "quantitative", scale: { scheme: "blues" } },
        },
      },
      {
        mark: { type: "text", fontSize: 14 },
        encoding: {
          x: { field: "predicted", type: "nominal", sort: [...e.report.labels] },
          y: { field: "actual", type: "nominal", sort: [...e.report.labels] },
          text: { field: "count", type: "quantitative" },
        },
      },
    ],
  };
}
