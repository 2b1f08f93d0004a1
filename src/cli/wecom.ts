import type { Command } from 'commander';
export const register = (_p: Command): void => undefined;
