/**
 * TensorFlow.js with the best backend available, in the order the project prefers:
 * tfjs-node-gpu (with a GPU), tfjs-node, then @tensorflow/tfjs on wasm, then its pure-JS cpu
 * backend. The native packages are optional dependencies that often fail to install (they
 * download libtensorflow), so they are imported dynamically and their absence is normal.
 */
import type * as TfNamespace from "@tensorflow/tfjs";

export type Tf = typeof TfNamespace;
export type BackendPreference = "auto" | "tensorflow" | "wasm" | "cpu";

export interface LoadedTf {
  tf: Tf;
  /** tfjs backend name: "tensorflow", "wasm" or "cpu". */
  backend: string;
  /** Package that provided it, e.g. "@tensorflow/tfjs-node-gpu". */
  source: string;
  /** Why earlier choices were skipped (printed by the scripts). */
  skipped: string[];
}

// A variable specifier keeps bundlers and tsc from resolving packages that may be absent.
async function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

async function tryNative(skipped: string[]): Promise<LoadedTf | null> {
  for (const pkg of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
    try {
      const mod = (await importOptional(pkg)) as Tf & { default?: Tf };
      const tf = (mod.default ?? mod) as Tf;
      await tf.setBackend("tensorflow");
      await tf.ready();
      // tfjs-node-gpu falls back to CPU kernels silently when no GPU is visible; that is
      // still the native backend, so it is kept, but the source says which package ran.
      return { tf, backend: tf.getBackend(), source: pkg, skipped };
    } catch (error) {
      skipped.push(`${pkg}: ${messageOf(error)}`);
    }
  }
  return null;
}

async function loadJs(backend: "wasm" | "cpu", skipped: string[]): Promise<LoadedTf | null> {
  try {
    const tf = (await import("@tensorflow/tfjs")) as unknown as Tf;
    if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`setBackend("${backend}") returned false`);
    await tf.ready();
    return { tf, backend: tf.getBackend(), source: backend === "wasm" ? "@tensorflow/tfjs-backend-wasm" : "@tensorflow/tfjs (cpu)", skipped };
  } catch (error) {
    skipped.push(`${backend}: ${messageOf(error)}`);
    return null;
  }
}

const cache = new Map<BackendPreference, Promise<LoadedTf>>();

/**
 * Loads (once per preference) and returns tfjs with the chosen backend active. The tf
 * namespace is process-global, so the backend is re-activated on every call: another caller
 * may have switched it since.
 */
export async function loadTf(preference: BackendPreference = "auto"): Promise<LoadedTf> {
  const loaded = await loadOnce(preference);
  if (loaded.tf.getBackend() !== loaded.backend) await loaded.tf.setBackend(loaded.backend);
  return loaded;
}

function loadOnce(preference: BackendPreference): Promise<LoadedTf> {
  let pending = cache.get(preference);
  if (!pending) {
    pending = (async () => {
      const skipped: string[] = [];
      const order: Array<() => Promise<LoadedTf | null>> =
        preference === "auto"
          ? [() => tryNative(skipped), () => loadJs("wasm", skipped), () => loadJs("cpu", skipped)]
          : preference === "tensorflow"
            ? [() => tryNative(skipped)]
            : [() => loadJs(preference, skipped)];
      for (const attempt of order) {
        const loaded = await attempt();
        if (loaded) return loaded;
      }
      throw new Error(`No TensorFlow.js backend could be loaded for "${preference}":\n  ${skipped.join("\n  ")}`);
    })();
    cache.set(preference, pending);
  }
  return pending;
}
