package io.tributary.bench.placement;

import io.tributary.state.RoomKey;

/** A room being simulated: its plan, its home, and how many of its peers came and got in. */
final class SimRoom {

    final RoomPlan plan;
    final RoomKey key;
    SimNode home;
    int arrived;
    int admitted;

    SimRoom(RoomPlan plan) {
        this.plan = plan;
        this.key = new RoomKey("sim", plan.roomId());
    }
}
