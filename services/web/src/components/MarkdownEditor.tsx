import { useState } from 'preact/hooks';
import { ClientMarkdown } from './ClientMarkdown';
import { TextArea } from './forms';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  error?: string;
  rows?: number;
}

/** A Markdown text with a Write / Preview switch; the preview's renderer is loaded on first use. */
export function MarkdownEditor({ id, label, value, onInput, error, rows = 10 }: Props) {
  const [previewing, setPreviewing] = useState(false);
  return (
    <div class="markdown-editor">
      <div class="row" role="group" aria-label={`${label}: write or preview`}>
        <button type="button" class="secondary" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>Write</button>
        <button type="button" class="secondary" aria-pressed={previewing} onClick={() => setPreviewing(true)}>Preview</button>
      </div>
      {previewing ? (
        <section class="card preview" aria-label={`Preview of ${label.toLowerCase()}`}>
          {value.trim() ? <ClientMarkdown text={value} /> : <p class="empty">Nothing to preview yet.</p>}
          {error && <p class="field-error">{label}: {error}</p>}
        </section>
      ) : (
        <TextArea id={id} label={label} hint="Markdown: **bold**, `code`, ```java fenced blocks```, - lists, | tables |."
          rows={rows} value={value} error={error} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
    </div>
  );
}
