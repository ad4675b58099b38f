/**
 * Calibration of logits: p = sigmoid(scale * z + shift). `scale` is 1/temperature; `shift`
 * also corrects a prior moved by example weighting. Fitted by Newton's method on the
 * negative log-likelihood of held-out logits (never validation books).
 */
export interface Calibration {
  /** 1 / temperature. */
  scale: number;
  shift: number;
}

export const IDENTITY_CALIBRATION: Calibration = { scale: 1, shift: 0 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function applyCalibration(c: Calibration, logit: number): number {
  return sigmoid(c.scale * logit + c.shift);
}

export function negativeLogLikelihood(c: Calibration, logits: readonly number[], ys: readonly number[]): number {
  let nll = 0;
  logits.forEach((z, i) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, applyCalibration(c, z)));
    nll -= ys[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return nll / logits.length;
}

/**
 * Fits scale and shift (or scale alone with `temperatureOnly`). A tiny ridge keeps Newton's
 * step defined when the held-out set is separable.
 */
export function fitCalibration(logits: readonly number[], ys: readonly number[], options: { temperatureOnly?: boolean } = {}): Calibration {
  if (logits.length === 0) throw new Error("fitCalibration: no held-out logits");
  const ridge = 1e-6;
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = ridge * (a - 1);
    let gb = options.temperatureOnly ? 0 : ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    logits.forEach((z, i) => {
      const p = sigmoid(a * z + b);
      const r = p - ys[i]!;
      const v = p * (1 - p);
      ga += r * z;
      gb += r;
      haa += v * z * z;
      hab += v * z;
      hbb += v;
    });
    let da: number;
    let db: number;
    if (options.temperatureOnly) {
      da = ga / haa;
      db = 0;
    } else {
      const det = haa * hbb - hab * hab;
      da = (hbb * ga - hab * gb) / det;
      db = (haa * gb - hab * ga) / det;
    }
    // Damped step: Newton on a logistic loss can overshoot from a poor start.
    const before = negativeLogLikelihood({ scale: a, shift: b }, logits, ys);
    let step = 1;
    while (step > 1e-4 && negativeLogLikelihood({ scale: a - step * da, shift: b - step * db }, logits, ys) > before) step /= 2;
    a -= step * da;
    b -= step * db;
    if (Math.abs(step * da) < 1e-9 && Math.abs(step * db) < 1e-9) break;
  }
  return { scale: a, shift: b };
}
