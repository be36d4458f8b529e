import { CSSResult, type CSSResultOrNative } from 'lit';
import { yieldToMain } from '../../map/slices.js';

/**
 * Parses stylesheets ahead of their use, each in a task of its own: a CSSResult makes its
 * CSSStyleSheet on first use and keeps it, so adopting them later costs no parsing. Parsed at
 * the element's creation, as Lit does, they were one block of its first task.
 */
export async function parseInTasks(styles: readonly CSSResultOrNative[]): Promise<void> {
  for (const style of styles) {
    if (style instanceof CSSResult) void style.styleSheet;
    await yieldToMain();
  }
}
