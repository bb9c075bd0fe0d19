import { router } from '../init.ts';

export const liveRouter = router({});
