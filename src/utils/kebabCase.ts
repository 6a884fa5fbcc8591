/**
 * `brandColor1` -> `brand-color-1`, the way lodash.kebabcase turns NutUI theme keys into CSS
 * variable names; stands in for that package in the builds (config/index.ts), which carries a
 * Unicode word splitter the theme keys never need.
 */
export default function kebabCase(text: string): string {
  return (text.match(/[A-Z]{2,}(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? []).map((word) => word.toLowerCase()).join('-')
}
