import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { drawKlaxonIcon } from '../electron/main/icon/klaxon-icon.js';
import { encodePng } from '../electron/main/icon/png.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The sizes Linux desktops look up; electron-builder makes the Windows ICO and macOS ICNS from icon.png. */
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

/**
 * Writes the app icons, drawn in code (no image files in the repository to go stale): `build/icon.png`
 * (512×512, electron-builder's source for every platform) and `build/icons/<n>x<n>.png` for Linux.
 */
export function makeIcons(outDir: string = HERE): string[] {
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const written = [path.join(outDir, 'icon.png')];
  writeFileSync(written[0]!, encodePng(512, 512, drawKlaxonIcon(512)));
  for (const size of LINUX_SIZES) {
    const file = path.join(outDir, 'icons', `${size}x${size}.png`);
    writeFileSync(file, encodePng(size, size, drawKlaxonIcon(size)));
    written.push(file);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${makeIcons().map((f) => path.relative(process.cwd(), f)).join('\n')}\n`);
}
