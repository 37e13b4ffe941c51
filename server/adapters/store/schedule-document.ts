import type { Schedule } from '../../../shared/schemas/schedule.js';

/**
 * Reads a stored schedule document into today's shape: documents written before a rotation's first
 * handoff was renamed from `handoff` to `start` carry the old name, and are given the new one (the
 * stored row is left as it is until the schedule is next saved).
 */
export function readScheduleDocument(doc: Schedule): Schedule {
  const needsRename = doc.layers.some((layer) => typeof (layer.rotation as { start?: unknown }).start !== 'string');
  if (!needsRename) return doc;
  return {
    ...doc,
    layers: doc.layers.map((layer) => {
      const { handoff, ...rotation } = layer.rotation as Schedule['layers'][number]['rotation'] & { handoff?: string };
      return typeof rotation.start === 'string' || handoff === undefined ? layer : { ...layer, rotation: { ...rotation, start: handoff } };
    }),
  };
}
