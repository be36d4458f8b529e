import { css } from 'lit';

/**
 * The element's box and the frame's: all the first render needs (panel-stages.ts), adopted
 * alone at first. The rest of the stylesheets (~20 KB) is parsed in tasks of its own before the
 * frame renders: parsed with the element's creation, it was ~30-90 ms of its first task.
 */
export const boxStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  /*
   * Inherited properties (font, colour, spacing, alignment ...) cross the shadow boundary from
   * the page; 'all: initial' stops that here, so a host page's CSS cannot restyle the widget
   * (font-size becomes "medium": the reader's own default size, not the page's).
   * The frame is the container the layout asks about (wide or narrow: the widget's own width,
   * not the page's), and it clips: nothing of the widget paints outside the host's box.
   */
  .frame {
    all: initial;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    overflow: hidden;
    container: kmzb-frame / inline-size;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    line-height: 1.4;
    color: #1b1b1b;
    background: var(--kmzb-background, #f4f5f7);
    border: 1px solid #c9ccd1;
  }
`;
