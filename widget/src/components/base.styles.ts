import { css } from 'lit';

/**
 * Rules every shadow root of the widget needs alike (page CSS does not reach in, so each
 * element's styles include these): written once here.
 */
export const sharedStyles = css`
  /* Read by screen readers, not shown. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
