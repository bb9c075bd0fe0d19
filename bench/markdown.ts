/** A Markdown table row, as bench/RESULTS.md holds them. */
export const mdRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** A number in en-US digits (1,234.5), as the tables print them. */
export const fmt = (x: number, digits = 0): string => x.toLocaleString('en', { maximumFractionDigits: digits });
