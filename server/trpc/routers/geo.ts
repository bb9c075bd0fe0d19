import { router } from '../init.ts';

export const geoRouter = router({});
