import { useEffect, useState } from 'preact/hooks';

/**
 * Markdown the API stores without an HTML rendering (a session's description) or that is still being
 * written (a preview): rendered here and sanitized with DOMPurify, both loaded on first use. Until
 * then the text shows as it is.
 */
export function ClientMarkdown({ text }: { text: string }) {
  const [html, setHtml] = useState<string>();
  useEffect(() => {
    let current = true;
    void import('../markdown/preview').then(({ renderPreview }) => current && setHtml(renderPreview(text)));
    return () => { current = false; };
  }, [text]);
  return html === undefined
    ? <p class="description">{text}</p>
    // Sanitized by DOMPurify in renderPreview.
    : <div class="rendered" dangerouslySetInnerHTML={{ __html: html }} />;
}
