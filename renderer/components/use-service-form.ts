import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { z } from 'zod';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { call } from '../api/client';
import { draftStore } from './drafts';
import { applyServiceError, zodValidate } from './form-errors';

/** Every leaf path of a form's values (`fact.value.father`), i.e. the paths an input can show an error at. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  // A list is a field itself (`formerNames`); a list of objects (`scores`) also has fields per item (`scores.0.value`).
  if (Array.isArray(value) && prefix) return [prefix, ...value.flatMap((item, i) => (isPlainObject(item) ? leafPaths(item, `${prefix}.${i}`) : []))];
  if (!isPlainObject(value)) return prefix ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => leafPaths(v, prefix ? `${prefix}.${key}` : key));
}

type Options<V extends Record<string, unknown>, C extends Channel> = {
  channel: C;
  initialValues: V;
  /** The contract's input schema: the same checks the service makes, run before sending. */
  schema: z.ZodType;
  toInput: (values: V) => ChannelInput<C>;
  /** Checks the schema cannot make from the form (a blank amount, an ID number against the birth date…). */
  extraValidate?: (values: V) => Record<string, string | null | undefined>;
  /** Where an error of a contract path is shown, when the form holds it differently (`formerNames.0` → `formerNames`). */
  errorPath?: (path: string) => string;
  /** Shown once saved (may name what was saved). */
  savedMessage: string | ((output: ChannelOutput<C>) => string);
  onSaved: (output: ChannelOutput<C>) => void;
  /** A long form keeps a draft under this key (drafts.ts) until saved or discarded on purpose. */
  draftKey?: string;
};

/**
 * A form sent on one channel (the record's forms, account administration): validated with the contract's schema beside each field, sent on one channel,
 * errors from the service put beside the field they name (or above the buttons when no input shows
 * that field). A failed save keeps what was typed.
 */
export function useServiceForm<V extends Record<string, unknown>, C extends Channel>(options: Options<V, C>) {
  const { channel, schema, toInput, extraValidate, savedMessage, onSaved } = options;
  const mapPath = options.errorPath ?? ((path: string) => path);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { draftKey } = options;
  const [restored] = useState(() => (draftKey ? draftStore.get<V>(draftKey) : null));
  const [pristine] = useState(() => JSON.stringify(options.initialValues));
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: restored ?? options.initialValues,
    onValuesChange: (values) => {
      if (!draftKey) return;
      if (JSON.stringify(values) === pristine) draftStore.delete(draftKey);
      else draftStore.set(draftKey, values);
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(zodValidate(schema)(toInput(values)))) errors[mapPath(path)] ??= message;
      for (const [path, message] of Object.entries(extraValidate?.(values) ?? {})) if (message) errors[path] = message;
      return errors;
    },
  });

  const known = () => new Set(leafPaths(form.getValues()));
  const onInvalid = (errors: Record<string, unknown>) => {
    const fields = known();
    const hidden = Object.entries(errors).find(([path]) => !fields.has(path));
    setFormError(hidden ? String(hidden[1]) : null);
  };
  const submit = async (values: V) => {
    setBusy(true);
    setFormError(null);
    try {
      const output = await call(channel, toInput(values));
      if (draftKey) draftStore.delete(draftKey);
      notifications.show({ color: 'teal', message: typeof savedMessage === 'function' ? savedMessage(output) : savedMessage });
      onSaved(output);
    } catch (error) {
      const fields = known();
      let hidden: string | null = null;
      const message = applyServiceError(error, (contractPath, text) => {
        const path = mapPath(contractPath);
        if (fields.has(path)) form.setFieldError(path, text);
        else hidden ??= text;
      });
      setFormError(message ?? hidden);
    } finally {
      setBusy(false);
    }
  };

  return {
    form,
    busy,
    formError,
    /** The draft this form was opened from, if any, and how to throw it away on purpose. */
    draft: draftKey
      ? {
          restored: restored !== null,
          onDiscard: () => draftStore.delete(draftKey),
        }
      : undefined,
    /** For `<form onSubmit>`: validates, then sends. */
    onSubmit: form.onSubmit((values) => void submit(values), onInvalid),
    /** Back to the given values (or the initial ones), errors cleared. */
    reset: (values?: V) => {
      setFormError(null);
      if (values) {
        form.setInitialValues(values);
        form.setValues(values);
      } else form.reset();
      form.clearErrors();
    },
  };
}
