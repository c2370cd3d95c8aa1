import path from "node:path";
import { build } from "esbuild";

/**
 * The worker as one JavaScript file (`dist/worker.mjs`), its packages left to node_modules.
 * Running it with plain `node` instead of through tsx's loader saves about 50 MB of resident
 * memory per worker process and the compile at every start. Takes about a second, so `npm start`
 * and the engine benchmark build it every time instead of tracking whether it is stale.
 */
export const workerBundle = "dist/worker.mjs";

/**
 * Node flags the worker runs with. A smaller young generation (V8's default semi-space is 16 MB)
 * keeps the worker's resident memory down; its allocations are small and short-lived, so the
 * extra scavenges cost little. A bounded old generation makes V8 collect before it grows: the
 * worker keeps little between steps (at most 64 kB of output a running step), and without a
 * bound its heap grew to about 80 MB of garbage under load (peak RSS 205–219 MB instead of about
 * 150).
 */
export const workerNodeFlags = ["--max-semi-space-size=2", "--max-old-space-size=160"];

export async function buildWorker(root: string): Promise<string> {
  const outfile = path.join(root, workerBundle);
  await build({
    entryPoints: [path.join(root, "workers", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outfile = await buildWorker(process.cwd());
  process.stdout.write(`built ${path.relative(process.cwd(), outfile)}\n`);
}
