package io.tributary.bench.placement;

/** One room of the synthetic day: when its first peer comes, how many peers it grows to, how long it lives. */
record RoomPlan(String roomId, long arrivalMs, int size, long lifetimeMs) {}
