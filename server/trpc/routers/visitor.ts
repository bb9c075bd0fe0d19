import { router } from '../init.ts';

export const visitorRouter = router({});
