import { z } from 'zod';
import {
  LOCAL_TIME,
  CALLBACK_SORT_KEYS,
  CALLBACK_TABS,
  callbackIdInput,
  callbackOutcomeInput,
  dialable,
} from '../../contract/callbacks.ts';
import { leadIdInput } from '../../contract/lead-schema.ts';
import { env } from '../../env.ts';
import { tzOffset } from '../../reports/resolve-range.ts';
import { callbackDesk } from '../../chat/callback-desk.ts';
import { getCallbackHistory } from '../../queries/callback-history.ts';
import { getCallbackOutcomes } from '../../queries/callback-outcomes.ts';
import { listCallbacks } from '../../queries/list-callbacks.ts';
import { getUserNames } from '../../queries/user-names.ts';
import { knownSiteProcedure, router, siteProcedure } from '../init.ts';
import { listPageFields, pageWindow } from '../list-page.ts';
import { reportProcedure } from '../report-procedure.ts';

export const callbackListInput = z.object({
  tab: z.enum(CALLBACK_TABS).default('due'),
  sort: z.enum(CALLBACK_SORT_KEYS).default('dueAt'),
  ...listPageFields,
});

/** How a desk phone or softphone dials the number: `tel:` always, `sip:` when a SIP domain is set. */
const dialLinks = (phone: string) => {
  const number = dialable(phone);
  if (!number) return { tel: '', sip: '' };
  return { tel: `tel:${number}`, sip: env.SIP_DOMAIN ? `sip:${number}@${env.SIP_DOMAIN}` : '' };
};

/** The instant a wall-clock time names in `timeZone`; two passes settle a DST change, as startOfLocalDay. */
function onSiteClock(local: string, timeZone: string): number {
  const wall = Date.parse(`${local}:00Z`);
  return wall - tzOffset(timeZone, wall - tzOffset(timeZone, wall));
}

const callbackAct = z.object({ callbackId: callbackIdInput });

export const callbackRouter = router({
  /** One tab of the queue, a page of it (or every row for the CSV), with each tab's count. */
  list: knownSiteProcedure('callbacks:work')
    .input(callbackListInput)
    .query(async ({ ctx: { ch, site }, input }) => {
      const now = Date.now();
      const result = await listCallbacks(ch, site.id, {
        tab: input.tab,
        sort: input.sort,
        order: input.order,
        now,
        ...pageWindow(input),
      });
      const rows = result.rows.map((r) => ({ ...r, ...dialLinks(r.phone) }));
      return { ...result, rows, now, timeZone: site.timeZone };
    }),

  /** Takes the callback for this agent; another agent's claim answers CONFLICT. */
  claim: siteProcedure('callbacks:work')
    .input(callbackAct)
    .mutation(({ ctx: { ch, user }, input }) =>
      callbackDesk().claim(ch, input.siteId, input.callbackId, user.id).then(brief),
    ),

  release: siteProcedure('callbacks:work')
    .input(callbackAct)
    .mutation(({ ctx: { ch, user }, input }) =>
      callbackDesk().release(ch, input.siteId, input.callbackId, user.id).then(brief),
    ),

  /** The outcome of the claimer's call: done, or back in the queue at a new time. */
  record: knownSiteProcedure('callbacks:work')
    .input(callbackAct.extend({ result: callbackOutcomeInput }))
    .mutation(async ({ ctx: { ch, user, site }, input }) => {
      const { result } = input;
      if (result.outcome === 'call_again' && LOCAL_TIME.test(result.at))
        result.at = new Date(onSiteClock(result.at, site.timeZone)).toISOString();
      return brief(await callbackDesk().record(ch, site.id, input.callbackId, user.id, result));
    }),

  /** Every step of the callbacks of a lead or of a person's visitor ids, oldest first. */
  history: knownSiteProcedure('visitors:read')
    .input(
      z.object({
        leadId: leadIdInput.or(z.literal('')).default(''),
        visitorIds: z.array(z.string().min(1).max(64)).max(200).default([]),
      }),
    )
    .query(async ({ ctx: { ch, site }, input }) => {
      const [steps, names] = await Promise.all([
        getCallbackHistory(ch, site.id, { leadIds: input.leadId ? [input.leadId] : [], visitorIds: input.visitorIds }),
        getUserNames(ch),
      ]);
      return {
        timeZone: site.timeZone,
        steps: steps.map((s) => ({ ...s, agentName: names.get(s.agentId) ?? s.agentId })),
      };
    }),

  /** Callbacks worked per agent in the report's range, with their outcomes. */
  outcomes: reportProcedure('reports:read').query(async ({ ctx: { ch, site, range } }) => {
    const [rows, names] = await Promise.all([
      getCallbackOutcomes(ch, { siteId: site.id, from: range.from, to: range.to }),
      getUserNames(ch),
    ]);
    return rows.map((r) => ({ ...r, name: names.get(r.agentId) ?? r.agentId }));
  }),
});

function brief(row: { callback_id: string; state: string; claimed_by: string; outcome: string; due_at: number }) {
  return {
    callbackId: row.callback_id,
    state: row.state,
    claimedBy: row.claimed_by,
    outcome: row.outcome,
    dueAt: row.due_at,
  };
}
