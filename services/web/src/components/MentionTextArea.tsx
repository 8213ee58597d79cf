import { useRef, useState } from 'preact/hooks';
import { completeMention, mentionAt, suggestNames, type MentionQuery } from '../mentions';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  /** Display names of the group's members. */
  names: string[];
  error?: string;
}

/**
 * A comment box that suggests members' names after an `@`: arrows choose, Enter or Tab take the name,
 * Escape closes. (A textarea may not take the combobox role, so it points at the list as a textbox.)
 */
export function MentionTextArea({ id, label, value, onInput, names, error }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<MentionQuery>();
  const [active, setActive] = useState(0);
  const suggestions = mention ? suggestNames(names, mention.query) : [];
  const open = suggestions.length > 0;

  const follow = (text: string, caret: number) => {
    onInput(text);
    setMention(mentionAt(text, caret));
    setActive(0);
  };
  const pick = (name: string) => {
    const textarea = area.current!;
    const done = completeMention(value, textarea.selectionStart, mention!, name);
    // Written to the element first, so the caret lands after the name before the next key arrives.
    textarea.value = done.text;
    textarea.focus();
    textarea.setSelectionRange(done.caret, done.caret);
    onInput(done.text);
    setMention(undefined);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(suggestions[active]);
    } else if (event.key === 'Escape') {
      setMention(undefined);
    }
  };
  const listId = `${id}-mentions`;
  return (
    <div class="field mention-field">
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="hint">Markdown. Type @ and a name to mention a member of the group.</p>
      <textarea ref={area} id={id} rows={3} value={value} aria-autocomplete="list"
        aria-controls={listId} aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onInput={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown} onBlur={() => setMention(undefined)} />
      <ul id={listId} role="listbox" aria-label="Members to mention" class="mentions" hidden={!open}>
        {suggestions.map((name, index) => (
          <li key={name} id={`${listId}-${index}`} role="option" aria-selected={index === active}
            onMouseDown={(e) => { e.preventDefault(); pick(name); }}>{name}</li>
        ))}
      </ul>
      <p class="visually-hidden" role="status">{open ? `${suggestions.length} members match; arrows to choose, Enter to take.` : ''}</p>
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}
