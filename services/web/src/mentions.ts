// `@mention` autocomplete: what the person is typing after an `@`, and the text once they pick a name.
// The API resolves `@Display Name` (spaces allowed, any case) against the group's members.

export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** What follows it up to the caret. */
  query: string;
}

/** The mention being typed at `caret`, if any: an `@` at the start or after a non-word character. */
export function mentionAt(text: string, caret: number): MentionQuery | undefined {
  const match = /(^|[^\p{L}\p{N}_])@([^@\n]{0,40})$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : undefined;
}

/** Names that start with the query (any case), at most `limit`. */
export function suggestNames(names: string[], query: string, limit = 6): string[] {
  const wanted = query.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(wanted)).slice(0, limit);
}

/** The text with the mention at `mention` completed to `@name `, and where the caret goes. */
export function completeMention(text: string, caret: number, mention: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return {
    text: text.slice(0, mention.start) + inserted + text.slice(caret),
    caret: mention.start + inserted.length,
  };
}
