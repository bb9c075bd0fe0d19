import { z } from 'zod';

/** How many pages in a row the Journeys screen's top runs may have. */
export const JOURNEY_STEPS = [3, 4, 5] as const;
export type JourneySteps = (typeof JOURNEY_STEPS)[number];

/** The page a journey centres on, as stored in `events.path` (same bounds as the page filter). */
export const journeyPage = z.string().trim().min(1).max(256);

/** Which side of the chosen page a neighbour was viewed on. */
export const NEIGHBOUR_SIDES = ['before', 'after'] as const;
export type NeighbourSide = (typeof NEIGHBOUR_SIDES)[number];
