import { z } from 'zod';

// Runs in the browser before the app's own modules (a Next convention file). zod probes for
// eval (`Function("")`) to compile faster object parsers, once per schema built while JIT is
// on; the dashboard's CSP forbids eval, so every probe logged a policy violation. The browser
// parses little: it goes without. Set here because schemas are built when their modules load.
z.config({ jitless: true });
