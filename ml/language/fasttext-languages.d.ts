// fasttext.wasm.js ships its lid.176 code table as JSON and as an ES module; the module is
// imported (plain JSON imports need import attributes in Node's ESM loader, which Next leaves to
// Node for this external package), and it has no type declarations of its own.
declare module "fasttext.wasm.js/dist/models/language-identification/assets/languages.json.mjs" {
  const languages: Record<string, { alpha3: string; alpha2: string | null; refName: string }>;
  export default languages;
}
