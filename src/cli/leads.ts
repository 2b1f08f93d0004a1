/** `caiban leads …` lives with the MOT commands (src/cli/mot.ts); this file is its manifest entry. */
export { registerLeads as register } from './mot.js';
