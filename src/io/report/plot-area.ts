/** The rectangle of a chart that data is drawn in, px from the top left of the SVG. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}
