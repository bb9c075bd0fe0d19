/**
 * SQL: an event's place in time order, the event id breaking ties, as one UInt256 to pass to
 * argMin/argMax instead of the tuple `(ts, event_id)`. Same order: milliseconds in the top bits,
 * then the UUID as ClickHouse orders it (its two 64-bit halves swapped against `toUInt128`).
 * Per session over 1.5M page views (10M-event store, 30 days) the tuple cost ~450 ms, this ~310.
 */
export const EVENT_ORDER =
  'bitOr(bitShiftLeft(toUInt256(toUnixTimestamp64Milli(ts)), 128), toUInt256(bitOr(bitShiftLeft(toUInt128(event_id), 64), bitShiftRight(toUInt128(event_id), 64))))';
