export * from './types.js';
export { evaluateAlerts } from './evaluate.js';
export { detectNavSwing, suggestTargets, drawdownSince, type NavSwing } from './signals.js';
export { ALERT_TEXT } from './messages.js';
