import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, type RefObject, createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

/** What the fields of a form hold, read from the page: every input, text area and select, checked or not. */
export function fieldSnapshot(root: HTMLElement | null): string {
  if (!root) return '';
  return Array.from(root.querySelectorAll('input, textarea, select'))
    .map((el) => {
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return el.checked ? '1' : '0';
      return (el as HTMLInputElement).value;
    })
    .join('\u0000');
}

export type DiscardGuard = {
  /** Forget the "before" picture (the dialog closed). */
  reset: () => void;
  /** Close if nothing changed; otherwise ask. */
  requestClose: () => void;
  /** Takes the "before" picture of the fields at the first touch (focus, a key or a pointer inside the form). */
  touch: () => void;
  asking: boolean;
  keepsDraft: boolean;
  stay: () => void;
  discard: () => void;
  keep: () => void;
};

/**
 * One mechanism for every form dialog: the fields are read when the person first touches the form and
 * again when the dialog is to close; if they differ (or `dirty` says so), closing asks first.
 */
export function useDiscardGuard(
  root: RefObject<HTMLElement | null>,
  options: { dirty: boolean; onClose: () => void; onDiscard?: () => void; keepsDraft: boolean },
): DiscardGuard {
  const before = useRef<string | null>(null);
  const [asking, setAsking] = useState(false);
  const changed = () => options.dirty || (before.current !== null && before.current !== fieldSnapshot(root.current));
  return {
    reset: () => {
      before.current = null;
      setAsking(false);
    },
    touch: () => {
      if (before.current === null) before.current = fieldSnapshot(root.current);
    },
    requestClose: () => {
      if (changed()) setAsking(true);
      else options.onClose();
    },
    asking,
    keepsDraft: options.keepsDraft,
    stay: () => setAsking(false),
    discard: () => {
      setAsking(false);
      options.onDiscard?.();
      options.onClose();
    },
    keep: () => {
      setAsking(false);
      options.onClose();
    },
  };
}

/**
 * The question inside a form dialog, in place of its buttons (a second modal over the first would
 * fight it for the focus): stay, keep the draft, or discard.
 */
export function InlineDiscardConfirm({ guard }: { guard: Pick<DiscardGuard, 'keepsDraft' | 'stay' | 'discard' | 'keep'> }) {
  const t = useT();
  return (
    <Alert color="orange" role="alertdialog" aria-label={t('forms.discard.title')} title={t('forms.discard.title')} data-testid="discard-confirm">
      <DiscardChoices guard={guard} mt="sm" autoFocus />
    </Alert>
  );
}

/** The question asked before what was typed is thrown away. */
export function DiscardConfirm({ guard }: { guard: Pick<DiscardGuard, 'asking' | 'keepsDraft' | 'stay' | 'discard' | 'keep'> }) {
  const t = useT();
  return (
    <Modal opened={guard.asking} onClose={guard.stay} title={t('forms.discard.title')} size="md" zIndex={400} data-testid="discard-confirm">
      <Stack gap="sm">
        <DiscardChoices guard={guard} />
      </Stack>
    </Modal>
  );
}

/** The message and the three answers (stay first and focused; keep the draft where there is one; discard). */
function DiscardChoices({ guard, mt, autoFocus }: { guard: Pick<DiscardGuard, 'keepsDraft' | 'stay' | 'discard' | 'keep'>; mt?: string; autoFocus?: boolean }) {
  const t = useT();
  return (
    <>
      <Text size="sm">{guard.keepsDraft ? t('forms.discard.draftMessage') : t('forms.discard.message')}</Text>
      <Group justify="flex-end" mt={mt}>
        <Button variant="default" onClick={guard.stay} data-autofocus autoFocus={autoFocus}>
          {t('forms.discard.stay')}
        </Button>
        {guard.keepsDraft && (
          <Button variant="light" onClick={guard.keep}>
            {t('forms.discard.keepDraft')}
          </Button>
        )}
        <Button color="red" onClick={guard.discard}>
          {t('forms.discard.discard')}
        </Button>
      </Group>
    </>
  );
}

type LeaveGuards = {
  /** A page part with changes not yet saved (an in-place edit) registers how to tell. */
  register: (id: string, isDirty: () => boolean) => () => void;
  /** Runs `go` at once when nothing is unsaved, or after the person agrees to discard. */
  confirmLeave: (go: () => void) => void;
};

const LeaveContext = createContext<LeaveGuards | null>(null);

/** Holds the in-place edits of the page and asks before leaving them (another tab, another page). */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const guards = useRef(new Map<string, () => boolean>());
  const [pending, setPending] = useState<(() => void) | null>(null);
  const register = useCallback((id: string, isDirty: () => boolean) => {
    guards.current.set(id, isDirty);
    return () => void guards.current.delete(id);
  }, []);
  const confirmLeave = useCallback((go: () => void) => {
    if ([...guards.current.values()].some((isDirty) => isDirty())) setPending(() => go);
    else go();
  }, []);
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if ([...guards.current.values()].some((isDirty) => isDirty())) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  return (
    <LeaveContext.Provider value={{ register, confirmLeave }}>
      {children}
      <DiscardConfirm
        guard={{
          asking: pending !== null,
          keepsDraft: false,
          stay: () => setPending(null),
          keep: () => setPending(null),
          discard: () => {
            const go = pending;
            guards.current.clear();
            setPending(null);
            go?.();
          },
        }}
      />
    </LeaveContext.Provider>
  );
}

const noGuards: LeaveGuards = { register: () => () => undefined, confirmLeave: (go) => go() };

export function useLeaveGuard(): LeaveGuards {
  return useContext(LeaveContext) ?? noGuards;
}

/** Registers an in-place edit's "is anything changed" while it is shown. */
export function useUnsavedEdit(id: string, isDirty: () => boolean, active: boolean): void {
  const { register } = useLeaveGuard();
  const latest = useRef(isDirty);
  latest.current = isDirty;
  useEffect(() => (active ? register(id, () => latest.current()) : undefined), [id, active, register]);
}
