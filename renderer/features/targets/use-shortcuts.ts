import { useEffect, useEffectEvent } from 'react';

export interface TargetsShortcuts {
  /** Ctrl+F (⌘F): the filter instead of the browser's find bar, which cannot see rows outside the drawn window. */
  focusFilter(): void;
  /** F5: the last search again, instead of a reload that would throw the results away. */
  repeatSearch(): void;
}

/** A modal dialog owns the keyboard while it is open (Esc closes it); the page's shortcuts wait. */
function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

export function useTargetsShortcuts(shortcuts: TargetsShortcuts): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || dialogOpen()) return;
    const command = event.ctrlKey || event.metaKey;
    if (command && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      shortcuts.focusFilter();
    } else if (event.key === 'F5' && !command && !event.altKey) {
      event.preventDefault();
      shortcuts.repeatSearch();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
