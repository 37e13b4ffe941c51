/** The parts of a browser window copying text uses (injected, so tests can hand in fakes). */
export interface CopyHost {
  navigator: { clipboard?: { writeText(text: string): Promise<void> } };
  document: Pick<Document, 'createElement' | 'body' | 'execCommand'>;
  isSecureContext: boolean;
}

/**
 * Copies `text` to the clipboard: through the Clipboard API where the page may use it (a secure
 * context: https, localhost, the desktop app), else by selecting it in a hidden text box and the
 * older copy command (a console opened over plain http on the LAN). Resolves true when it was copied.
 */
export async function copyText(text: string, host: CopyHost = window): Promise<boolean> {
  if (host.isSecureContext && host.navigator.clipboard) {
    try {
      await host.navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): the older way below may still work.
    }
  }
  const box = host.document.createElement('textarea');
  box.value = text;
  box.setAttribute('readonly', '');
  box.style.position = 'fixed';
  box.style.opacity = '0';
  host.document.body.append(box);
  try {
    box.select();
    return host.document.execCommand('copy');
  } catch {
    return false;
  } finally {
    box.remove();
  }
}
