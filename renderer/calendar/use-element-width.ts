import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * The width in pixels of an element, kept current with a ResizeObserver, so bars can decide whether a
 * full name fits. Starts at `fallback` until the element is measured.
 */
export function useElementWidth(element: Ref<HTMLElement | null>, fallback = 800): Ref<number> {
  const width = ref(fallback);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (!element.value || typeof ResizeObserver === 'undefined') return;
    width.value = element.value.clientWidth || fallback;
    observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box && box.width > 0) width.value = box.width;
    });
    observer.observe(element.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
