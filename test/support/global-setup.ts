import type { TestProject } from 'vitest/node';
import { buildFixtures } from './fixtures.js';

/** Runs once per `vitest run`: builds the shared database fixtures and hands their names to the test workers. */
export const setup = async (project: TestProject): Promise<() => Promise<void>> => {
  const { fixtures, dispose } = await buildFixtures();
  project.provide('caibanFixtures', fixtures);
  return dispose;
};
