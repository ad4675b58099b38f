import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and wasm packages are loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3", "fasttext.wasm.js", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
