// Loaded only when someone opens a Markdown preview: the API renders what is stored, but a preview
// of what is being written has to be rendered here, and is sanitized before it touches the page.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Sanitized HTML of the Markdown, close to what the API will store (GitHub-flavoured, no raw HTML kept). */
export function renderPreview(markdown: string): string {
  const html = marked.parse(markdown, { gfm: true, async: false });
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'img'], FORBID_ATTR: ['style'] });
}
