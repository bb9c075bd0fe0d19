import { importChunkInput } from '../../contract/customer-import.ts';
import { importCustomers } from '../../leads/customer-import.ts';
import { knownSiteProcedure, router } from '../init.ts';

export const peopleRouter = router({
  /** One chunk of a customer CSV, mapped and parsed in the browser; the answer counts it and lists bad rows. */
  importChunk: knownSiteProcedure('people:import')
    .input(importChunkInput.omit({ siteId: true }))
    .mutation(({ ctx: { ch, site }, input }) => importCustomers(ch, site.id, input.rows)),
});
