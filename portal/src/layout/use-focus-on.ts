import { useEffect, useRef } from 'react';

/**
 * A ref that takes the keyboard focus each time `active` turns true: a question that replaces the
 * button that asked it (a confirmation) gets the focus, so it is read out and focus is not lost.
 */
export function useFocusOn<T extends HTMLElement>(active: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.focus();
  }, [active]);
  return ref;
}
