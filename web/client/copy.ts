/**
 * Copy buttons (`button[data-copy-target="<id>"]`): copy the text of a textarea or input (an embed code, a
 * link) to the clipboard, with the Clipboard API, else by selecting it and `execCommand('copy')`; the result
 * is said in a polite live region next to the button.
 */
import { announce, liveRegion, pageLang } from './dom.js';

const TEXT = {
  pl: { copied: 'Skopiowano.', failed: 'Nie udało się skopiować: zaznacz tekst i naciśnij Ctrl+C.' },
  en: { copied: 'Copied.', failed: 'Could not copy: select the text and press Ctrl+C.' },
} as const;

export function initCopyButtons(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-target]')) enhance(button);
}

function enhance(button: HTMLButtonElement): void {
  const text = TEXT[pageLang()];
  let status: HTMLElement | null = null;
  // Buttons shown only with JavaScript may come hidden in the HTML.
  button.hidden = false;
  button.addEventListener('click', async () => {
    const target = document.getElementById(button.dataset.copyTarget ?? '');
    if (!target) return;
    status ??= liveRegion(button);
    const value =
      target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement
        ? target.value
        : (target.textContent ?? '');
    announce(status, (await copy(value, target)) ? text.copied : text.failed);
  });
}

async function copy(value: string, target: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Refused (no permission, page not focused): fall back to selecting the text.
  }
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
    target.focus();
    target.select();
  } else {
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
