import type { ComponentChildren, InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/problem';


interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {children}
      {error && <p id={`${id}-error`} class="field-error">{error}</p>}
    </div>
  );
}

export function TextField({ id, label, error, hint, ...input }: FieldProps & InputHTMLAttributes) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

export function TextArea({ id, label, error, hint, ...area }: FieldProps & TextareaHTMLAttributes) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <textarea id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...area} />
    </FieldFrame>
  );
}

export function SelectField({ id, label, error, hint, children, ...select }: FieldProps & SelectHTMLAttributes) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function TimeZoneField({ id, label, value, onChange, zones, error }:
  { id: string; label: string; value: string; onChange(zone: string): void; zones: string[]; error?: string }) {
  return (
    <SelectField id={id} label={label} value={value} error={error}
      onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
      {zones.map((zone) => <option key={zone} value={zone}>{zone.replace(/_/g, ' ')}</option>)}
    </SelectField>
  );
}

/** A form-level message (announced), for errors that name no field the form shows. */
export function FormError({ message }: { message?: string }) {
  return message ? <p role="alert" class="form-error">{message}</p> : null;
}

/** Runs a form's action, keeping whether it is busy and what failed. */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError ? error.errorOf(field) : undefined);
  /** What the API says about this field itself, not about its items or members (`slots[1]`, not `slots[1].startsAt`). */
  const ownFieldError = (field: string) => (error instanceof ApiError ? error.fieldErrors[field] : undefined);
  const formMessage = (shownFields: string[]) =>
    error === null ? undefined : error instanceof ApiError ? error.messageWithout(shownFields) : messageOf(error);
  return { submit, busy, fieldError, ownFieldError, formMessage };
}
