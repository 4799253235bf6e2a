/**
 * Accessible modal dialogs over @radix-ui/react-dialog: focus is trapped inside, Esc and
 * Cancel close, and focus returns to the button that opened the dialog.
 *
 * `Modal` is the frame (title, optional description, body, footer); `ConfirmDialog` asks
 * before a consequential action, starts with focus on Cancel, and shows the action's error
 * in place instead of closing when it fails.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState, type ReactElement, type ReactNode } from 'react';
import { describeError } from '../api/client';
import './dialogs.css';

export function Modal({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  footer,
  initialFocus,
  testId,
  wide,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog (focus returns to it on close). */
  trigger?: ReactElement;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer: ReactNode;
  /** Element to focus when the dialog opens (default: the first focusable). */
  initialFocus?: React.RefObject<HTMLElement | null>;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className={`dialog modal${wide ? ' modal-wide' : ''}`}
          data-testid={testId}
          onOpenAutoFocus={(e) => {
            if (initialFocus?.current) {
              e.preventDefault();
              initialFocus.current.focus();
            }
          }}
        >
          <Dialog.Title className="modal-title">{title}</Dialog.Title>
          {description ? (
            <Dialog.Description className="modal-desc">{description}</Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{typeof title === 'string' ? title : 'Dialog'}</Dialog.Description>
          )}
          {children ? <div className="modal-body">{children}</div> : null}
          <div className="modal-foot">{footer}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function ConfirmDialog({
  trigger,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger,
  onConfirm,
  testId,
}: {
  trigger: ReactElement;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  /** Runs the action; the dialog closes when it resolves and shows the error if it throws. */
  onConfirm: () => Promise<unknown>;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = () => {
    setBusy(true);
    setError(null);
    onConfirm().then(
      () => {
        setBusy(false);
        setOpen(false);
      },
      (err: unknown) => {
        setBusy(false);
        setError(describeError(err));
      },
    );
  };

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (busy) return;
        setOpen(o);
        if (o) setError(null);
      }}
      trigger={trigger}
      title={title}
      description={description}
      initialFocus={cancelRef}
      testId={testId}
      footer={
        <>
          {error ? (
            <span className="modal-error" role="alert">
              {error}
            </span>
          ) : null}
          <Dialog.Close asChild>
            <button type="button" className="btn" ref={cancelRef} disabled={busy}>
              {cancelLabel}
            </button>
          </Dialog.Close>
          <button
            type="button"
            className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
            onClick={confirm}
            disabled={busy}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
