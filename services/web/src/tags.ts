/** `java, Arrays  search` → `['java', 'arrays', 'search']`: tags as the API stores them (lower case, once each). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).filter(Boolean).map((tag) => tag.toLowerCase()))];
}
