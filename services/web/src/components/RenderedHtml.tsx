import { useEffect, useRef } from 'preact/hooks';

/**
 * HTML the API rendered from Markdown and sanitized (the only HTML from data the app ever inserts),
 * with its code blocks highlighted by a chunk loaded only when there is code.
 */
export function RenderedHtml({ html, label }: { html: string; label?: string }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (root.current && html.includes('<pre>')) {
      void import('../markdown/highlight').then(({ highlightCode }) => root.current && highlightCode(root.current));
    }
  }, [html]);
  return <div ref={root} class="rendered" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
