import localFont from "next/font/local";

/*
 * next/font/google fetches at build time and fails offline, so the Inter files come from the
 * @fontsource-variable/inter package. Each script subset is its own family, chained in
 * `--font-sans`, because next/font/local cannot give a family per-file unicode ranges: the browser
 * falls through the chain per character. Only Latin (most titles) is preloaded. The loader
 * needs literal options, hence the repeated paths.
 */
export const interLatin = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  variable: "--font-inter-latin",
});

export const interLatinExt = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-ext-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  preload: false,
  variable: "--font-inter-latin-ext",
});

export const interCyrillic = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-cyrillic-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  preload: false,
  variable: "--font-inter-cyrillic",
});

export const interGreek = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-greek-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  preload: false,
  variable: "--font-inter-greek",
});

export const fontVariables = [interLatin, interLatinExt, interCyrillic, interGreek].map((f) => f.variable).join(" ");
