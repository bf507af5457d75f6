/** docs/cli.md's copy of a golden file: between `<!-- golden:FILE ... -->` and `<!-- golden:end -->`. */
export function withGoldenBlock(markdown: string, file: string, text: string): string {
  const start = markdown.indexOf(`<!-- golden:${file}`);
  if (start < 0) return markdown;
  const open = markdown.indexOf('\n', start) + 1;
  const end = markdown.indexOf('<!-- golden:end -->', open);
  return `${markdown.slice(0, open)}\`\`\`\n${text}\`\`\`\n${markdown.slice(end)}`;
}
