package io.tributary.state;

/** A room this node hosts whose lease another node holds now ({@code home}): the node must give it up. */
public record RoomConflict(RoomKey room, String home) {}
