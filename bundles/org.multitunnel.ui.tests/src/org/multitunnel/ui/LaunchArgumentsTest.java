package org.multitunnel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ./workbench [CAPTURE] [--perspective analysis|testbed] is parsed the way the README documents it. */
class LaunchArgumentsTest {
    @Test
    void noArgumentsMeansAnalysisPerspectiveAndNoCapture() {
        LaunchArguments a = LaunchArguments.parse(List.of());
        assertNull(a.capture());
        assertEquals("org.multitunnel.ui.perspective.analysis", a.perspectiveId());
    }

    @Test
    void firstNonOptionIsTheCaptureAndPerspectiveTakesItsValue() {
        LaunchArguments a = LaunchArguments.parse(List.of("-clearPersistedState", "x.pcapng", "--perspective", "testbed"));
        assertEquals(Path.of("x.pcapng"), a.capture());
        assertEquals("testbed", a.perspective());
        assertEquals("org.multitunnel.ui.perspective.testbed", a.perspectiveId());
    }

    @Test
    void perspectiveAcceptsTheEqualsForm() {
        assertEquals("testbed", LaunchArguments.parse(List.of("--perspective=testbed")).perspective());
    }
}
