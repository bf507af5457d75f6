/** The README's copy of a golden file: between `<!-- golden:FILE ... -->` and `<!-- golden:end -->`. */
export function withGoldenBlock(readme: string, file: string, text: string): string {
  const start = readme.indexOf(`<!-- golden:${file}`);
  if (start < 0) return readme;
  const open = readme.indexOf('\n', start) + 1;
  const end = readme.indexOf('<!-- golden:end -->', open);
  return `${readme.slice(0, open)}\`\`\`\n${text}\`\`\`\n${readme.slice(end)}`;
}
