import { setFlagsFromString } from 'node:v8';

// Under a stream of requests V8 lets the old generation grow to several times what survives a
// full collection before it collects again: the ingest server's heap reached ~170 MB with ~55
// MB live (a heap snapshot under the http bench), most of its RSS growth under load. Growing
// by 20 % of the live set instead: 631 against 783 MB after the same load, ~8 % more CPU per
// request (bench/RESULTS.md, "The server's heap growth"). Imported first by the entry points that
// serve, so it holds before anything is allocated. The young generation's size is read only
// when the heap is made, so its cap is a flag of `npm start` (package.json): 8 MB semi-spaces
// instead of 16, 578 against 614 MB under the same load, CPU per request 1.04 (bench/RESULTS.md,
// "geoip-lite's joined ranges and a smaller young generation"); the benches start their server
// with the flags of that script (bench/child.ts).
setFlagsFromString('--heap-growing-percent=20');
