package io.tributary.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One beat drives every periodic task of a worker at its own period; cancelling is safe mid-beat. */
class WorkerTicksTest {

    private final WorkerTicks ticks = new WorkerTicks();
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasksRunAtTheirPeriodInWholeBeats() {
        ticks.every(40, now -> ran.add("rtcp@" + now));
        ticks.every(1000, now -> ran.add("consent@" + now));
        for (int beat = 1; beat <= 50; beat++) {
            ticks.tick(beat * 40L);
        }
        assertEquals(50, ran.stream().filter(s -> s.startsWith("rtcp")).count());
        assertEquals(List.of("consent@1000", "consent@2000"), ran.stream().filter(s -> s.startsWith("consent")).toList());
    }

    @Test
    void aTaskMayCancelItselfAndOthersDuringABeat() {
        List<WorkerTicks.Registration> registrations = new ArrayList<>();
        registrations.add(ticks.every(40, now -> {
            ran.add("first");
            registrations.forEach(WorkerTicks.Registration::cancel);
        }));
        registrations.add(ticks.every(40, now -> ran.add("second")));
        ticks.tick(40);
        ticks.tick(80);
        assertEquals(List.of("first"), ran, "cancelled during the beat: the second never runs, nothing runs again");
    }

    @Test
    void aTaskAddedDuringABeatStartsAPeriodLater() {
        ticks.every(40, now -> {
            if (ran.isEmpty()) {
                ticks.every(80, later -> ran.add("added@" + later));
            }
            ran.add("beat@" + now);
        });
        for (int beat = 1; beat <= 4; beat++) {
            ticks.tick(beat * 40L);
        }
        assertEquals(List.of("beat@40", "beat@80", "beat@120", "added@120", "beat@160"), ran);
    }
}
