/** The case-file formats, by name (kept apart so the CLI can list them without loading readers). */
export const INPUT_FORMATS = ['jsonl', 'json', 'yaml', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export const OUTPUT_FORMATS = ['jsonl', 'json', 'csv', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
