/** The frame around the map (issue 12): the panel beside or under the map, full screen, placing by keyboard. */
export interface LayoutTranslation {
  /** The full-screen toggle in the header (aria-pressed); its name stays the same in both states. */
  fullscreen: string;
  /** On a narrow widget: the button that opens and closes the panel over the map (aria-expanded). */
  panel: string;
  /** Accessible name of the panel beside (or over) the map. */
  panelLabel: string;
  /** Shown over the map when "Report a threat" puts focus on it: how to place the pin. */
  placeInstruction: string;
  /** The legend's heading over the category symbols. */
  symbols: string;
  /** The legend's note on clusters. */
  clusters: string;
}
