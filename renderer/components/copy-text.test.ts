import { describe, expect, it, vi } from 'vitest';
import { copyText, type CopyHost } from './copy-text.js';

function host(options: { secure: boolean; clipboard?: (text: string) => Promise<void>; execCommand?: () => boolean }) {
  const box = { value: '', style: {} as Record<string, string>, setAttribute: vi.fn(), select: vi.fn(), remove: vi.fn() };
  const fake = {
    isSecureContext: options.secure,
    navigator: options.clipboard ? { clipboard: { writeText: options.clipboard } } : {},
    document: { createElement: () => box, body: { append: vi.fn() }, execCommand: vi.fn(options.execCommand ?? (() => true)) },
  };
  return { host: fake as unknown as CopyHost, box, fake };
}

describe('copyText', () => {
  it('uses the Clipboard API in a secure context', async () => {
    const writeText = vi.fn(async () => {});
    const { host: h, fake } = host({ secure: true, clipboard: writeText });
    expect(await copyText('https://relay/wallboard#token=kwb_x', h)).toBe(true);
    expect(writeText).toHaveBeenCalledWith('https://relay/wallboard#token=kwb_x');
    expect(fake.document.execCommand).not.toHaveBeenCalled();
  });

  it('falls back to a selected hidden text box over plain http, and removes it', async () => {
    const { host: h, box, fake } = host({ secure: false, clipboard: vi.fn() });
    expect(await copyText('link', h)).toBe(true);
    expect(box.value).toBe('link');
    expect(box.select).toHaveBeenCalled();
    expect(fake.document.execCommand).toHaveBeenCalledWith('copy');
    expect(box.remove).toHaveBeenCalled();
  });

  it('falls back when the Clipboard API refuses, and says so when nothing could copy', async () => {
    const refused = vi.fn(async () => Promise.reject(new Error('denied')));
    expect(await copyText('link', host({ secure: true, clipboard: refused, execCommand: () => true }).host)).toBe(true);
    expect(await copyText('link', host({ secure: true, clipboard: refused, execCommand: () => false }).host)).toBe(false);
  });
});
