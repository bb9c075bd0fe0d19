import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC, serviceLevel } from './erlang-c.ts';

// Reference values. Each was also recomputed here from the closed form
//   C(A, N) = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A))
// at 50 significant digits (Python mpmath), so the digits below are exact to the places shown.

describe('erlangC: probability of waiting', () => {
  // The classic Erlang C table, row A = 10 Erlangs (e.g. the Erlang C tables in
  // R. B. Cooper, "Introduction to Queueing Theory", and every call-centre table reprinting it).
  it.each([
    [11, 0.6821],
    [12, 0.4494],
    [13, 0.2853],
    [14, 0.1741],
    [15, 0.102],
  ])('A = 10, N = %i → %f', (n, p) => {
    expect(erlangC(10, n)).toBeCloseTo(p, 4);
  });

  it('is 1 when the servers cannot keep up, 0 without traffic, A itself for one server', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 7)).toBe(1);
    expect(erlangC(0, 3)).toBe(0);
    expect(erlangC(0.25, 1)).toBeCloseTo(0.25, 12);
  });

  it('stays finite where A^N/N! would overflow a double', () => {
    // mpmath: C(200, 210) = 0.3756148240, C(1000, 1030) = 0.2489087858.
    expect(erlangC(200, 210)).toBeCloseTo(0.375614824, 8);
    expect(erlangC(1000, 1030)).toBeCloseTo(0.2489087858, 8);
  });
});

describe('serviceLevel', () => {
  // The step-by-step Erlang C example published by Mitan Ltd ("The Erlang-C Formula",
  // reprinted by call-centre sites): 360 calls per half hour, 4-minute calls, 55 agents,
  // 15 s target → traffic 48 Erlangs, probability of waiting 23.9%, average speed of
  // answer 8.2 s, service level 84.6%.
  it('reproduces the 360 calls / 30 min, 240 s, 55 agents example', () => {
    const perHour = 720;
    expect((perHour * 240) / 3600).toBe(48);
    const c = erlangC(48, 55);
    expect(c).toBeCloseTo(0.2387, 4);
    expect((c * 240) / (55 - 48)).toBeCloseTo(8.18, 2);
    expect(serviceLevel(perHour, 240, 55, 15)).toBeCloseTo(0.8459, 4);
    expect(serviceLevel(perHour, 240, 55, 20)).toBeCloseTo(0.8668, 4);
  });

  it('is 0 for an unstable queue and 1 without traffic', () => {
    expect(serviceLevel(720, 240, 48, 20)).toBe(0);
    expect(serviceLevel(0, 240, 1, 20)).toBe(1);
  });
});

describe('agentsNeeded', () => {
  it('finds the smallest N meeting 80/20 for 48 Erlangs (54: 81.7%; 53 gives 75.2%)', () => {
    const e = agentsNeeded({
      chatsPerHour: 720,
      ahtSeconds: 240,
      concurrency: 1,
      targetPercent: 80,
      targetSeconds: 20,
    });
    expect(e).toMatchObject({ trafficErlangs: 48, slots: 54, agents: 54 });
    expect(e.serviceLevel).toBeCloseTo(0.8172, 4);
    expect(serviceLevel(720, 240, 53, 20)).toBeCloseTo(0.7518, 4);
  });

  it('stops exactly at the boundary: A = 10 at 80/20 with 180 s needs 14 (13 reaches 79.56%)', () => {
    expect(serviceLevel(200, 180, 13, 20)).toBeCloseTo(0.7956, 4);
    expect(serviceLevel(200, 180, 14, 20)).toBeCloseTo(0.8884, 4);
    expect(
      agentsNeeded({ chatsPerHour: 200, ahtSeconds: 180, concurrency: 1, targetPercent: 80, targetSeconds: 20 }).slots,
    ).toBe(14);
    expect(
      agentsNeeded({ chatsPerHour: 200, ahtSeconds: 180, concurrency: 1, targetPercent: 79, targetSeconds: 20 }).slots,
    ).toBe(13);
  });

  it('turns chat slots into agents with concurrency', () => {
    // 30 chats/h × 600 s = 5 Erlangs; 80% within 60 s needs 8 slots (87.6%; 7 slots give 73.5%).
    const base = { chatsPerHour: 30, ahtSeconds: 600, targetPercent: 80, targetSeconds: 60 };
    expect(agentsNeeded({ ...base, concurrency: 1 })).toMatchObject({ slots: 8, agents: 8 });
    expect(agentsNeeded({ ...base, concurrency: 3 })).toMatchObject({ slots: 8, agents: 3 });
    expect(agentsNeeded({ ...base, concurrency: 8 })).toMatchObject({ slots: 8, agents: 1 });
  });

  it('needs no one without chats, and at least one slot for any chat', () => {
    expect(
      agentsNeeded({ chatsPerHour: 0, ahtSeconds: 300, concurrency: 3, targetPercent: 80, targetSeconds: 20 }),
    ).toEqual({ trafficErlangs: 0, slots: 0, agents: 0, serviceLevel: 1 });
    expect(
      agentsNeeded({ chatsPerHour: 0.5, ahtSeconds: 300, concurrency: 3, targetPercent: 95, targetSeconds: 20 }),
    ).toMatchObject({ slots: 1, agents: 1 });
  });

  it('asks for more as the target tightens', () => {
    const at = (targetPercent: number, targetSeconds: number) =>
      agentsNeeded({ chatsPerHour: 720, ahtSeconds: 240, concurrency: 1, targetPercent, targetSeconds }).slots;
    expect(at(90, 20)).toBeGreaterThan(at(80, 20));
    expect(at(80, 5)).toBeGreaterThan(at(80, 60));
  });
});
