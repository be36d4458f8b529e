/**
 * The map view's panel elements (filters, detail, list), registered together, and the panel's
 * template that renders them with the legend (browse-panel.ts). A chunk of its own
 * in the ES build, loaded when the widget first renders: the map's first frame does not wait for
 * their code, and the panel they fill has its size from the start, so nothing moves when they come.
 */
import '../kmzb-report-detail/kmzb-report-detail.js';
import '../kmzb-report-filters/kmzb-report-filters.js';
import '../kmzb-report-list/kmzb-report-list.js';

export { renderBrowsePanel } from './browse-panel.js';
