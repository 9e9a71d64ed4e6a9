/**
 * A consequential action asks first: the button opens an inline question that says what will happen,
 * with the confirming button focused and a Cancel beside it. Inline rather than a modal, so it works
 * the same with a screen reader, a keyboard and on a phone.
 *
 * @example <ConfirmButton label={closeLabel} question={whatClosingDoes} onConfirm={() => close.mutate()} />
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmButton(props: {
  label: string;
  /** What will happen, in full ("Her consent … is withdrawn: partners lose access at once."). */
  question: string;
  /** The confirming button's text; defaults to the label. */
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** e.g. "danger" or "secondary", for the opening button. */
  className?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" className={props.className} disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  return (
    <div className="card confirm" role="group" aria-labelledby={id}>
      <p id={id}>{props.question}</p>
      <div className="actions">
        <button
          type="button"
          ref={confirmRef}
          className={props.className}
          disabled={props.disabled}
          onClick={() => {
            setAsking(false);
            props.onConfirm();
          }}
        >
          {props.confirmLabel ?? props.label}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
