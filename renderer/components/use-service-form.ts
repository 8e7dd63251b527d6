import { Alert } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, createElement, useRef, useState } from 'react';
import type { z } from 'zod';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { ChangeEvent } from '../../shared/contract/events';
import { type ConflictDetails, isConflictDetails, versionIn } from '../../shared/contract/versions';
import { useChanges } from '../api/changes';
import { ApiError, call } from '../api/client';
import { useVersions } from '../api/versions';
import { useT } from '../i18n';
import { ConflictView, readableTime } from './ConflictView';
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

type Part = { entity: string; id: number; /** When the read that gave the values is not the page's (a list row's own version). */ version?: number };

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
  /**
   * The part of the record the form edits, when it edits one (issue 19.4): the form takes the part's
   * version when it opens (from the page's VersionsProvider) and sends it back as `expectedVersion`; a
   * stale save shows the conflict view. Absent for forms that add (appends carry no version).
   */
  part?: Part | null | ((values: V) => Part | null);
  /** The child the form is about: a change made to it at another desk while the form is open is told. */
  childId?: number;
  /** A long form keeps a draft under this key (drafts.ts) until saved or discarded on purpose. */
  draftKey?: string;
};

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A form sent on one channel (the record's forms, account administration): validated with the contract's schema beside each field, sent on one channel,
 * errors from the service put beside the field they name (or above the buttons when no input shows
 * that field). A failed save keeps what was typed.
 */
export function useServiceForm<V extends Record<string, unknown>, C extends Channel>(options: Options<V, C>) {
  const { channel, schema, toInput, extraValidate, savedMessage, onSaved } = options;
  const mapPath = options.errorPath ?? ((path: string) => path);
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);
  const [external, setExternal] = useState<ChangeEvent | null>(null);
  const versions = useVersions();
  // The version the form's values were read at: taken when the form opens or is reset, never followed silently.
  const readVersion = useRef<number | undefined>(undefined);
  const readFor = useRef<string | null>(null);
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

  // A form whose part depends on what is typed (the year of an insurance row) names it from its values.
  const part = (typeof options.part === 'function' ? options.part(form.getValues()) : options.part) ?? null;
  const versionNow = () => (part ? (part.version ?? versionIn(versions, part.entity, part.id)) : undefined);
  const partKey = part ? `${part.entity}:${part.id}` : null;
  if (readFor.current !== partKey) {
    readFor.current = partKey;
    readVersion.current = versionNow();
  }
  const withVersion = (input: ChannelInput<C>): ChannelInput<C> =>
    part && readVersion.current !== undefined ? ({ ...(input as object), expectedVersion: readVersion.current } as ChannelInput<C>) : input;

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
      const output = await call(channel, withVersion(toInput(values)));
      if (draftKey) draftStore.delete(draftKey);
      setConflict(null);
      setExternal(null);
      notifications.show({ color: 'teal', message: typeof savedMessage === 'function' ? savedMessage(output) : savedMessage });
      onSaved(output);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && isConflictDetails(error.details)) {
        setConflict(error.details);
        return;
      }
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

  useChanges((event) => {
    if (event.mine || options.childId === undefined || !(event.channel === '*' || event.childIds.includes(options.childId))) return;
    if (form.isDirty()) setExternal(event);
  });

  /** Their values for the items this person left as they were, theirs kept for the rest; then the latest version. */
  const reapply = () => {
    if (!conflict) return;
    const initial = toInput(form.getInitialValues()) as Record<string, unknown>;
    const mine = toInput(form.getValues()) as Record<string, unknown>;
    const paths = known();
    for (const change of conflict.changes) {
      if (!paths.has(change.field) || !sameValue(initial[change.field], mine[change.field])) continue;
      const current = form.getValues()[change.field];
      const value = typeof current === 'string' && Array.isArray(change.after) ? change.after.join('、') : typeof current === 'string' && change.after === null ? '' : change.after;
      form.setFieldValue(change.field as never, value as never);
    }
    readVersion.current = conflict.currentVersion;
    setConflict(null);
    setExternal(null);
  };

  const yours = (field: string) => (toInput(form.getValues()) as Record<string, unknown>)[field];
  let notice: ReactNode = null;
  if (conflict) notice = createElement(ConflictView, { details: conflict, yours, onReapply: reapply });
  else if (external)
    notice = createElement(
      Alert,
      { color: 'yellow', title: t('conflict.changedElsewhere'), ...{ 'data-testid': 'changed-elsewhere' } },
      t('conflict.changedElsewhereBy', { who: external.by ?? t('conflict.someone'), when: readableTime(external.at) }),
    );

  return {
    form,
    busy,
    formError,
    /** The conflict view after a stale save, or the notice that another desk changed the record meanwhile. */
    notice,
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
      setConflict(null);
      setExternal(null);
      readVersion.current = versionNow();
      if (values) {
        form.setInitialValues(values);
        form.setValues(values);
      } else form.reset();
      form.clearErrors();
    },
  };
}
