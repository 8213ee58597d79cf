package dev.nexus.notifications.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KindTest {

    @Test
    void descriptionTextsNameEveryKindInOrder() {
        assertEquals(String.join(", ", Kind.keys()), Kind.KEYS_TEXT);
        assertEquals(String.join(", ", Kind.groupNewsKeys()), Kind.GROUP_NEWS_KEYS_TEXT);
    }

    @Test
    void storedKeysReadBackAsTheirKind() {
        for (Kind kind : Kind.values()) {
            assertEquals(kind, Kind.stored(kind.key()));
        }
    }
}
