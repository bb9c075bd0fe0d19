import { setFlagsFromString } from 'node:v8';

// Under a stream of requests V8 lets the old generation grow to several times what survives a
// full collection before it collects again: the ingest server's heap reached ~170 MB with ~55
// MB live (a heap snapshot under the http bench), most of its RSS growth under load. Growing
// by 20 % of the live set instead: 631 against 783 MB after the same load, ~8 % more CPU per
// request (bench/RESULTS.md, "The server's heap growth"). Imported first by the entry points that
// serve, so it holds before anything is allocated.
setFlagsFromString('--heap-growing-percent=20');
