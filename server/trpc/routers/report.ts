import { router } from '../init.ts';

export const reportRouter = router({});
