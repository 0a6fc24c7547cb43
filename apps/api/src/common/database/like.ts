/** Escapes LIKE's wildcards (and its escape character, backslash) so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
