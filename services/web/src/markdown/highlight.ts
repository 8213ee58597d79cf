// Code highlighting, loaded only on pages that show rendered code: the API keeps a fenced block's
// language as `class="language-…"` on its `code` element.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';

const languages = { bash, c, cpp, csharp, go, java, javascript, json, kotlin, python, rust, sql, typescript };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** Highlights the fenced blocks under `root` whose language is known; others stay plain. */
export function highlightCode(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('pre code[class*="language-"]').forEach((block) => {
    const language = /language-(\S+)/.exec(block.className)![1].toLowerCase();
    if (hljs.getLanguage(language) && !block.dataset.highlighted) hljs.highlightElement(block);
  });
}
