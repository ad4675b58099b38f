import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { workPaths } from "@/lib/env";
import { buildNeedles, PUBLIC_PATHS, readPasswordHashes, scanDirectory, scanResponses, SECRET_ENV_NAMES, toEnvSecrets, type Finding } from "@/lib/security/secret-scan";

/**
 * `npm run scan:secrets -- [--base-url http://127.0.0.1:3000]`: checks that no secret of this
 * deployment (NEXTAUTH_SECRET, MEILI_API_KEY, MEILI_MASTER_KEY, OIDC_CLIENT_SECRET from the
 * environment, every staff password hash in the store, and anything shaped like a password hash)
 * appears in a file under .next/static or, with --base-url, in a public response. Exits 1 on a find.
 */

const program = new Command()
  .name("scan-secrets")
  .description("Look for this deployment's secrets in the browser bundle (.next/static) and in public responses.")
  .option("--static-dir <dir>", "built browser files", path.join(process.cwd(), ".next", "static"))
  .option("--base-url <url>", "a running server to fetch the public pages and APIs from")
  .option("--path <path...>", "paths to fetch (default: the public pages, APIs and error answers)")
  .option("--store <file>", "store holding staff password hashes (default: WORK_DIR/store.sqlite)")
  .option("--no-static", "skip the .next/static scan");

function fail(message: string): never {
  console.error(`scan-secrets: ${message}`);
  process.exit(2);
}

function printFindings(findings: Finding[]) {
  for (const f of findings) console.error(`  LEAK ${f.secret} (${f.form}) in ${f.where}`);
}

async function main() {
  const opts = program.parse().opts();
  const secrets = [...toEnvSecrets(process.env, SECRET_ENV_NAMES), ...readPasswordHashes(opts.store ?? workPaths().store)];
  const needles = buildNeedles(secrets);
  console.log(`scan-secrets: looking for ${secrets.length} secrets (${secrets.map((s) => s.name).join(", ") || "none set; only the password-hash pattern"})`);
  const findings: Finding[] = [];
  if (opts.static) {
    const scan = scanDirectory(opts.staticDir, needles);
    console.log(`scan-secrets: ${scan.files} files, ${(scan.bytes / 1e6).toFixed(1)} MB under ${opts.staticDir}: ${scan.findings.length} findings`);
    findings.push(...scan.findings);
  }
  if (opts.baseUrl) {
    const scan = await scanResponses(opts.baseUrl, opts.path ?? PUBLIC_PATHS, needles);
    console.log(`scan-secrets: ${scan.responses} responses from ${opts.baseUrl} (statuses ${JSON.stringify(scan.statuses)}): ${scan.findings.length} findings`);
    findings.push(...scan.findings);
  }
  if (findings.length > 0) {
    printFindings(findings);
    process.exit(1);
  }
  console.log("scan-secrets: no secret found");
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
