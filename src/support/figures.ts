// The manual's screenshots on disk (public/manual/, served under /static/manual/): their size, read
// from the PNG header once, so a page reserves the room of each picture before it loads.
import { openSync, readSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FigureName } from './manual.ts';

export const FIGURE_DIR = fileURLToPath(new URL('../../public/manual/', import.meta.url));

const sizes = new Map<FigureName, { width: number; height: number } | undefined>();

/** Width and height in pixels, or undefined if the file is missing or not a PNG. */
export function figureSize(name: FigureName): { width: number; height: number } | undefined {
  if (sizes.has(name)) return sizes.get(name);
  let size: { width: number; height: number } | undefined;
  try {
    const fd = openSync(`${FIGURE_DIR}${name}.png`, 'r');
    try {
      const header = Buffer.alloc(24);
      readSync(fd, header, 0, 24, 0);
      // The signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
      if (header.toString('latin1', 1, 4) === 'PNG' && header.toString('latin1', 12, 16) === 'IHDR') {
        size = { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    size = undefined;
  }
  // A missing file is looked for again next time (the walks may have made it since).
  if (size) sizes.set(name, size);
  return size;
}
