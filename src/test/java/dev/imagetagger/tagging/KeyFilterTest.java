package dev.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyFilterTest {

    @Test
    void noFiltersAcceptEveryKey() {
        assertTrue(new KeyFilter(List.of(), List.of()).accepts("anything/at all.bin"));
    }

    @Test
    void prefixesAndCaseInsensitiveSuffixesBothApply() {
        KeyFilter filter = new KeyFilter(List.of("uploads/", "inbox/"), List.of(".jpg", ".png"));

        assertTrue(filter.accepts("uploads/a.JPG"));
        assertTrue(filter.accepts("inbox/b.png"));
        assertFalse(filter.accepts("uploads/c.txt"));
        assertFalse(filter.accepts("other/a.jpg"));
    }
}
