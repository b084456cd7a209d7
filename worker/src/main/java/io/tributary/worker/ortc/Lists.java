package io.tributary.worker.ortc;

import java.util.List;

/** Immutable copies that keep "absent" (null) distinct from "empty", as JSON omission requires. */
final class Lists {

    private Lists() {}

    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
