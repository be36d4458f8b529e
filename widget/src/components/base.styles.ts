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

  /* A busy indicator beside a loading message; slower for those who ask for less motion. */
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 3px solid #c9ccd1;
    border-top-color: var(--kmzb-accent, #0b3d91);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;
