export { AuthlensPanel, type AuthlensPanelProps } from './authlens-panel.js';
export { dashboardLink, type PanelTarget, panelQueryUrl, pickPanelDecision } from './panel-lookup.js';
