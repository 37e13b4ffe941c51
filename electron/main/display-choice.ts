import type { DisplayChoice } from '../../shared/ipc.js';

/** A display as the wallboard window cares about it (a subset of Electron's `Display`). */
export interface DisplayLike {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
}


/**
 * Picks the display the wallboard window goes on: the remembered one while it is still connected;
 * otherwise the largest display that is not the primary one (a wall screen is usually the extra,
 * big one); otherwise the primary display. Returns undefined only when there are no displays.
 */
export function chooseWallboardDisplay<D extends DisplayLike>(displays: readonly D[], primaryId: number, rememberedId: number | null): D | undefined {
  const remembered = displays.find((d) => d.id === rememberedId);
  if (remembered) return remembered;
  const area = (d: D) => d.bounds.width * d.bounds.height;
  const others = displays.filter((d) => d.id !== primaryId).sort((a, b) => area(b) - area(a) || a.id - b.id);
  return others[0] ?? displays.find((d) => d.id === primaryId) ?? displays[0];
}

/** Lists displays for the console's picker, the primary first, with a readable name each. */
export function describeDisplays(displays: readonly DisplayLike[], primaryId: number): DisplayChoice[] {
  return [...displays]
    .sort((a, b) => Number(b.id === primaryId) - Number(a.id === primaryId) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y)
    .map((d, i) => {
      const primary = d.id === primaryId;
      const label = d.label.trim() || `Display ${i + 1}`;
      return { id: d.id, primary, name: `${label} (${d.bounds.width}×${d.bounds.height}${primary ? ', primary' : ''})` };
    });
}
