import type { EventSnapshot } from './evaluate.js';

/**
 * A customer's newest events, newest first (say, the 360's timeline), and whether they are all of its events
 * (`complete`: fewer than the limit came back).
 */
export type RecentEvents = { events: readonly EventSnapshot[]; complete: boolean };

/**
 * The events of the window (from, asOf] taken from the newest events already read, when those reach back to the
 * window's start: every event in the window is then newer than the oldest one read, so none is missing. Null when
 * they do not (the window has to be read).
 */
export const eventsInWindow = (recent: RecentEvents, from: Date, asOf: Date): EventSnapshot[] | null => {
  const oldest = recent.events[recent.events.length - 1];
  if (!recent.complete && (oldest === undefined || oldest.at.getTime() > from.getTime())) return null;
  return recent.events
    .filter((e) => e.at.getTime() > from.getTime() && e.at.getTime() <= asOf.getTime())
    .map((e) => ({ type: e.type, at: e.at }));
};
