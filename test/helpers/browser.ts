// Debian's Chromium for the browser tests (never a downloaded build), started the way this machine needs:
// headless, no sandbox as root, and no background networking (the closed network refuses it).
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath: string | null = (() => {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('chromium is not installed');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
